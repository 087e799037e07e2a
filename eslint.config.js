import { defineConfig } from 'eslint/config';
import { js, tseslint } from '@giao-ban/lint';

/**
 * ESLint's and typescript-eslint's recommended rules, the type-checked ones included, with the
 * few settings below. `npm run lint` fails on errors; warnings are findings left to fix.
 * typescript-eslint comes from the tools/lint workspace (it needs TypeScript's classic API,
 * which the project's TypeScript 7 no longer has; see tools/lint/package.json).
 */
export default defineConfig(
  { ignores: ['**/node_modules/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  {
    rules: {
      // `_name` marks a value left out on purpose (a destructured field, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A route or handler implements an async interface even when it has nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Two writes joined by a comma (`keys.push(k), argv.push(v)`) are this code base's style in tight loops.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // Tests and benchmarks read untyped JSON (Bot API parameters, HTTP bodies, backup files),
    // corrupt records on purpose and hand async handlers to Node's servers.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // Findings in files other areas of issue 11 own, left to them: warnings (shown, not failing)
    // until fixed. Remove an entry once its file is clean.
    files: ['src/store/broadcasts.ts', 'src/store/members.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'warn' },
  },
  {
    files: ['test/e2e/meeting-reminders.test.ts', 'test/faults/security-matrix.test.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'warn' },
  },
  {
    files: ['test/e2e/proposals.test.ts', 'test/integration/backup.test.ts'],
    rules: { '@typescript-eslint/await-thenable': 'warn' },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
