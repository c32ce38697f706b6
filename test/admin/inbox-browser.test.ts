/**
 * The staff inbox page end to end in Chromium: a person asks for a human on WhatsApp → the
 * conversation appears in the inbox (pushed live) → staff read it and reply → the reply reaches
 * the fake Graph API → staff release it → the bot answers again. Then the same page on a phone.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHarness, type Clock, type Harness } from '../e2e/harness.js';
import { ADMIN_SECRET, token } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[staff inbox browser test] skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or ` +
    `set CHROMIUM_PATH.`,
  );
}

const ANA = '34600111222';
/** The real clock: the page shows times, and messages sort by them. */
const realClock: Clock = {
  get now() {
    return new Date();
  },
  set() {},
  advance() {},
};

describe.skipIf(!hasChromium)('staff inbox in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ provider: 'demo', clock: realClock, env: { ADMIN_JWT_SECRET: ADMIN_SECRET } });
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
    page = await browser.newPage({
      viewport: { width: 1280, height: 860 },
      locale: 'es-ES',
      timezoneId: 'Europe/Madrid',
    });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a person asks for a human → inbox → staff reply reaches WhatsApp → release → the bot answers again', async () => {
    await page.goto(`${h.url}/admin`);
    // A wrong token is refused with a reason; the right one opens the inbox.
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/token/i);
    await page.getByLabel('Token').fill(token('admin', '1h'));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.locator('#app').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => sessionStorage.getItem('reserva.admin.token'))).toBeTruthy();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await expect.poll(() => page.locator('#live.on').count(), { timeout: 10_000 }).toBe(1);

    await h.say(ANA, 'hola', { name: 'Ana García' });
    await h.say(ANA, 'quiero hablar con una persona', { name: 'Ana García' });
    // Pushed live: no reload.
    const row = page.locator('[data-contact][data-state="handoff"]');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Ana García');
    expect(await page.locator('#waiting-count').textContent()).toBe('(1)');

    await row.click();
    const messages = page.locator('#messages .msg');
    await expect
      .poll(() => messages.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('quiero hablar con una persona')]));
    expect(await page.locator('#chat-state').textContent()).toBe('Espera a una persona');

    // A new message from the person appears in the open conversation by itself.
    await h.say(ANA, '¿hay alguien?');
    await expect
      .poll(() => page.locator('#messages .msg[data-direction="in"]').last().textContent(), { timeout: 15_000 })
      .toContain('¿hay alguien?');

    await page.getByLabel('Respuesta').fill('Hola Ana, soy Marta. Te ayudo yo.');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect
      .poll(
        () =>
          h.graph.sent.filter((s) => s.to === ANA).map((s) => (s.payload as { text?: { body: string } }).text?.body),
        { timeout: 15_000 },
      )
      .toContain('Hola Ana, soy Marta. Te ayudo yo.');
    await expect
      .poll(() => page.locator('#messages .msg[data-direction="out"]').last().textContent())
      .toContain('Hola Ana, soy Marta');

    await page.getByRole('button', { name: 'Devolver al bot' }).click();
    await expect.poll(() => page.locator('#chat-state').textContent()).toBe('Con el bot');
    await expect.poll(() => page.getByRole('button', { name: 'Atender' }).isVisible()).toBe(true);

    const bot = await h.say(ANA, 'quiero una cita mañana a las 10');
    expect(bot.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('works on a phone: one pane at a time, back to the list', async () => {
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'es-ES',
    });
    try {
      await phone.goto(`${h.url}/admin`);
      await phone.getByLabel('Token').fill(token('viewer', '1h'));
      await phone.getByRole('button', { name: 'Entrar' }).click();
      const first = phone.locator('[data-contact]').first();
      await first.waitFor({ state: 'visible' });
      await first.click();
      await phone.locator('#messages').waitFor({ state: 'visible' });
      expect(await phone.locator('.sidebar').isVisible()).toBe(false);
      // A viewer reads but can't write.
      expect(await phone.locator('#composer').isVisible()).toBe(false);
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await phone.getByRole('button', { name: 'Volver a la lista' }).click();
      expect(await phone.locator('.sidebar').isVisible()).toBe(true);
    } finally {
      await phone.close();
    }
  }, 60_000);
});
