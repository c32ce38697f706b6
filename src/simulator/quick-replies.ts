/**
 * Template quick replies carry only payloads (v1:attend:<uid>, v1:rating:5…); the button texts
 * live in the approved template on Meta's side. The simulator shows these stand-in labels, in
 * the template's language, so people can tap them.
 */
const LABELS: Record<string, Record<string, string>> = {
  es: {
    confirm: 'Confirmar',
    attend: 'Sí, iré',
    reschedule: 'Cambiar hora',
    cancel: 'Cancelar',
    decline: 'No',
    book: 'Reservar',
    help: 'Ayuda',
    human: 'Hablar con alguien',
    skip: 'Omitir',
    booking: 'Ver cita',
  },
  en: {
    confirm: 'Confirm',
    attend: "Yes, I'll be there",
    reschedule: 'Change time',
    cancel: 'Cancel',
    decline: 'No',
    book: 'Book',
    help: 'Help',
    human: 'Talk to someone',
    skip: 'Skip',
    booking: 'See booking',
  },
  pt: {
    confirm: 'Confirmar',
    attend: 'Sim, vou',
    reschedule: 'Mudar horário',
    cancel: 'Cancelar',
    decline: 'Não',
    book: 'Agendar',
    help: 'Ajuda',
    human: 'Falar com alguém',
    skip: 'Pular',
    booking: 'Ver agendamento',
  },
};

export function quickReplyLabel(payload: string, language: string): string {
  const labels = LABELS[language.slice(0, 2).toLowerCase()] ?? LABELS.es!;
  const [version, what, rest] = payload.split(':');
  if (version !== 'v1' || !what) return payload;
  if (what === 'rating' && /^[1-5]$/.test(rest ?? '')) return '⭐'.repeat(Number(rest));
  return labels[what] ?? payload;
}
