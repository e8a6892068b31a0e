import { defineConfig } from 'drizzle-kit'

/** The workstation's local store. The server's schema has its own config (drizzle.server.config.ts). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/core/store/schema.ts',
  out: './drizzle',
})
