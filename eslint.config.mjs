// ESLint (flat config, typescript-eslint). Besides the recommended rules it enforces the layers:
// - no `vscode` in client/src/host, in the pure cockpit logic (client/src/model) or in server/src (core included);
// - nothing from client/ in server/;
// - the client reaches the shared core only through its public entry, server/src/core/index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = {
  name: 'vscode',
  message: 'This layer runs without VS Code (plain Node tests); keep vscode in the cockpit shell.',
};
/** The cockpit files that decide things without VS Code (tested under plain node:test). */
const PURE_COCKPIT = [
  'facts',
  'status',
  'portsModel',
  'diagnose',
  'exposure',
  'modeSwitch',
  'wslConfigFile',
  'hostSetup',
  'vmClock',
  'l10n',
].map((name) => `client/src/cockpit/${name}.ts`);
const CORE_ONLY_THROUGH_ENTRY = {
  group: ['**/server/src/*', '**/server/src/**', '!**/server/src/core'],
  message: 'The client imports the shared core only through its public entry (server/src/core, i.e. core/index.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      '.vscode-test/**',
      'bench-results/**',
      // StrykerJS's sandboxes (instrumented copies of the sources) and reports, while a run is going.
      '.stryker-tmp*/**',
      'reports/**',
      '**/*.mjs',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Regexes of this code base escape characters for readability; not worth a churn of every parser.
      'no-useless-escape': 'warn',
      // Parsers of WSL's and Windows' output match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [CORE_ONLY_THROUGH_ENTRY] }] },
  },
  {
    files: ['client/src/host/**/*.ts', 'client/src/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [CORE_ONLY_THROUGH_ENTRY] }] },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_VSCODE],
          patterns: [
            {
              group: ['**/client/**', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'The server and the core never import the client.',
            },
          ],
        },
      ],
    },
  },
);
