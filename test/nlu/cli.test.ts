import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('scripts/nlu.ts (batch CLI)', () => {
  it('prints one JSON object per input line, in order, and nothing else', () => {
    const input = ['tenés turno mañana a las 5?', '', 'STOP', '12/15 at 11am'].join('\n') + '\n';
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/nlu.ts', '--reference', '2026-11-25T10:00:00+01:00', '--timezone', 'Europe/Madrid'],
      {
        cwd: root,
        input,
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.text)).toEqual(['tenés turno mañana a las 5?', '', 'STOP', '12/15 at 11am']);
    expect(Object.keys(lines[0]!)).toEqual(['text', 'language', 'intent', 'confidence', 'when']);
    expect(lines[0]).toMatchObject({
      language: 'es',
      intent: 'book',
      when: { start: '2026-11-26T17:00:00+01:00', end: '2026-11-26T18:00:00+01:00', grain: 'hour' },
    });
    expect(lines[2]).toMatchObject({ intent: 'opt_out', when: null });
    expect(lines[3]).toMatchObject({ language: 'en', when: { start: '2026-12-15T11:00:00+01:00', grain: 'hour' } });
  }, 30_000);

  it('refuses to run without a reference or zone', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/nlu.ts', '--timezone', 'Europe/Madrid'], {
      cwd: root,
      input: 'hola\n',
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
  }, 30_000);
});
