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

/** What `describeNonRegularFile` needs of a file's stat (node:fs Stats has it; core imports no node module). */
export interface FileTypeProbe {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

/**
 * Why a path that is not a regular file is refused as a config file. Reading a FIFO waits for a
 * writer forever and a device such as /dev/zero never ends, so the CLI and the extension both stat
 * a config path and refuse anything else before reading a byte.
 */
export function describeNonRegularFile(stats: FileTypeProbe): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (stats.isCharacterDevice()) return 'is a character device, not a regular file';
  if (stats.isBlockDevice()) return 'is a block device, not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}
