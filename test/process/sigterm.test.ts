/**
 * The built server started the way `npm start` starts it (npm → sh → exec node dist/src/main.js),
 * stopped the way a process manager stops it: SIGTERM to npm. The signal must reach the server,
 * which drains and exits 0, and nothing may be left listening. Needs `npm run build` first (CI
 * builds before testing); without dist/ the suite is skipped with a message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILT = join(ROOT, 'dist', 'src', 'main.js');
const built = existsSync(BUILT);
if (!built) console.warn(`[sigterm test] skipped: ${BUILT} does not exist; run \`npm run build\` first.`);

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start`, without its prestart build (dist/ is already built), on a free port. */
async function npmStart(dir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'reserva.db')}`,
      DEMO_SEED: '0',
      LOG_LEVEL: 'info',
      SIMULATOR: 'on',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Reserva is running on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    }, 50);
    void exit.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${out}`));
    });
  });
  return { child, url, output: () => out, exit };
}

function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(!built)('npm start and SIGTERM', () => {
  let dir: string;
  let started: Started | undefined;

  afterEach(() => {
    if (started?.child.exitCode === null) started.child.kill('SIGKILL');
    started = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM to npm reaches the server: it drains, exits 0 and stops accepting', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'reserva-sigterm-'));
    started = await npmStart(dir);
    const health = await fetch(`${started.url}/healthz`);
    expect(health.status).toBe(200);

    started.child.kill('SIGTERM');
    const { code } = await started.exit;
    expect(code, started.output()).toBe(0);
    expect(started.output()).toMatch(/shutting down: draining/);
    expect(started.output()).toMatch(/shut down cleanly/);
    expect(await accepts(started.url)).toBe(false);
  });

  it(
    'exits 1 when draining outlasts SHUTDOWN_GRACE (Cal.com never answers a call in flight)',
    { timeout: 120_000 },
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'reserva-sigterm-'));
      // A Cal.com that accepts connections and never answers.
      const calls: Socket[] = [];
      const blackhole = createServer((socket) => calls.push(socket));
      await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
      const calPort = (blackhole.address() as AddressInfo).port;
      try {
        started = await npmStart(dir, {
          SHUTDOWN_GRACE: '1s',
          CAL_API_URL: `http://127.0.0.1:${calPort}`,
          CAL_API_KEY: 'cal_test_key',
          CAL_EVENT_TYPE_ID: '1',
        });
        const res = await fetch(`${started.url}/simulator/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: '34600111222', text: 'quiero una cita mañana por la tarde' }),
        });
        expect(res.status).toBe(202);
        // The engine is now waiting on Cal.com in the background.
        for (let i = 0; i < 200 && calls.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(calls.length).toBeGreaterThan(0);

        started.child.kill('SIGTERM');
        const { code } = await started.exit;
        expect(code, started.output()).toBe(1);
        expect(started.output()).toMatch(/shutdown did not complete/);
        expect(await accepts(started.url)).toBe(false);
      } finally {
        for (const socket of calls) socket.destroy();
        blackhole.close();
      }
    },
  );
});
