// `wsl.exe -l -q`: one bare distro name per line, default first. Unlike `-l -v` it prints
// nothing (exit 0) when no distro is installed, because the "no distributions" error is
// raised only for the non-quiet listings (WslClient.cpp `ListDistributionsHelper`).
import { meaningfulLines } from './decodeOutput';

export function parseWslListQuiet(text: string): string[] {
  return meaningfulLines(text);
}
