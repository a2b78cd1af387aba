/**
 * Size limits shared by the language server and the CLI, so both refuse the same files.
 */

/**
 * The largest config file that is analysed: 4 MiB. Real `.wslconfig`, `wsl.conf` and
 * `wsl-distribution.conf` files are a few hundred bytes to a few kilobytes; 4 MiB is over 100,000
 * lines of them. Anything bigger is not a config file someone wrote (a mistaken path, a device,
 * generated junk), and analysing it would only cost memory and time.
 */
export const MAX_CONFIG_FILE_BYTES = 4 * 1024 * 1024;
