// Lint: typescript-eslint's recommended type-aware rules, plus the layer boundaries of docs/architecture.md
// (import zones) and a circular-import check.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const layer = (target, allowed, message) => ({
  target,
  from: './src',
  except: allowed,
  message,
});

// The layers of docs/architecture.md ("may import"): each zone lists what its files may import of src/.
const CORE = layer('./src/core', ['./core'], 'core/ is pure: it may import only core/.');
const APP = layer('./src/app', ['./core', './app'], 'app/ may import core/ and app/ only.');
const STORE = layer('./src/store', ['./core', './app', './store'], 'store/ may import core/, app/ ports and store/.');
const CONFIG = layer('./src/config.ts', ['./core', './app', './config.ts'], 'config.ts may import core/ and app/.');
const DEPS = layer('./src/deps.ts', ['./core', './app', './store', './config.ts', './deps.ts'], 'deps.ts (the composition root) may import core/, app/, store/ and config.ts.');
const EDGE = ['./core', './app', './config.ts', './deps.ts'];
const SERVER = layer('./src/server', [...EDGE, './server'], 'server/ may import app/, core/, config.ts and deps.ts (the store through deps.ts only).');
const CLI = layer('./src/cli', [...EDGE, './cli'], 'cli/ may import app/, core/, config.ts and deps.ts (the store through deps.ts only; the server from commands/serve.ts only).');
const LAYERS = [CORE, APP, STORE, CONFIG, DEPS];
/** Tests and their helpers (`*.test.ts`, `testing*.ts`) build real stores and servers: cli/ and server/ ones may also import store/, and cli/ ones server/. */
const TEST_FILES = ['src/**/*.test.ts', 'src/**/testing*.ts'];
/** The core modules the web app imports values from: they import nothing of ours at run time, so no server code reaches the bundle. */
const WEB_SHARED_CORE = ['src/core/zone-names.ts', 'src/core/contact.ts', 'src/core/model.ts', 'src/core/rules/params.ts', 'src/core/rules/protocol.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', 'web/dist/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...LAYERS, SERVER, CLI] }],
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['temporal-polyfill', '@js-temporal/*'], message: 'Only src/core/time.ts may import Temporal.' }],
      }],
    },
  },
  // `afterword serve` starts the server: the one CLI module that imports server/.
  {
    files: ['src/cli/commands/serve.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...LAYERS, SERVER, { ...CLI, except: [...CLI.except, './server'] }] }] },
  },
  // Wider access for tests and testing helpers (see TEST_FILES).
  {
    files: TEST_FILES,
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [...LAYERS, { ...SERVER, except: [...SERVER.except, './store'] }, { ...CLI, except: [...CLI.except, './server', './store'] }],
      }],
    },
  },
  // The web app (web/src) has a zone of its own: web/ files, the shared core modules above for
  // values, and types (`import type`) from core/ and server/ (the API client's route types).
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [{ target: './web/src', from: '.', except: ['./web', './src/core', './src/server', './node_modules'], message: 'web/src may import web/ files, core/ and (as types) server/.' }],
      }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          {
            // Any module of src/ (with or without its extension) but the shared core modules.
            regex: `^(\\.\\./)+src/(?!(${WEB_SHARED_CORE.map((f) => f.slice('src/'.length).replace(/\.ts$/, '')).join('|')})(\\.js)?$)`,
            allowTypeImports: true,
            message: 'The web app imports values only from web/ and the shared core modules (eslint.config.js WEB_SHARED_CORE); the server\'s and the rest of core\'s types with `import type`.',
          },
          { group: ['temporal-polyfill', '@js-temporal/*'], message: 'Only src/core/time.ts may import Temporal.' },
        ],
      }],
    },
  },
  // The shared core modules import nothing of ours at run time (types only), so the web bundle holds no server code.
  {
    files: WEB_SHARED_CORE,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['./*', '../*'], allowTypeImports: true, message: 'Shared with the web app (eslint.config.js WEB_SHARED_CORE): import only types from our modules.' }],
      }],
    },
  },
  {
    files: ['src/core/time.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core/ reads no environment.' },
        { name: 'Date', message: 'core/ reads no clock: use core/time.ts and the `now` it is given.' }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'core/ reads no clock.' },
        { object: 'performance', property: 'now', message: 'core/ reads no clock.' }],
    },
  },
  {
    files: ['src/core/time.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  // Use-case errors are data (docs/errors.md): `new AppError({ reason, params }, { path })`, worded
  // once per edge from src/app/reasons.ts. The literal-message form is deprecated: only the files
  // below, not moved yet, may still write one.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/app/errors.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='AppError'][arguments.1.type=/^(Literal|TemplateLiteral|BinaryExpression|CallExpression)$/]", message: 'An AppError is a reason and its parameters: new AppError({ reason, params }, { path }), its words in src/app/reasons.ts (docs/errors.md).' },
        { selector: "NewExpression[callee.name='AppError'][arguments.0.type=/^(Literal|TemplateLiteral|ConditionalExpression)$/][arguments.1.type!=/^(Literal|TemplateLiteral|BinaryExpression|CallExpression)$/]", message: 'An AppError is a reason and its parameters: new AppError({ reason, params }, { path }), its words in src/app/reasons.ts (docs/errors.md).' }],
    },
  },
  // Test files share their worker's modules (vitest.config.ts: isolate: false): none may change
  // process-wide state another file would then see.
  {
    files: ['src/**/*.test.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        ...['mock', 'doMock', 'useFakeTimers', 'stubEnv', 'stubGlobal', 'spyOn'].map((property) => ({ object: 'vi', property, message: 'Test files share their worker (vitest.config.ts, isolate: false): use real components, not mocks, timers or globals changed for everyone.' })),
        { object: 'process', property: 'chdir', message: 'Test files share their worker (vitest.config.ts, isolate: false): pass a folder instead of changing the working directory.' }],
      'no-restricted-syntax': ['error',
        { selector: "AssignmentExpression > MemberExpression.left[object.object.name='process'][object.property.name='env']", message: 'Test files share their worker (vitest.config.ts, isolate: false): give a child process its environment instead of changing this one.' },
        { selector: "UnaryExpression[operator='delete'] > MemberExpression[object.object.name='process'][object.property.name='env']", message: 'Test files share their worker (vitest.config.ts, isolate: false): give a child process its environment instead of changing this one.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
