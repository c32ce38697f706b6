/**
 * Durable scheduler on the Job table: reminders, feedback requests, retries of conversation events.
 * See README.md in this folder for why it is not pg-boss or graphile-worker.
 */
export { scheduleJob, cancelJobs, type NewJob, type CancelWhere, type ScheduleOptions } from './schedule.js';
export {
  createWorker,
  type Worker,
  type WorkerOptions,
  type JobHandler,
  type JobContext,
  type SchedulerLogger,
} from './worker.js';
export { exponentialBackoff, type Backoff } from './backoff.js';
export { claimDueJobs, reclaimStaleJobs, type ClaimedJob } from './claim.js';
