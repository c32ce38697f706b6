/** The few places SQLite and Postgres differ for the insight queries. */
export type Dialect = 'sqlite' | 'postgres';

export interface Sql {
  dialect: Dialect;
  /** A timestamp parameter as the column stores it. */
  ts(d: Date): Date | string;
}

export function sqlFor(dialect: Dialect): Sql {
  if (dialect === 'postgres') {
    return { dialect, ts: (d) => d };
  }
  return {
    dialect,
    // Prisma's SQLite DateTime text: ISO with +00:00, so text comparison orders correctly.
    ts: (d) => d.toISOString().replace('Z', '+00:00'),
  };
}

/** Numbers from either driver (Postgres counts come back as bigint or strings). */
export const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** `$1`-style SQL for both drivers: SQLite gets `?` placeholders with the parameters in order of use. */
export function bind(dialect: Dialect, text: string, params: unknown[]): [string, unknown[]] {
  if (dialect === 'postgres') return [text, params];
  const ordered: unknown[] = [];
  const out = text.replace(/\$(\d+)/g, (_m, i: string) => {
    ordered.push(params[Number(i) - 1]);
    return '?';
  });
  return [out, ordered];
}
