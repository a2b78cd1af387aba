/**
 * Size limits shared by the language server and the CLI.
 *
 * WSL's own config files are a few hundred bytes; the largest real `.wslconfig` seen is a few KB. A
 * limit keeps one hostile or accidental file (a log pasted into `wsl.conf`, a 500 MB dump) from
 * taking the process's memory and time: analysis and its result grow with the text.
 */
export const MAX_CONFIG_FILE_BYTES = 4 * 1024 * 1024;
