import type { InboundMessage, StatusUpdate } from '../whatsapp/types.js';

/** What the HTTP layer (webhook, simulator) needs from the conversation engine. */
export interface EngineApi {
  /**
   * Stores inbound messages in the durable inbox (a message id seen before is ignored) and status
   * updates (monotonic), then schedules processing in the background, in order per user.
   * Resolves once everything is stored — that is when the webhook may answer 200.
   */
  ingest(input: {
    messages: InboundMessage[];
    statuses: StatusUpdate[];
  }): Promise<{ stored: number; duplicates: number }>;
  /** The current statechart state and context of a phone's conversation (for the simulator / designers). */
  inspect(
    phone: string,
  ): Promise<{ state: unknown; context: unknown; machineVersion: number; updatedAt: string } | null>;
  /** Resolves when every queued message and effect has been processed (tests, graceful shutdown). */
  idle(): Promise<void>;
}
