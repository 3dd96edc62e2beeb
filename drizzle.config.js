// drizzle-kit's configuration: `npm run db:generate` writes a migration for schema changes.
// Plain JS so that lint (typed rules cover tsconfig's files only) and drizzle-kit both read it.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
});
