/** Shared by the growth suites: a business.yaml with an add-on and win-back variants, and a harness on it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';
import { createPgDatabase } from './postgres.js';

export const GROWTH_YAML = `
name: Clínica Demo
services:
  - id: consulta
    name: { es: Consulta, en: Consultation }
    price: 40 €
    calEventTypeId: 1
    prepare: { es: Ven 10 minutos antes y trae tu informe., en: Come 10 minutes early and bring your report. }
  - id: peeling
    name: { es: Peeling facial, en: Facial peel }
    price: 25 €
    durationMinutes: 30
    calEventTypeId: 2
growth:
  upsell:
    delayMinutes: 10
    offers:
      - { after: consulta, offer: peeling, position: after }
    template: addon_offer
  winback:
    afterDays: 14
    slots: 3
    variants:
      - { id: a, text: { es: '¡Hola, {name}! Te echamos de menos. ¿Te reservo una de estas?' }, template: winback_a }
      - { id: b, text: { es: '¡Hola, {name}! Tenemos hueco esta semana.' }, template: winback_b }
  frequencyCap: { max: 2, perDays: 30 }
  quietHours: { from: '21:00', to: '09:00' }
`;

export function growthFile(yaml = GROWTH_YAML): string {
  const dir = mkdtempSync(join(tmpdir(), 'reserva-growth-'));
  const file = join(dir, 'business.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** The growth harness on a fresh Postgres database, dropped on close. */
export async function startGrowthHarnessOn(
  provider: 'sqlite' | 'postgres',
  o: Partial<HarnessOptions> & { yaml?: string } = {},
): Promise<Harness> {
  if (provider === 'sqlite') return startGrowthHarness(o);
  const db = await createPgDatabase('reserva_growth');
  const h = await startGrowthHarness({ ...o, databaseUrl: db.url });
  const close = h.close.bind(h);
  h.close = async () => {
    await close();
    await db.drop();
  };
  return h;
}

export function startGrowthHarness(o: Partial<HarnessOptions> & { yaml?: string } = {}): Promise<Harness> {
  return startHarness({
    provider: 'demo',
    ...o,
    env: { BUSINESS_FILE: growthFile(o.yaml), ADMIN_JWT_SECRET: 'test-admin-secret-0123456789abcdef0123', ...o.env },
  });
}

/** Marketing consent as the chat's consent question records it. */
export async function grantConsent(h: Harness, phone: string): Promise<string> {
  const c = await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } });
  await h.reserva.privacy.recordMarketingConsent(c.id, {
    granted: true,
    source: 'chat:button',
    textVersion: 'marketing-consent-es-v1',
  });
  return c.id;
}

/** Moves the clock and runs what is due (jobs, then the conversations they touched). */
export async function runAt(h: Harness, iso: string): Promise<void> {
  h.clock.set(iso);
  await h.reserva.worker.runDue();
  await h.reserva.engine.idle();
}
