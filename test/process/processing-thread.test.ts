/**
 * Issue 12: with WhatsApp on the Cloud API (no chat simulator) the service processes turns in
 * their own threads (two here: each person's turns go to one of them). Started as `npm start`
 * starts it (through tsx, so no build is needed): signed webhooks are acknowledged, the processing
 * threads answer on (fake) Graph, /metrics sums their counters with the HTTP thread's, and SIGTERM
 * drains them all and exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakes,
  startService,
  serviceEnv,
  textWebhook,
  webhookClient,
  type Fakes,
  type Service,
} from '../../bench/support/load.js';
import { threadOf } from '../../src/processing/host.js';

describe('processing in its own thread (PROCESSING_THREAD=auto with the Cloud API)', () => {
  let fakes: Fakes | undefined;
  let service: Service | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    if (service?.child.exitCode === null) await service.kill9();
    await fakes?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    service = fakes = dir = undefined;
  });

  it(
    'acks webhooks, replies from the processing thread, serves its metrics and drains on SIGTERM',
    { timeout: 120_000 },
    async () => {
      fakes = await startFakes();
      dir = mkdtempSync(join(tmpdir(), 'reserva-thread-'));
      const port = 20000 + Math.floor(Math.random() * 20000);
      service = await startService(
        serviceEnv(fakes, {
          databaseUrl: `file:${join(dir, 'r.db')}`,
          port,
          extra: { LOG_LEVEL: 'info', PROCESSING_THREADS: '2' },
        }),
        { entry: 'tsx', nodeArgs: ['--import', 'tsx'] },
      );
      expect(service.output.join('\n')).toMatch(/Processing: 2 threads/);
      const client = webhookClient([service.url], 4);
      // Six people: both threads get some (threadOf spreads phones by hash).
      const people = ['34611000001', '34611000002', '34611000003', '34611000004', '34611000005', '34611000006'];
      for (const [i, phone] of people.entries()) {
        const r = await client.post(
          textWebhook({ from: phone, name: 'Ana', text: 'hola', id: `wamid.t.${i}`, at: new Date() }),
        );
        expect(r.status).toBe(200);
      }
      const deadline = Date.now() + 30_000;
      const answered = () => new Set(fakes!.graph.sent.map((s) => s.to));
      while (people.some((p) => !answered().has(p)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect([...answered()].sort()).toEqual(people);

      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      // Sent by the processing thread, served by the HTTP thread.
      expect(metrics).toMatch(/reserva_outbound_sent_total\{type="\w+"\} 6/);
      expect(metrics).toMatch(/reserva_webhook_ack_seconds_count\{source="whatsapp",status="200"\} 6/);
      client.close();

      const code = await service.stop();
      expect(code, service.output.join('\n')).toBe(0);
      expect(service.output.join('\n')).toMatch(/shut down cleanly/);
    },
  );
});

describe('threadOf', () => {
  it('sends a person to the same thread every time and spreads people over the threads', () => {
    const phones = Array.from({ length: 1000 }, (_, i) => `346${String(10_000_000 + i)}`);
    const counts = [0, 0, 0, 0];
    for (const p of phones) {
      expect(threadOf(p, 4)).toBe(threadOf(p, 4));
      counts[threadOf(p, 4)]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(150);
  });
});
