/**
 * The simulator page in Chromium against a scripted engine: every kind of bot message (buttons,
 * list, template, formatting), the voice-note button, read receipts, the state panel, adding a
 * contact, and the phone-sized layout. The full-app booking is in browser.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createSimulatorHub } from '../../src/simulator/hub.js';
import { simulatorPlugin } from '../../src/simulator/plugin.js';
import { createSimulatorSender } from '../../src/simulator/sender.js';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `[simulator page test] skipped: no Chromium at ${CHROMIUM}. ` +
      `Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );

describe.skipIf(!hasChromium)('simulator page with a scripted engine', () => {
  let dir: string;
  let db: Database;
  let app: FastifyInstance;
  let engine: FakeEngine;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reserva-sim-page-'));
    db = await openDatabase(`file:${join(dir, 'sim.db')}`);
    const hub = createSimulatorHub();
    engine = createFakeEngine({ prisma: db.prisma, sender: createSimulatorSender({ hub }), delayMs: 300 });
    app = Fastify();
    await app.register(simulatorPlugin, { engine, prisma: db.prisma, hub, timeZone: 'Europe/Madrid' });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await engine?.idle();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const open = async (viewport = { width: 1280, height: 860 }): Promise<Page> => {
    const page = await browser.newPage({ viewport, locale: 'es-ES' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    await page.goto(`${base}/simulator`);
    return page;
  };
  const bot = (page: Page) => page.locator('[data-direction="bot"]');
  const waitForBotCount = (page: Page, n: number) => expect.poll(() => bot(page).count(), { timeout: 10_000 }).toBe(n);

  it('renders buttons, lists, templates and voice notes, and reports receipts', async () => {
    const page = await open();
    await page.getByRole('button', { name: /^Martín\b/ }).click();
    await page.getByPlaceholder('Escribe un mensaje').fill('quiero una cita');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();

    // Typing indicator while the engine works, then the reply with formatting and buttons.
    await page.getByRole('status', { name: 'El bot está escribiendo' }).waitFor({ timeout: 5_000 });
    await waitForBotCount(page, 1);
    expect(await bot(page).first().locator('strong').textContent()).toBe('jueves 26 de noviembre a las 11:00');
    expect(await bot(page).first().getByRole('button').allTextContents()).toEqual([
      'Confirmar',
      'Otra hora',
      'Cancelar',
    ]);

    // Shown → reported read, like a phone: the bot's message gets blue ticks.
    await page.locator('[data-direction="bot"] .ticks.read').first().waitFor({ timeout: 10_000 });

    // "Otra hora" → a list; the picker shows sections and rows with descriptions.
    await page.getByRole('button', { name: 'Otra hora' }).click();
    await waitForBotCount(page, 2);
    await bot(page).last().getByRole('button', { name: 'Ver horarios' }).click();
    const sheet = page.getByRole('dialog', { name: 'Ver horarios' });
    await sheet.waitFor();
    expect(await sheet.locator('.sheet-section').allTextContents()).toEqual(['Mañana', 'Tarde']);
    await sheet.getByRole('button', { name: '16:00' }).click();
    await waitForBotCount(page, 3);
    const picked = page.locator('[data-direction="person"]').nth(2);
    expect(await picked.textContent()).toContain('16:00');

    // A template (reminder) with quick replies labelled from their payloads.
    await page.getByPlaceholder('Escribe un mensaje').fill('mándame el recordatorio');
    await page.keyboard.press('Enter');
    await waitForBotCount(page, 4);
    const template = bot(page).last();
    expect(await template.locator('.tag').textContent()).toBe('Plantilla · appointment_reminder (es)');
    expect(await template.locator('.body').textContent()).toBe('Hola Ana, te recordamos tu cita mañana a las 11:00.');
    await template.getByRole('button', { name: 'Sí, iré' }).click();
    await waitForBotCount(page, 5);
    expect(await bot(page).last().textContent()).toContain('✅');
    const quick = engine.ingested.flatMap((i) => i.messages).at(-1)!;
    expect(quick.content).toEqual({ kind: 'template_button', payload: 'v1:attend:abc', text: 'Sí, iré' });
    expect(quick.contextId).toMatch(/^sim\./);

    // Voice note.
    await page.getByRole('button', { name: 'Nota de voz' }).click();
    await waitForBotCount(page, 6);
    expect(await bot(page).last().textContent()).toContain('audios');

    // Designer panel.
    await expect.poll(() => page.locator('#state-value').textContent()).toBe('idle');
    expect(await page.locator('#state-context').textContent()).toContain('"turns": 6');

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/simulator-scripted.png' });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('adds a contact and works on a phone-sized screen', async () => {
    const page = await open({ width: 390, height: 800 });
    await page.getByLabel('Teléfono del nuevo contacto').fill('12');
    await page.getByRole('button', { name: 'Nuevo chat' }).click();
    expect(await page.locator('#new-contact-error').textContent()).toMatch(/de 6 a 15 dígitos/);
    await page.getByLabel('Teléfono del nuevo contacto').fill('+52 55 1234 5678');
    await page.getByLabel('Nombre del nuevo contacto').fill('Lucía');
    await page.getByRole('button', { name: 'Nuevo chat' }).click();
    expect(await page.locator('#chat-name').textContent()).toBe('Lucía');
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    await page.getByPlaceholder('Escribe un mensaje').fill('hola');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await waitForBotCount(page, 1);
    expect(engine.ingested.flatMap((i) => i.messages).at(-1)).toMatchObject({
      from: '525512345678',
      profileName: 'Lucía',
    });
    await page.screenshot({ path: 'test-artifacts/simulator-mobile.png' });
    await page.getByRole('button', { name: 'Volver a los chats' }).click();
    await page.getByRole('button', { name: /^Lucía\b/ }).waitFor();
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
