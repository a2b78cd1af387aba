// `wslinfo --networking-mode` prints the effective mode after every fallback
// (src/linux/init/wslinfo.cpp): nat, bridged, mirrored, consomme, none, or wsl1 in a WSL1
// distro. `virtioproxy` is accepted as the older spelling of consomme.
import type { NetworkingMode } from './hostTypes';

const MODES: readonly NetworkingMode[] = ['nat', 'bridged', 'mirrored', 'consomme', 'none', 'wsl1'];

export function parseNetworkingMode(text: string): NetworkingMode | undefined {
  const word = text.replace(/\r/g, '').trim().toLowerCase();
  if (word === 'virtioproxy') return 'consomme';
  return (MODES as readonly string[]).includes(word) ? (word as NetworkingMode) : undefined;
}
