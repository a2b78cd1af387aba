// `wslinfo --networking-mode` prints the effective mode after every fallback
// (src/linux/init/wslinfo.cpp): nat, bridged, mirrored, consomme, none, or wsl1 in a WSL1
// distro. `virtioproxy` is accepted as the older spelling of consomme. The mode names and the
// alias have one home, the shared core's networkingMode.ts.
export { parseEffectiveModeName as parseNetworkingMode } from '../../../server/src/core';
