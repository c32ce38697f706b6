// Prisma CLI configuration. Picks the schema, migrations and driver adapter from DATABASE_URL
// (postgres:// or postgresql:// → Postgres; anything else → SQLite, default file:./data/reserva.db).
// `engine: "js"` runs migrate on the WASM schema engine bundled in the CLI: nothing is downloaded.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL || 'file:./data/reserva.db';
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const dir = isPostgres ? 'postgres' : 'sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', dir, 'schema.prisma'),
  migrations: { path: path.join('prisma', dir, 'migrations') },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url });
  },
});
