/**
 * Contact effects: name, e-mail, opt-out / opt-in. Rectification and opt-out go through the privacy
 * services (issue 14): validated like the admin API, and STOP puts the number's salted hash on the
 * suppression list so it survives erasure.
 */
import { InvalidRectificationError } from '../../privacy/rectify.js';
import type { EffectDeps, EffectRun, Handler } from './types.js';

/**
 * Cal.com API v2 has no call to change a booking's attendee (GET and POST on
 * /v2/bookings/{uid}/attendees only), so future Cal.com bookings keep the name and e-mail they were
 * made with; Reserva's own records change here.
 */
async function rectify(run: EffectRun, deps: EffectDeps, change: { name?: string; email?: string }): Promise<null> {
  try {
    const { changed } = await deps.privacy.rectifyContact(run.contact.id, change);
    if (changed.length) deps.logger.info({ changed }, 'contact details corrected in the chat');
  } catch (err) {
    // The NLU only passes plausible names and e-mails; one the validation refuses is left as it was.
    if (!(err instanceof InvalidRectificationError)) throw err;
    deps.logger.info({ err: err.message }, 'contact detail not saved: it did not pass validation');
  }
  return null;
}

export const saveName: Handler<'saveName'> = {
  run: (p, run, deps) => rectify(run, deps, { name: String(p.name).slice(0, 60) }),
};

export const saveEmail: Handler<'saveEmail'> = {
  run: (p, run, deps) => rectify(run, deps, { email: String(p.email).slice(0, 254) }),
};

export const optIn: Handler<'optIn'> = {
  async run(_p, run, deps) {
    await deps.privacy.optIn(run.contact.id);
    return null;
  },
};

/** STOP: nothing more goes out that the person did not ask for; marketing consent is revoked with it. */
export const optOut: Handler<'optOut'> = {
  async run(_p, run, deps) {
    await deps.privacy.optOut(run.contact.id);
    if (run.contact.marketingConsent)
      await deps.privacy.recordMarketingConsent(run.contact.id, {
        granted: false,
        source: 'chat:stop',
        textVersion: 'opt-out-v1',
      });
    return null;
  },
};
