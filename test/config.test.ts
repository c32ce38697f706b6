import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig, parseDuration } from '../src/config.js';

describe('configuration', () => {
  it('runs on embedded defaults with nothing set: SQLite, demo calendar, simulator', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('file:./data/reserva.db');
    expect(c.useCalCom).toBe(false);
    expect(c.useWhatsAppCloud).toBe(false);
    expect(c.simulatorEnabled).toBe(true);
    expect(c.sessionTimeoutMs).toBe(24 * 3_600_000);
    expect(c.reminders.offsetsMs).toEqual([24 * 3_600_000, 3_600_000]);
    expect(c.cal.apiUrl).toBe('https://api.cal.com');
    expect(c.whatsapp.graphUrl).toBe('https://graph.facebook.com');
  });

  it('reports every problem at once, each saying what to set', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        BUSINESS_TIMEZONE: 'Mars/Olympus',
        CAL_API_KEY: 'k',
        WHATSAPP_ACCESS_TOKEN: 't',
        DATABASE_URL: 'mysql://x',
        SESSION_TIMEOUT: 'forever',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT="abc"/);
    expect(problems).toMatch(/BUSINESS_TIMEZONE="Mars\/Olympus"/);
    expect(problems).toMatch(/CAL_EVENT_TYPE_ID is required/);
    expect(problems).toMatch(/WHATSAPP_PHONE_NUMBER_ID/);
    expect(problems).toMatch(/DATABASE_URL must start with/);
    expect(problems).toMatch(/SESSION_TIMEOUT/);
  });

  it('reads durations like 24h, 90m, 30s', () => {
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(() => parseDuration('soon')).toThrow(/24h/);
  });

  // Issue 10: how Reserva talks to Cal.com and WhatsApp.
  it('reconciliation interval, pair pause, send timeout: defaults; a too-frequent reconciliation refused', () => {
    expect(loadConfig({}).realism).toEqual({
      calReconcileIntervalMs: 15 * 60_000,
      whatsappPairPauseMs: 6_000,
      whatsappTimeoutMs: 10_000,
    });
    expect(loadConfig({ CAL_RECONCILE_INTERVAL: '5m', WHATSAPP_PAIR_PAUSE: '10s' }).realism).toMatchObject({
      calReconcileIntervalMs: 5 * 60_000,
      whatsappPairPauseMs: 10_000,
    });
    expect(() => loadConfig({ CAL_RECONCILE_INTERVAL: '10s' })).toThrow(/CAL_RECONCILE_INTERVAL must be at least 1m/);
  });

  // Issue 12: where turns are processed.
  it('processing: its own thread with the Cloud API, in the HTTP thread with the simulator; bad values named', () => {
    const cloud = {
      WHATSAPP_ACCESS_TOKEN: 't',
      WHATSAPP_PHONE_NUMBER_ID: '1',
      WHATSAPP_APP_SECRET: 's',
      WHATSAPP_VERIFY_TOKEN: 'v',
    };
    expect(loadConfig({}).engine).toMatchObject({ thread: 'main', threads: 1, nice: 5, maxLagMs: 8 });
    expect(loadConfig(cloud).engine.thread).toBe('worker');
    expect(loadConfig({ ...cloud, PROCESSING_THREAD: 'main' }).engine.thread).toBe('main');
    expect(loadConfig({ ...cloud, PROCESSING_THREADS: '4' }).engine.threads).toBe(4);
    expect(() => loadConfig({ PROCESSING_THREAD: 'worker' })).toThrow(
      /PROCESSING_THREAD=worker needs the chat simulator off/,
    );
    expect(() => loadConfig({ PROCESSING_THREAD: 'fork' })).toThrow(
      /PROCESSING_THREAD="fork" must be auto, worker or main/,
    );
    expect(() => loadConfig({ PROCESSING_THREADS: '0' })).toThrow(/PROCESSING_THREADS="0" must be a whole number/);
  });

  it('is read once: buildApp takes the configuration main.ts read, not the environment again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reserva-config-'));
    const config = loadConfig({
      DATABASE_URL: `file:${join(dir, 'reserva.db')}`,
      BUSINESS_TIMEZONE: 'America/Bogota',
      LOG_LEVEL: 'silent',
      DEMO_SEED: '0',
    });
    // An environment loadConfig refuses: read again, it would throw.
    const env = { BUSINESS_TIMEZONE: 'Mars/Olympus', SESSION_TIMEOUT: 'forever', LOG_LEVEL: 'silent' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const reserva = await buildApp({ config, env, worker: false });
    try {
      expect(reserva.config).toBe(config);
      expect(reserva.config.businessTimeZone).toBe('America/Bogota');
    } finally {
      await reserva.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
