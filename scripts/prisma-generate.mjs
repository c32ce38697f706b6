// Generates both Prisma clients (generated/sqlite, generated/postgres) without touching any database.
// DATABASE_URL only has to look right for each provider; nothing connects.
import { execFileSync } from 'node:child_process';

const prisma = new URL('../node_modules/prisma/build/index.js', import.meta.url).pathname;
const targets = [
  ['prisma/sqlite/schema.prisma', 'file:./data/generate.db'],
  ['prisma/postgres/schema.prisma', 'postgresql://localhost:5432/generate'],
];
for (const [schema, url] of targets) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
console.log('generated Prisma clients: generated/sqlite, generated/postgres');
