/**
 * Issue 12: what the HTTP thread and the processing thread say to each other (worker_threads
 * messages). The database is the source of truth: a lost message only delays work until the
 * processing thread's periodic scan finds it.
 */
export type ToProcessor =
  /** Work was stored for this person; `id` asks for a `settled` answer once it is done. */
  | { t: 'take'; phone: string; id?: number }
  /** The processing thread's metrics, for /metrics. */
  | { t: 'metrics'; id: number }
  /** Benchmarks (RESERVA_PROFILE): open the CPU profile window now. */
  | { t: 'profile' }
  /** Drain (finish the turns in flight), close, exit. */
  | { t: 'close' };

export type FromProcessor =
  | { t: 'ready'; instanceId: string }
  | { t: 'settled'; id: number }
  /** People waiting for a turn (the overload signal), sent periodically. */
  | { t: 'backlog'; n: number }
  | { t: 'metrics'; id: number; metrics: object[] }
  | { t: 'closed' }
  | { t: 'failed'; error: string };
