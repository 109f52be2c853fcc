// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.ringlens', 'reports', 'coverage', 'test-artifacts', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only server/db may talk to Neo4j: everything else sees plain JS values (conventions §2).
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', message: 'Import from server/db instead.' }] },
      ],
    },
  },
  {
    files: ['server/db/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
