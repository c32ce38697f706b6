/**
 * Where the simulator page's files are. They are not compiled: they stay in src/simulator/public
 * both when running from source (tsx, src/simulator/*.ts) and from the build
 * (node, dist/src/simulator/*.js), so we find the project root (the folder with package.json)
 * by walking up from this module and resolve from there.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the project root: no package.json in ${from} or any folder above it`);
    dir = parent;
  }
}

export function defaultPublicDir(): string {
  return join(findProjectRoot(), 'src', 'simulator', 'public');
}

/** The files the page is made of, with their content types. Only these are served. */
export const PAGE_FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

/** Throws naming every missing file, so a broken image/deploy fails at start, not on first visit. */
export function assertPublicDir(dir: string): void {
  const missing = Object.keys(PAGE_FILES).filter((f) => !existsSync(join(dir, f)));
  if (missing.length) {
    throw new Error(
      `The chat simulator's page files are missing from ${dir}: ${missing.join(', ')}. ` +
        `Copy src/simulator/public next to dist/ (the Dockerfile does), or disable the simulator with SIMULATOR=off.`,
    );
  }
}
