import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The engine is pure TypeScript + tfjs: it runs in Node, in a worker and in tests alike.
    files: ['src/model/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*'], message: 'src/model must not import React.' },
            { group: ['d3', 'd3-*'], message: 'src/model must not import d3.' },
            { group: ['katex'], message: 'src/model must not import KaTeX.' },
            { group: ['**/components/**', '**/content/**'], message: 'src/model is UI-free.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/model must not touch the DOM.' },
        { name: 'document', message: 'src/model must not touch the DOM.' },
        { name: 'navigator', message: 'src/model must not touch the DOM.' },
        { name: 'HTMLElement', message: 'src/model must not touch the DOM.' },
      ],
    },
  },
);
