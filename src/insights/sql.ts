/** The few places SQLite and Postgres differ for the insight queries. */
export type Dialect = 'sqlite' | 'postgres';

export interface Sql {
  dialect: Dialect;
  /** A timestamp parameter as the column stores it. */
  ts(d: Date): Date | string;
  /** The UTC day (YYYY-MM-DD) of a timestamp column. */
  day(column: string): string;
  /** A text field of a JSON text column (null when absent or not JSON). */
  json(column: string, ...path: string[]): string;
}

export function sqlFor(dialect: Dialect): Sql {
  if (dialect === 'postgres') {
    return {
      dialect,
      ts: (d) => d,
      day: (c) => `to_char(${c}, 'YYYY-MM-DD')`,
      json: (c, ...path) => `(CASE WHEN ${c} LIKE '{%' THEN (${c})::jsonb #>> '{${path.join(',')}}' END)`,
    };
  }
  return {
    dialect,
    // Prisma's SQLite DateTime text: ISO with +00:00, so text comparison orders correctly.
    ts: (d) => d.toISOString().replace('Z', '+00:00'),
    day: (c) => `substr(${c}, 1, 10)`,
    json: (c, ...path) => `(CASE WHEN json_valid(${c}) THEN json_extract(${c}, '$.${path.join('.')}') END)`,
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
