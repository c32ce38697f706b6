/**
 * WhatsApp boundary: what we send (OutgoingMessage) and what we receive (InboundMessage,
 * StatusUpdate). Phones are digits only (E.164 without "+"), as WhatsApp sends them.
 */
export interface ReplyButton {
  id: string;
  title: string;
} // title ≤ 20 chars
export interface ListRow {
  id: string;
  title: string;
  description?: string;
} // ≤ 24 / ≤ 72
export interface ListSection {
  title?: string;
  rows: ListRow[];
} // ≤ 10 rows in total

/**
 * What a message is for, stored with it (never sent to WhatsApp): the insight figures read it
 * (src/insights/kinds.ts lists the purposes).
 */
export interface MessageMeta {
  purpose: string;
  /** The booking the message is about (reminders, notices, the rating question). */
  bookingUid?: string;
}

export type OutgoingMessage = (
  | { type: 'text'; body: string }
  | { type: 'buttons'; body: string; buttons: ReplyButton[]; header?: string; footer?: string }
  | { type: 'list'; body: string; buttonText: string; sections: ListSection[]; header?: string; footer?: string }
  | {
      type: 'template';
      name: string;
      language: string; // e.g. "es", "en_US"
      bodyParams: string[];
      /** Quick-reply button payloads, in the template's button order. */
      quickReplies?: string[];
      /** Shown by the simulator and logged: what the person reads (the approved template text, filled). */
      preview?: string;
    }
) & { meta?: MessageMeta };

/** Issue 10: WhatsApp's `system` messages: the person's number (or user id) changed. */
export type SystemEvent =
  | { kind: 'number_changed'; from: string; newPhone: string; userId?: string }
  | { kind: 'user_id_changed'; from: string; newUserId: string };

export type InboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'button_reply'; id: string; title: string } // interactive reply button
  | { kind: 'list_reply'; id: string; title: string; description?: string }
  | { kind: 'template_button'; payload: string; text: string } // quick reply on a template
  | { kind: 'location'; latitude: number; longitude: number; name?: string }
  | { kind: 'media'; mediaType: 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker'; caption?: string }
  | { kind: 'reaction'; emoji: string; messageId: string }
  | { kind: 'unsupported'; rawType: string };

export interface InboundMessage {
  id: string; // WhatsApp message id (wamid…)
  from: string; // phone digits
  profileName?: string;
  timestamp: string; // ISO
  content: InboundContent;
  /** The message this one replies to (context.id), e.g. the reminder a quick reply came from. */
  contextId?: string;
  /** Our business number that received it (metadata.phone_number_id): routes multi-number setups. */
  phoneNumberId?: string;
  /** Growth (issue 16): the Click-to-WhatsApp ad the message came from (WhatsApp's `referral`). */
  referral?: import('../growth/referral.js').AdReferral;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusUpdate {
  messageId: string;
  recipient: string;
  status: DeliveryStatus;
  timestamp: string; // ISO
  errorCode?: number;
  errorTitle?: string;
  /** error_data.details (or message) of the first error: the human explanation from Meta. */
  errorDetails?: string;
  /** biz_opaque_callback_data we sent with the message (our outbound row), echoed by WhatsApp. */
  callbackData?: string;
}

/** Extra facts from a Graph API error body / response, all optional. */
export interface WhatsAppErrorInfo {
  subcode?: number;
  /** error.error_data.details: Meta's explanation of what was wrong. */
  details?: string;
  fbtraceId?: string;
  /** From a Retry-After header, when the server sent one. */
  retryAfterMs?: number;
  /** How many HTTP attempts were made before giving up (set by the client). */
  attempts?: number;
  /**
   * Issue 10: no answer came (timeout, dropped connection): Meta may have the message. Never
   * repeated blindly; the status webhooks (biz_opaque_callback_data) tell what happened.
   */
  uncertain?: boolean;
}

export class WhatsAppError extends Error {
  constructor(
    message: string,
    public readonly code: number | undefined,
    public readonly httpStatus: number | undefined,
    public readonly retryable: boolean,
    public readonly info: WhatsAppErrorInfo = {},
  ) {
    super(message);
    this.name = 'WhatsAppError';
  }
  /** 131047: outside the 24-hour window: only a template may be sent. */
  get windowClosed(): boolean {
    return this.code === 131047;
  }
}

export interface WhatsAppSender {
  readonly name: 'cloud' | 'simulator';
  /**
   * `callbackData` goes out as `biz_opaque_callback_data` and comes back on the message's status
   * webhooks: Reserva puts its own outbound row id there, to reconcile a send whose answer was lost.
   */
  send(to: string, message: OutgoingMessage, opts?: { callbackData?: string }): Promise<{ messageId: string }>;
  /** Marks an inbound message as read and shows the typing indicator while we prepare the reply. */
  markRead(messageId: string, opts?: { typing?: boolean }): Promise<void>;
}
