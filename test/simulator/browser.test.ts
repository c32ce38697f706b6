/**
 * End to end through a real browser: the whole app (demo calendar, simulator sender, SQLite),
 * the simulator page, and a booking made by tapping buttons like a person would.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[simulator browser test] skipped: no Chromium at ${CHROMIUM}. ` +
      `Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

describe.skipIf(!hasChromium)('simulator page in Chromium', () => {
  const dbFile = `/tmp/reserva-browser-${randomBytes(6).toString('hex')}.db`;
  let reserva: { app: import('fastify').FastifyInstance; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { buildApp } = await import('../../src/app.js');
    reserva = await buildApp({
      env: {
        DATABASE_URL: `file:${dbFile}`,
        BUSINESS_TIMEZONE: 'Europe/Madrid',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: '0',
      },
      worker: false,
    });
    base = (await reserva.app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
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
    await reserva?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  });

  it('books an appointment for Ana by chatting and tapping buttons', async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/simulator`);

    await page.getByRole('button', { name: /^Ana\b/ }).click();
    const input = page.getByPlaceholder('Escribe un mensaje');
    await input.fill('quiero una cita mañana a las 10');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();

    const bot = page.locator('[data-direction="bot"]');
    await expect.poll(() => bot.count(), { timeout: 20_000 }).toBeGreaterThan(0);

    // Either 10:00 is free (Confirmar / Otra hora / Cancelar), or the bot offers other slots:
    // as reply buttons, or as a list behind a button. Tap the first slot, then confirm.
    const confirm = page.getByRole('button', { name: 'Confirmar', exact: true });
    const lastBot = bot.last();
    await lastBot.locator('button').first().waitFor({ state: 'visible', timeout: 20_000 });
    if ((await lastBot.getByRole('button', { name: 'Confirmar', exact: true }).count()) === 0) {
      const listOpener = lastBot.locator('.list-open');
      if (await listOpener.count()) {
        await listOpener.click();
        await page.locator('#list-sheet .list-row').first().click();
      } else {
        await lastBot.locator('.reply-btn[data-button-id^="v1:slot:"]').first().click();
      }
      await expect
        .poll(async () => bot.last().getByRole('button', { name: 'Confirmar', exact: true }).count(), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
    }
    await confirm.last().click();

    const booked = page.locator('[data-direction="bot"] .body', { hasText: '✅' });
    await booked.first().waitFor({ state: 'visible', timeout: 20_000 });

    // The designer panel follows the statechart; the person's messages show they were read.
    await expect
      .poll(() => page.locator('#state-value').textContent(), { timeout: 5_000 })
      .not.toBe('Sin conversación todavía');
    await page.locator('[data-direction="person"] .ticks.read').first().waitFor({ state: 'visible', timeout: 5_000 });

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/simulator.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
