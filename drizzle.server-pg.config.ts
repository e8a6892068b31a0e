import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/pg/schema.ts',
  out: './drizzle-server-pg',
})
