// One lint configuration for the whole workspace: typescript-eslint's recommended rules on every file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // SQL is built with bindings everywhere; only the storage layer may speak a dialect's own SQL.
    files: ['**/*.ts'],
    ignores: ['host/src/storage/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='raw'] > TemplateLiteral", message: 'Build SQL with bindings, never by string interpolation.' }],
    },
  },
  {
    // Tests read JSON answers whose shape each assertion spells out.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
