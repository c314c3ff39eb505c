import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** UI libraries: React, d3 and KaTeX. */
const UI_LIBRARIES = ['react', 'react-*', 'react/*', 'd3', 'd3-*', 'katex'];

/** A lint block that keeps the files of one layer from importing `groups` of paths. */
function layer(files, why, groups) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: groups.map((group) => ({ group, message: `${why}: not ${group.join(', ')}.` })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // Type-aware rules for promises: a floating promise in async worker or lab code hides errors.
    files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'tests/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // The layers, enforced (tests in scripts/lint-rules.test.ts). Dependencies point one way:
  // model ← state ← components ← content; plots know nothing of labs, articles or lab state; the
  // article's pure maths (src/math) depends on nothing of ours. A later block's rule replaces an
  // earlier one for the files both match, so each block lists everything its layer may not use.
  layer('src/math/**/*.{ts,tsx}', 'src/math is pure maths', [
    UI_LIBRARIES,
    ['**/model/**', '**/state/**', '**/components/**', '**/content/**'],
  ]),
  layer('src/state/**/*.{ts,tsx}', 'src/state sits below the components', [
    ['react', 'react-*', 'react/*', 'd3', 'd3-*', 'katex'],
    ['**/components/**', '**/content/**'],
  ]),
  layer('src/components/**/*.{ts,tsx}', 'components do not reach into the article', [
    ['**/content/**'],
  ]),
  // The lab's logic (docs/design.md, "The lab layer") runs without React, on any clock: every
  // file of lab/run/, by its place rather than by a list of names.
  layer('src/components/lab/run/**/*.ts', 'the lab controller and its parts are React-free', [
    ['react', 'react-*', 'react/*', 'd3', 'd3-*', 'katex'],
    ['**/content/**'],
  ]),
  layer('src/components/plots/**/*.{ts,tsx}', 'plots know nothing of labs', [
    ['**/content/**', '**/lab/**', '**/article/**', '**/studies/**', '**/state/**', '**/model/**'],
  ]),
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
            {
              group: ['**/components/**', '**/content/**', '**/state/**', '**/math/**'],
              message: 'src/model is UI-free and below every other layer.',
            },
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
