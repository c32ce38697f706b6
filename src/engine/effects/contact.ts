/** Contact effects: name, e-mail, opt-out. */
import type { Handler } from './types.js';

export const saveName: Handler<'saveName'> = {
  async run(p, run, deps) {
    await deps.prisma.contact.update({ where: { id: run.contact.id }, data: { name: String(p.name).slice(0, 60) } });
    return null;
  },
};

export const saveEmail: Handler<'saveEmail'> = {
  async run(p, run, deps) {
    await deps.prisma.contact.update({ where: { id: run.contact.id }, data: { email: String(p.email).slice(0, 254) } });
    return null;
  },
};

export const optIn: Handler<'optIn'> = {
  async run(_p, run, deps) {
    await deps.prisma.contact.update({ where: { id: run.contact.id }, data: { optedOutAt: null } });
    return null;
  },
};

export const optOut: Handler<'optOut'> = {
  async run(_p, run, deps) {
    await deps.prisma.contact.update({
      where: { id: run.contact.id },
      data: { optedOutAt: deps.now(), marketingConsent: false },
    });
    return null;
  },
};
