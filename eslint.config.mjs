// typescript-eslint's type-checked recommendations for the shipped code; the plain recommendations for tests and
// scripts, which poke at internals and fixtures on purpose. Formatting is Prettier's (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/fixtures/**', '.vscode-test/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.recommended],
    // Tests load modules fresh (require after a cache reset) on purpose.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      // Binary-content and NUL checks match control characters on purpose.
      'no-control-regex': 'off',
      // `_x` names a value left out on purpose (rest destructuring that drops fields).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Go template values are dynamic (any data, maps, slices, Go numbers): the renderer prints them the way Go's
    // fmt does, on purpose, and reads data whose shape only the template knows.
    files: ['server/src/engine/helm/**/*.ts'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // mvdan-sh is GopherJS output without types: its Go values are read field by field here and only here
    // (goAst.ts is the typed boundary the rest of the engine uses).
    files: [
      'server/src/engine/models/goAst.ts',
      'server/src/engine/models/shell.ts',
      'server/src/engine/models/runScript.ts',
      'server/src/engine/models/dockerfile.ts',
      'server/src/engine/models/mvdan-sh.d.ts',
    ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
