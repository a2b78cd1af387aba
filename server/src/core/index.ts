/**
 * The public entry of the shared core: what the VS Code client (client/src) and the CLI
 * (server/src/cli.ts) may use. Everything else in this folder is internal to the core and the
 * language server; ESLint (eslint.config.mjs) rejects client imports that bypass this file.
 */
export { analyze, type Analysis } from './analyzer';
export type { FileKind } from './catalogue';
export {
  applyTextEdits,
  commentOutKey,
  detectLineEnding,
  setKey,
  type ConfigTextEdit,
  type LineEnding,
} from './configEdits';
export * from './encoding';
export type { Finding, Severity } from './findings';
export { MAX_CONFIG_FILE_BYTES, describeNonRegularFile, type FileTypeProbe } from './limits';
export { LineIndex } from './lineIndex';
export { parseConfig, type ParsedConfig } from './parser';
export * from './networkingMode';
export { minimalReplacement } from './textEdits';
export { crossFileFindings, summarizeDistroConfig, type CrossFileFinding, type CrossFileResult } from './crossFile';
export { SERVER_NODE_OPTIONS } from './serverNodeOptions';
