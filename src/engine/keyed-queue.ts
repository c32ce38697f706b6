/**
 * Runs tasks one at a time per key (per user), different keys in parallel, and tells when all
 * work is done. In-process only: across instances, the optimistic version check on the
 * conversation row keeps snapshots consistent.
 */
export class KeyedQueue {
  private tails = new Map<string, Promise<void>>();
  private pending = 0;
  private waiters: Array<() => void> = [];

  push(key: string, task: () => Promise<void>, onError: (err: unknown) => void): Promise<void> {
    this.pending++;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev
      .then(task)
      .catch(onError)
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        if (--this.pending === 0) for (const w of this.waiters.splice(0)) w();
      });
    this.tails.set(key, next);
    return next;
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
