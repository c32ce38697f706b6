/**
 * The rights through the admin API: export (viewer), rectification and erasure (admin only), with
 * schema and service errors answered 400 / 404; after erasure GET /admin/contacts?phone= finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SECRET, token } from '../support/admin.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const PHONE = '34600444001';

describe('privacy rights in the admin API', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness({ env: { ADMIN_JWT_SECRET: ADMIN_SECRET } });
  });
  afterAll(async () => h.close());

  const call = (method: string, path: string, role: 'viewer' | 'admin', body?: unknown) =>
    fetch(`${h.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token(role)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('export, correct, erase; viewers read only; errors say what is wrong', async () => {
    await h.say(PHONE, 'hola', { name: 'Rosa Díaz' });
    const id = (await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: PHONE } })).id;

    const exported = await call('GET', `/admin/contacts/${id}/export`, 'viewer');
    expect(exported.status).toBe(200);
    expect(((await exported.json()) as { contact: { phone: string } }).contact.phone).toBe(PHONE);
    expect((await call('GET', '/admin/contacts/nobody/export', 'viewer')).status).toBe(404);

    expect((await call('PATCH', `/admin/contacts/${id}`, 'viewer', { name: 'Rosa' })).status).toBe(403);
    const bad = await call('PATCH', `/admin/contacts/${id}`, 'admin', { email: 'not an address' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/not an e-mail address/);
    expect((await call('PATCH', `/admin/contacts/${id}`, 'admin', {})).status).toBe(400);
    const ok = await call('PATCH', `/admin/contacts/${id}`, 'admin', {
      name: 'Rosa María Díaz',
      email: 'rosa@example.com',
    });
    expect(await ok.json()).toEqual({ changed: ['name', 'email'] });

    expect((await call('DELETE', `/admin/contacts/${id}`, 'viewer')).status).toBe(403);
    const erased = await call('DELETE', `/admin/contacts/${id}`, 'admin');
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ erased: true, keptOnSuppressionList: false });
    const found = await call('GET', `/admin/contacts?phone=${PHONE}`, 'viewer');
    expect(((await found.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await call('DELETE', `/admin/contacts/${id}`, 'admin')).status).toBe(404);
  });
});

describe('erasure from the admin API of a person with an upcoming booking', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness({ env: { ADMIN_JWT_SECRET: ADMIN_SECRET } });
  });
  afterAll(async () => h.close());

  const del = (path: string) =>
    fetch(`${h.url}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token('admin')}` } });

  it('409 lists the bookings; ?cancelBookings=true cancels them, then erases (the slot is free again)', async () => {
    const RAMON = '34600444002';
    await h.say(RAMON, 'Quiero una cita mañana a las 10', { name: 'Ramón Pérez' });
    await h.say(RAMON, 'sí', { name: 'Ramón Pérez' });
    const prisma = h.reserva.db.prisma;
    const id = (await prisma.contact.findUniqueOrThrow({ where: { phone: RAMON } })).id;
    const booking = await prisma.booking.findFirstOrThrow({ where: { contactId: id, status: 'accepted' } });

    const refused = await del(`/admin/contacts/${id}`);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { field: string; message: string; upcoming: Array<{ uid: string }> };
    expect(body.field).toBe('cancelBookings');
    expect(body.message).toMatch(/cancelBookings=true/);
    expect(body.upcoming.map((b) => b.uid)).toEqual([booking.uid]);
    expect(await prisma.contact.findUnique({ where: { id } })).not.toBeNull();

    const erased = await del(`/admin/contacts/${id}?cancelBookings=true`);
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ erased: true, cancelledBookings: [booking.uid] });
    expect(await prisma.contact.findUnique({ where: { id } })).toBeNull();

    // Nobody holds the slot any more: someone else is offered exactly that time.
    const offer = JSON.stringify(await h.say('34600444003', 'Quiero una cita mañana a las 10', { name: 'Lola Ruiz' }));
    expect(offer).toMatch(/10:00/);
    expect(offer).not.toMatch(/ocupad/);
  });
});
