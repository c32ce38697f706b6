/**
 * The insights page in Chromium, on the scripted fortnight's data: the token is pasted in, the
 * Chart.js charts render (served from node_modules), and each exported statechart is drawn with its
 * states coloured by drop-off and labelled with their counts. The screenshot is kept under
 * test-artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../support/harness.js';
import { token } from '../support/admin.js';
import { playFortnight, startFortnight } from '../support/fortnight.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[insights browser test] skipped: no Chromium at ${CHROMIUM}. ` +
      'Install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
  );
}

describe.skipIf(!hasChromium)('insights page in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startFortnight();
    await playFortnight(h);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'es-ES' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('asks for a token, then shows the charts and the statecharts coloured by drop-off with their counts', async () => {
    await page.goto(`${h.url}/admin/insights`);
    await page.locator('#token').fill(token('viewer'));
    await page.locator('#login-form button').click();
    await page.locator('#from').fill('2026-11-16');
    await page.locator('#to').fill('2026-11-29');
    await page.locator('#from').dispatchEvent('change');
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => document.querySelector('#kpis')?.textContent?.includes('40.0 %'));

    // Four Chart.js charts, drawn (canvases with pixels) from the figures.
    for (const id of ['chart-kinds', 'chart-series', 'chart-paths', 'chart-feedback']) {
      expect(await page.locator(`#${id}`).getAttribute('data-rendered')).toBe('true');
    }
    const painted = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#chart-paths')!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) ink++;
      return ink;
    });
    expect(painted).toBeGreaterThan(1000);
    const pathsChart = await page.evaluate(() => {
      const chart = (
        window as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ data: number[] }> } } } }
      ).Chart.getChart('chart-paths');
      return chart.data.datasets[0]!.data;
    });
    expect(pathsChart).toEqual([0, 0, 50, 100]);

    // Every exported statechart drawn; the booking states carry their counts and a colour.
    const machines = await page
      .locator('#statecharts svg')
      .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-machine')));
    expect(machines.sort()).toEqual([
      'booking',
      'cancellation',
      'confirmation',
      'conversation',
      'feedback',
      'rescheduling',
    ]);
    const searching = page.locator('svg[data-machine="booking"] g[data-state="searching"]');
    expect(await searching.getAttribute('data-entered')).toBe('7');
    expect(await searching.locator('text').allTextContents()).toContain('7 entradas · 0% abandono');
    const fill = (machine: string, state: string) =>
      page.locator(`svg[data-machine="${machine}"] g[data-state="${state}"] rect`).getAttribute('fill');
    expect(await fill('booking', 'searching')).toBe('hsl(120, 70%, 78%)'); // nobody dropped off: green
    expect(await fill('feedback', 'awaitingRating')).toBe('hsl(60, 70%, 78%)'); // half dropped off: yellow
    expect(await fill('rescheduling', 'moving')).toBe('#e9edef'); // nobody entered: grey
    expect(await page.locator('#unknown').textContent()).toContain('blorp quux zzyzx');

    mkdirSync(join('test-artifacts'), { recursive: true });
    await page.screenshot({ path: join('test-artifacts', 'insights.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
