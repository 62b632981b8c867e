import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @kici/store-pg db:generate` writes SQL migrations to drizzle/ from the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
