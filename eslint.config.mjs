// @ts-check
import tseslint from 'typescript-eslint';

const TENANT_ENTITIES = ['StorefrontEntity', 'CustomerEntity', 'CompanyEntity', 'AddressEntity'];

export default tseslint.config(
  { ignores: ['scripts/**', 'dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'error',
    },
  },
  {
    // One door to tenant data: brand-owned tables only through TenantScopedRepository (src/core/database).
    files: ['src/**/*.ts'],
    ignores: ['src/core/database/**', 'src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...TENANT_ENTITIES.map((name) => ({
          selector: `CallExpression[callee.property.name='getRepository'] > Identifier[name='${name}']`,
          message: `${name} is brand-owned: query it through TenantScopedRepository (TenantRepositories.for), never getRepository.`,
        })),
        {
          selector: "Decorator[expression.callee.name='InjectRepository']",
          message: 'Inject services, not repositories: tenant tables go through TenantScopedRepository.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'src/**/*.spec.ts', 'libs/**/*.spec.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
