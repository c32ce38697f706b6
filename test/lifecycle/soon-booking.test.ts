/**
 * Issue #5 acceptance 2 on the simulated clock (the real-clock smoke test of the same behaviour is
 * in `npm run test:slow`): a booking created 61 minutes ahead on the Cal.com page, by a person
 * Reserva knows, gets only the 1 h reminder, exactly when it is due, and only once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { advanceTo, calEvent, jobsOf, postCal } from '../support/lifecycle.js';

const ANA = '34600111222';

describe('a booking 61 minutes ahead (simulated clock)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('gets only the 1 h reminder, when it is due, once', async () => {
    h = await startHarness({ provider: 'calcom' });
    await h.say(ANA, 'hola');
    const start = new Date(h.clock.now.getTime() + 61 * 60_000);
    const end = new Date(start.getTime() + 30 * 60_000);
    const res = await postCal(
      h,
      calEvent('BOOKING_CREATED', {
        uid: 'soon-1',
        startTime: start.toISOString(),
        endTime: end.toISOString(),
        status: 'ACCEPTED',
        attendees: [
          { name: 'Ana García', email: 'ana@example.com', timeZone: 'Europe/Madrid', phoneNumber: `+${ANA}` },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const dueAt = new Date(start.getTime() - 3_600_000);
    expect((await jobsOf(h, 'soon-1')).map((j) => [j.key.split('@')[0], j.dueAt])).toEqual([
      ['reminder:soon-1:1h', dueAt.toISOString()],
      ['feedback:soon-1', new Date(end.getTime() + 3_600_000).toISOString()],
    ]);

    const before = h.graph.sent.length;
    await advanceTo(h, new Date(dueAt.getTime() - 1000).toISOString());
    expect(h.graph.sent.length, 'nothing before the reminder is due').toBe(before);

    await advanceTo(h, dueAt.toISOString());
    expect(h.graph.sent.length).toBe(before + 1);
    // Ana wrote a minute ago: an interactive message with the three quick replies.
    const [reminder] = h.repliesTo(ANA).slice(-1);
    expect(reminder?.type).toBe('buttons');
    expect(reminder?.options.map((o) => o.id)).toEqual([
      'v1:attend:soon-1',
      'v1:reschedule:soon-1',
      'v1:cancel:soon-1',
    ]);

    // …and only that one, however often the worker runs before the appointment.
    await advanceTo(h, new Date(dueAt.getTime() + 60_000).toISOString());
    await advanceTo(h, new Date(start.getTime() - 60_000).toISOString());
    expect(h.graph.sent.length).toBe(before + 1);
  });
});
