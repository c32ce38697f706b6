/**
 * The privacy services behind one narrow interface, built once in app.ts. The chat flows (access,
 * rectification, erasure, opt-out / opt-in, marketing consent), the admin API and the outbox call
 * these — nothing else touches the privacy tables, except the engine's turn store reading the
 * suppression list by the key `suppressionHash` gives it.
 */
import type { Db } from '../db/client.js';
import { isSuppressed, optIn, optOut, recordMarketingConsent, type ConsentInput } from './consent.js';
import { exportContact, summarise, type ContactExport, type PrivacySummary } from './export.js';
import { eraseContact, type Eraser, type ErasureReport } from './erase.js';
import { mayDeliver, type DeliveryDecision, type GateContact } from './gate.js';
import { hashPhone } from './phone-hash.js';
import { createExportLink, redeemExportToken, type ExportLink, type Redeemed } from './links.js';
import { rectifyContact, type Rectification } from './rectify.js';
import { retentionHandler, RETENTION_JOB, scheduleRetention } from './retention.js';
import type { PrivacyConfig } from './config.js';
import type { JobHandler } from '../scheduler/index.js';

export interface Privacy {
  readonly privacyUrl: string;
  exportContact(contactId: string): Promise<ContactExport>;
  summarise(contactId: string): Promise<PrivacySummary>;
  createExportLink(contactId: string): Promise<ExportLink>;
  redeemExportToken(token: string): Promise<Redeemed>;
  eraseContact(contactId: string): Promise<ErasureReport>;
  rectifyContact(contactId: string, input: Rectification): Promise<{ changed: Array<'name' | 'email'> }>;
  recordMarketingConsent(contactId: string, input: ConsentInput): Promise<void>;
  optOut(contactId: string): Promise<void>;
  optIn(contactId: string): Promise<void>;
  isSuppressed(phone: string): Promise<boolean>;
  /**
   * The number's key on the suppression list (its salted hash). The engine's turn store reads the
   * list by it when a number writes for the first time (src/db/turns.ts: a new contact from a
   * suppressed number is created opted out, in the same statement).
   */
  suppressionHash(phone: string): string;
  /** The outbox gate: call with the contact row and the message kind before every send. */
  mayDeliver(contact: GateContact, kind: string): Promise<DeliveryDecision>;
  /** Other modules' rows erased with the contact (hand-off notes, Chatwoot mirror…). */
  addEraser(name: string, eraser: Eraser): void;
  /** Worker handlers to merge into createWorker({ handlers }). */
  readonly jobHandlers: Record<string, JobHandler>;
  /** Schedules today's retention run (idempotent). */
  start(): Promise<void>;
}

export function createPrivacy(deps: {
  prisma: Db;
  salt: string;
  config: PrivacyConfig;
  now: () => Date;
  log: (obj: object, msg: string) => void;
}): Privacy {
  const { prisma, salt, config, now } = deps;
  const erasers: Record<string, Eraser> = {};
  return {
    privacyUrl: config.privacyUrl,
    exportContact: (id) => exportContact(prisma, id, now()),
    summarise: (id) => summarise(prisma, id, now(), config.retentionDays),
    createExportLink: (id) =>
      createExportLink(prisma, id, { publicUrl: config.publicUrl, ttlMs: config.exportTtlMs, now: now() }),
    redeemExportToken: (token) => redeemExportToken(prisma, token, now()),
    eraseContact: (id) => eraseContact(prisma, salt, id, { now: now(), erasers }),
    rectifyContact: (id, input) => rectifyContact(prisma, id, input),
    recordMarketingConsent: (id, input) => recordMarketingConsent(prisma, id, input, now()),
    optOut: (id) => optOut(prisma, salt, id, now()),
    optIn: (id) => optIn(prisma, salt, id),
    isSuppressed: (phone) => isSuppressed(prisma, salt, phone),
    suppressionHash: (phone) => hashPhone(salt, phone),
    mayDeliver: (contact, kind) => mayDeliver(prisma, salt, contact, kind),
    addEraser(name, eraser) {
      erasers[name] = eraser;
    },
    jobHandlers: {
      [RETENTION_JOB]: retentionHandler({ prisma, retentionDays: config.retentionDays, now, log: deps.log }),
    },
    start: () => scheduleRetention(prisma, now()),
  };
}
