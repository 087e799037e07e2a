// Re-exported from here so that typescript-eslint resolves `typescript` to this workspace's
// 6.0 (classic API) and not to the project's TypeScript 7; see package.json.
export { default as js } from '@eslint/js';
export { default as tseslint } from 'typescript-eslint';
