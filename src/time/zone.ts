/**
 * Time zones for luxon with their UTC offsets remembered.
 *
 * luxon's IANAZone works out the offset at an instant with Intl.DateTimeFormat#formatToParts on
 * every call (`partsOffset`): each DateTime made, moved (plus, startOf, set…) or put in a zone pays
 * for it, and a reply or a slot search makes hundreds (issue 12: ~5 % of the CPU of a turn).
 * `zone(name)` gives a drop-in zone whose offset is remembered per UTC hour: luxon's own offset at
 * both ends of the hour, kept when they agree (no transition in that hour — the tz database has
 * never put two transitions within one hour), else asked of luxon each time. Same offsets, same
 * results (test/time/zone.test.ts sweeps DST changes of several zones against luxon's).
 *
 * Names luxon does not read as an IANA zone ("utc", "UTC+3", "system", invalid names) come back as
 * luxon's own zone for them, so they behave exactly as the string would.
 */
import { IANAZone, Info, type Zone } from 'luxon';

const HOUR = 3_600_000;
/** Hours remembered per zone (~2 years, a few hundred kB); past that the memo starts again. */
const MAX_HOURS = 20_000;

class RememberedIANAZone extends IANAZone {
  private readonly byHour = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR);
    let o = this.byHour.get(hour);
    if (o === undefined) {
      const first = super.offset(hour * HOUR);
      // NaN marks an hour with a transition (or an instant luxon can't place): asked each time.
      o = first === super.offset(hour * HOUR + HOUR - 1) ? first : NaN;
      if (this.byHour.size >= MAX_HOURS) this.byHour.clear();
      this.byHour.set(hour, o);
    }
    return Number.isNaN(o) ? super.offset(ts) : o;
  }
}

const zones = new Map<string, RememberedIANAZone>();

/** A luxon zone for `name` (as `setZone(name)` / `{ zone: name }` take it), offsets remembered. */
export function zone(name: string): Zone {
  const known = zones.get(name);
  if (known) return known;
  const own = Info.normalizeZone(name);
  if (own.type !== 'iana' || !own.isValid) return own;
  const z = new RememberedIANAZone(name);
  zones.set(name, z);
  return z;
}
