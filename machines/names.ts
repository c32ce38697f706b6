/**
 * Is this text plausibly a person's name? (pure). Used for the name step and for WhatsApp profile
 * names: a greeting, a thank-you, an intent word, emoji, digits or a sentence is not a name. Titles
 * are part of the name ("Don Ramón", "Dra. Pérez"). The NLU's richer `isPlausibleName` (src/nlu)
 * replaces this where it is available; the rules are the same.
 */
const NOT_NAMES = [
  // greetings, thanks, yes/no, intents (es / en / pt)
  'hola',
  'buenas',
  'buenos',
  'buen',
  'dias',
  'días',
  'tardes',
  'noches',
  'hello',
  'hi',
  'hey',
  'olá',
  'ola',
  'oi',
  'bom',
  'dia',
  'gracias',
  'genio',
  'thanks',
  'thank',
  'obrigado',
  'obrigada',
  'vale',
  'ok',
  'okay',
  'si',
  'sí',
  'no',
  'yes',
  'sim',
  'não',
  'nao',
  'cita',
  'reservar',
  'reserva',
  'cancelar',
  'cambiar',
  'book',
  'cancel',
  'change',
  'appointment',
  'agendar',
  'horário',
  'horario',
  'ayuda',
  'help',
  'ajuda',
  'stop',
  'baja',
  'quiero',
  'want',
  'quero',
  'mañana',
  'manana',
  'hoy',
  'today',
  'tomorrow',
  'amanhã',
  'whatsapp',
  'iphone',
  'android',
  'usuario',
  'user',
  'nombre',
  'name',
  'nome',
  'nada',
  'nothing',
];
const NOT_NAME = new Set(NOT_NAMES);

/** Letters (any script), apostrophes, hyphens and dots between words; 1–6 words; no digits or emoji. */
const WORD = /^[\p{L}][\p{L}\p{M}'’.-]*$/u;

export function looksLikeName(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  if (t.length < 2 || t.length > 60) return false;
  const words = t.split(/\s+/);
  if (words.length > 6 || !words.every((w) => WORD.test(w))) return false;
  return !words.some((w) => NOT_NAME.has(w.toLowerCase().replace(/[.!¡?¿,]/g, '')));
}

/** The name as the person wrote it, tidied: spaces collapsed, at most 60 characters. */
export function tidyName(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, 60);
}
