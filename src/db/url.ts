/** Which database a DATABASE_URL points at. Postgres for postgres:// URLs, SQLite otherwise. */
export type DbProvider = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'file:./data/reserva.db';

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

/** The file path of a SQLite URL (`file:./data/reserva.db` → `./data/reserva.db`; `:memory:` stays). */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (!path) throw new Error(`DATABASE_URL "${url}" names no SQLite file; use e.g. file:./data/reserva.db`);
  return path;
}
