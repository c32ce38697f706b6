import { describe, expect, it } from 'vitest';
import { DateTime, IANAZone } from 'luxon';
import { zone } from '../../src/time/zone.js';

const ZONES = [
  'Europe/Madrid',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo', // DST until 2019
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:45
  'Pacific/Apia', // skipped 30 December 2011
  'Atlantic/Canary',
];

describe('zone(): luxon zones with remembered offsets', () => {
  it('gives luxon’s offset at every instant, transitions included (to the millisecond)', () => {
    const wrong: string[] = [];
    for (const name of ZONES) {
      const ours = zone(name);
      const theirs = new IANAZone(name);
      const check = (ts: number) => {
        if (ours.offset(ts) !== theirs.offset(ts)) wrong.push(`${name} @ ${new Date(ts).toISOString()}`);
      };
      const from = Date.UTC(2010, 0, 1);
      const to = Date.UTC(2029, 0, 1);
      let prevTs = from;
      let prev = theirs.offset(from);
      for (let ts = from; ts < to; ts += 433 * 60_000) {
        check(ts);
        const o = theirs.offset(ts);
        if (o !== prev) {
          // A transition in (prevTs, ts]: find it, then look at the instants around it.
          let lo = prevTs;
          let hi = ts;
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (theirs.offset(mid) === prev) lo = mid;
            else hi = mid;
          }
          for (const d of [-3_600_000, -60_001, -1000, -1, 0, 1, 999, 1000, 60_000, 3_599_999]) check(hi + d);
        }
        prev = o;
        prevTs = ts;
      }
    }
    expect(wrong).toEqual([]);
  });

  it('DateTimes in it read, move and print exactly as with the zone’s name', () => {
    const moments = [
      '2026-03-29T00:30:00Z', // Madrid springs forward at 01:00 UTC
      '2026-10-25T00:59:59.999Z', // and falls back
      '2026-11-01T05:30:00Z', // New York falls back
      '2011-12-29T10:00:00Z', // Apia skips a day
      '2026-11-26T08:12:00Z',
    ];
    for (const name of ZONES)
      for (const iso of moments) {
        const a = DateTime.fromISO(iso).setZone(name).setLocale('es-ES');
        const b = DateTime.fromISO(iso).setZone(zone(name)).setLocale('es-ES');
        const views = (d: DateTime) => [
          d.toISO(),
          d.toFormat("cccc d 'de' LLLL HH:mm ZZ"),
          d.offset,
          d.startOf('day').toISO(),
          d.endOf('day').toISO(),
          d.plus({ days: 1 }).toISO(),
          d.plus({ hours: 3 }).toISO(),
          d.set({ hour: 2, minute: 30 }).toISO(),
          d.zoneName,
          d.isInDST,
        ];
        expect(views(b), `${name} ${iso}`).toEqual(views(a));
        expect(b.equals(a)).toBe(true);
        expect(DateTime.fromISO('2026-03-29T02:30', { zone: zone(name) }).toISO()).toBe(
          DateTime.fromISO('2026-03-29T02:30', { zone: name }).toISO(),
        );
      }
  });

  it('names that are not IANA zones behave as luxon reads them', () => {
    expect(zone('utc').name).toBe('UTC');
    expect(zone('UTC+3').offset(0)).toBe(180);
    expect(zone('Mars/Olympus').isValid).toBe(false);
    expect(DateTime.now().setZone(zone('Mars/Olympus')).isValid).toBe(false);
    expect(zone('Europe/Madrid')).toBe(zone('Europe/Madrid'));
  });
});
