/**
 * The business's knowledge file (`business.yaml`): what Reserva answers when asked about the business.
 * Texts the business writes are content, not catalog strings: each may be one string (any language) or
 * one per language; the reply catalog wraps them with a lead in the person's language and register.
 */
import type { Language } from '../../machines/types.js';
import type { GrowthSettings } from '../growth/config.js';

export type LocalizedText = string | Partial<Record<Language, string>>;

export interface Service {
  id: string;
  name: LocalizedText;
  /** Price as shown, e.g. "25 €" or "desde 30 €". */
  price?: string;
  durationMinutes?: number;
  description?: LocalizedText;
  /** The Cal.com event type that books it, when it is bookable in the chat. */
  calEventTypeId?: number;
  /** Growth (issue 16): how to prepare for it, sent with the 24 h reminder. */
  prepare?: LocalizedText;
}

export interface FaqEntry {
  id: string;
  /** Phrasings of the question, per language; matched by the knowledge module. */
  questions: Partial<Record<Language, string[]>>;
  answer: LocalizedText;
}

export interface Knowledge {
  name: string;
  address?: { text: string; mapUrl?: string };
  phone?: string;
  /** Opening hours as the business says them; the structured hours come from the calendar. */
  hoursText?: LocalizedText;
  services: Service[];
  parking?: LocalizedText;
  payment?: LocalizedText;
  cancellationPolicy?: LocalizedText;
  faq: FaqEntry[];
  /** Growth (issue 16): scores, segments, upsell, win-back; defaults when absent. */
  growth?: GrowthSettings;
}
