/** The metrics as CSV: one figure per line (section, key, figure, value), easy to pivot in a spreadsheet. */
import type { Metrics } from './figures.js';
import type { FigureProvider } from './service.js';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quoted when needed; a leading =,+,-,@ is neutralised (spreadsheet formula injection).
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every scalar in a value, keyed by its path ("a.b.c"), split as [key, figure]: figure = the last part. */
function leaves(v: unknown, path: string[] = []): Array<[string, string, unknown]> {
  if (v === null || typeof v !== 'object')
    return [[path.slice(0, -1).join('.') || 'all', path[path.length - 1] ?? 'value', v]];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, [...path, k]));
}

export function metricsCsv(m: Metrics & Record<string, unknown>, providers: readonly FigureProvider[] = []): string {
  const rows: unknown[][] = [['section', 'key', 'figure', 'value']];
  const obj = (section: string, key: string, o: object) => {
    for (const [k, v] of Object.entries(o)) if (typeof v !== 'object' || v === null) rows.push([section, key, k, v]);
  };
  obj('summary', 'all', {
    from: m.from,
    to: m.to,
    granularity: m.granularity,
    deliveryRate: m.deliveryRate,
    readRate: m.readRate,
    clickThroughRate: m.clickThroughRate,
    noShowRate: m.noShowRate,
    cancellationRate: m.cancellationRate,
    bookings: m.bookings,
    appointments: m.appointments,
    optOuts: m.optOuts,
  });
  for (const [k, v] of Object.entries(m.byMessageKind)) obj('byMessageKind', k, v);
  for (const [k, v] of Object.entries(m.byTemplate)) obj('byTemplate', k, v);
  for (const [k, v] of Object.entries(m.failuresByErrorCode)) rows.push(['failuresByErrorCode', k, 'count', v]);
  for (const [k, v] of Object.entries(m.byReminderPath)) obj('byReminderPath', k, v);
  for (const [k, v] of Object.entries(m.byEventType)) obj('byEventType', k, v);
  for (const [k, v] of Object.entries(m.byLanguage)) obj('byLanguage', k, { ...v.messages, ...v.bookings });
  for (const p of m.series) obj('series', p.period, p);
  for (const [machine, f] of Object.entries(m.funnel)) {
    for (const s of f.states) {
      const key = `${machine}.${s.state}`;
      rows.push(
        ['funnel', key, 'entered', s.entered],
        ['funnel', key, 'timedOut', s.timedOut],
        ['funnel', key, 'dropOff', s.dropOff],
      );
      for (const [e, c] of Object.entries(s.exited)) rows.push(['funnel', key, `exited:${e}`, c]);
    }
  }
  obj('timeToBooking', 'all', m.timeToBooking);
  rows.push(['unknownIntents', 'all', 'count', m.unknownIntents.count]);
  for (const u of m.unknownIntents.items) rows.push(['unknownIntents', u.at, 'text', u.text]);
  rows.push(['handoffs', 'all', 'total', m.handoffs.total]);
  for (const [k, v] of Object.entries(m.handoffs.byReason)) rows.push(['handoffs', 'reason', k, v]);
  for (const [k, v] of Object.entries(m.handoffs.byEnd)) rows.push(['handoffs', 'endedBy', k, v]);
  obj('marketingConsent', 'all', m.marketingConsent);
  for (const [k, v] of Object.entries(m.feedback.distribution)) rows.push(['feedback', 'rating', k, v]);
  rows.push(['feedback', 'all', 'average', m.feedback.average]);
  // Extra figures (src/insights/service.ts, FigureProvider): section = the provider's field.
  for (const p of providers) {
    const value = m[p.field];
    for (const [key, figure, v] of p.csv ? p.csv(value) : leaves(value)) rows.push([p.field, key, figure, v]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
