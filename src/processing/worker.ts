/**
 * A `worker_threads` Worker for a module of this project: the file itself when compiled (.js),
 * or, under tsx (development, tests, benchmarks), a small entry that registers tsx's loader before
 * importing the .ts source (a worker does not inherit the loader the main thread registered).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(file: URL, options: WorkerOptions = {}): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  const entry = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(entry, { ...options, eval: true });
}
