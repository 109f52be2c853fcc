// @ts-check
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Only server/db may talk to Neo4j: everything else sees plain JS values (conventions §2). */
const NEO4J = { name: 'neo4j-driver', message: 'Import from server/db instead.' };

/** The web app reaches outside client/ only for the shared contracts (`@contracts/…`). */
const CLIENT_OUTSIDE = {
  regex: '^(?:\\.\\./)+(?:server|scripts|bench|test|cypher)(?:/|$)',
  message: 'The web app imports only client/ and the shared contracts (@contracts/…), never server code.',
};

/**
 * A feature of the web app does not import another feature: shared UI lives in client/src/components, shared code in
 * client/src/lib, and the page (client/src/*.tsx) composes features. Type-only imports are allowed (a panel typed by
 * the graph controller it is handed).
 */
const FEATURES = readdirSync(fileURLToPath(new globalThis.URL('./client/src/features', import.meta.url)), {
  withFileTypes: true,
})
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const featureBoundary = (feature) => ({
  files: [`client/src/features/${feature}/**`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [NEO4J],
        patterns: [
          CLIENT_OUTSIDE,
          {
            regex: `^(?:\\.\\./)+(?:features/)?(?:${FEATURES.filter((f) => f !== feature).join('|')})/`,
            allowTypeImports: true,
            message: `A feature does not import another feature (${feature} → …): move shared UI to client/src/components or client/src/lib, or compose in the page.`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.ringlens', 'reports', 'coverage', 'test-artifacts', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [NEO4J] }],
    },
  },
  {
    files: ['client/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [NEO4J], patterns: [CLIENT_OUTSIDE] }] },
  },
  ...FEATURES.map(featureBoundary),
  {
    // The contracts are bundled into the web app: no server or client code, nothing node-only.
    files: ['contracts/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [NEO4J],
          patterns: [
            {
              regex: '^(?:\\.\\./)+(?:server|client|scripts|bench|test)(?:/|$)',
              message: 'contracts/ is shared by server and client: it imports nothing from either.',
            },
            { regex: '^node:', message: 'contracts/ is bundled into the web app: no node-only modules.' },
          ],
        },
      ],
    },
  },
  {
    // Detection is pure: plain data in, rings out; it may use the shared vocabulary, nothing else of the server.
    files: ['server/detect/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [NEO4J],
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./contracts/)',
              message: 'server/detect is pure: it imports only detect/, contracts/ and graphology.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/db/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
