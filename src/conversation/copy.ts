/**
 * What Reserva says: renders a machine's ReplySpec into one WhatsApp message in the person's
 * language and formality, following ../shared/conversation-style.md — one message a turn, the next
 * step last and always offered as buttons or a list, dates in the business zone, one functional
 * emoji at most, WhatsApp formatting only.
 */
import type { BookingSummary, ContactFacts, Language, OpeningInterval, ReplySpec, SlotOption, When } from '../../machines/types.js';
import type { Knowledge, LocalizedText } from '../knowledge/types.js';
import type { ListSection, OutgoingMessage, ReplyButton } from '../whatsapp/types.js';
import { BUTTON } from './buttons.js';
import { dateFormatter, type DateFormatter } from './dates.js';

export interface CopyContext {
  contact: ContactFacts;
  timeZone: string;
  now: Date;
  eventTitle: string;
  lengthMinutes: number;
  bookingUrl?: string;
  /** The business's knowledge file (business.yaml): answers to business questions. */
  knowledge?: Knowledge;
}

type Formality = 'tu' | 'vos' | 'usted';
/** Picks the form for tú / vos / usted. */
const f = (formality: Formality | undefined, tu: string, vos: string, usted: string) => (formality === 'vos' ? vos : formality === 'usted' ? usted : tu);

interface Words {
  confirm: string; otherTime: string; cancel: string; book: string; help: string; human: string; seeTimes: string; reschedule: string; keep: string; yesCancel: string; skip: string; myBookings: string;
}
const WORDS: Record<Language, Words> = {
  es: { confirm: 'Confirmar', otherTime: 'Otra hora', cancel: 'Cancelar', book: 'Reservar cita', help: 'Ayuda', human: 'Hablar con alguien', seeTimes: 'Ver horarios', reschedule: 'Cambiar hora', keep: 'Mantenerla', yesCancel: 'Sí, cancelar', skip: 'Omitir', myBookings: 'Ver citas' },
  en: { confirm: 'Confirm', otherTime: 'Another time', cancel: 'Cancel', book: 'Book', help: 'Help', human: 'Talk to a person', seeTimes: 'See times', reschedule: 'Change time', keep: 'Keep it', yesCancel: 'Yes, cancel', skip: 'Skip', myBookings: 'My bookings' },
  pt: { confirm: 'Confirmar', otherTime: 'Outro horário', cancel: 'Cancelar', book: 'Agendar', help: 'Ajuda', human: 'Falar com alguém', seeTimes: 'Ver horários', reschedule: 'Mudar horário', keep: 'Manter', yesCancel: 'Sim, cancelar', skip: 'Pular', myBookings: 'Meus horários' },
};

/** Titles kept with the name: "Don Ramón", not "Don". */
const TITLES = new Set(['don', 'doña', 'dona', 'sr', 'sr.', 'sra', 'sra.', 'dr', 'dr.', 'dra', 'dra.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'seu', 'dom']);
const firstName = (name?: string) => {
  const words = (name ?? '').trim().split(/\s+/);
  const first = words[0] ?? '';
  return TITLES.has(first.toLowerCase()) && words[1] ? `${first} ${words[1]}` : first;
};

export function render(spec: ReplySpec, ctx: CopyContext): OutgoingMessage {
  const lang = ctx.contact.language;
  const w = WORDS[lang];
  const d = dateFormatter(lang, ctx.timeZone, ctx.now, ctx.contact.zoneNote);
  const fm = ctx.contact.formality;
  const name = firstName(ctx.contact.name);
  const es = lang === 'es';
  const en = lang === 'en';
  const t = (esText: string, enText: string, ptText: string) => (es ? esText : en ? enText : ptText);
  const buttons = (body: string, list: ReplyButton[]): OutgoingMessage => ({ type: 'buttons', body, buttons: list });
  const mainMenu: ReplyButton[] = [
    { id: BUTTON.book, title: w.book },
    { id: BUTTON.reschedule, title: w.reschedule },
    { id: BUTTON.cancel, title: t('Cancelar cita', 'Cancel booking', 'Cancelar horário') },
  ];
  const changeOrCancel = (b: BookingSummary): ReplyButton[] => [
    { id: BUTTON.rescheduleBooking(b.uid), title: w.reschedule },
    { id: BUTTON.cancelBooking(b.uid), title: t('Cancelar cita', 'Cancel booking', 'Cancelar horário') },
  ];
  const len = `${ctx.lengthMinutes} min`;

  switch (spec.key) {
    case 'greeting':
      return buttons(
        t(
          `Hola${name ? ` ${name}` : ''} 👋 Soy el asistente de citas. ¿Qué ${f(fm, 'necesitas', 'necesitás', 'necesita')}?`,
          `Hi${name ? ` ${name}` : ''} 👋 I'm the booking assistant. What can I do for you?`,
          `Olá${name ? ` ${name}` : ''} 👋 Sou o assistente de agendamentos. Como posso ajudar?`,
        ),
        mainMenu,
      );
    case 'help':
      return buttons(
        t(
          `Puedo reservar, cambiar o cancelar ${f(fm, 'tu', 'tu', 'su')} cita. ${f(fm, 'Escríbeme', 'Escribime', 'Escríbame')} por ejemplo "mañana a las 10" o elige una opción.`,
          'I can book, move or cancel your appointment. Write for example "tomorrow at 10" or pick an option.',
          'Posso agendar, mudar ou cancelar seu horário. Escreva por exemplo "amanhã às 10" ou escolha uma opção.',
        ),
        mainMenu,
      );
    case 'thanks':
      return buttons(t('¡A ti! Aquí estoy si necesitas algo más.', "You're welcome! I'm here if you need anything else.", 'De nada! Estou aqui se precisar de algo.').replace('¡A ti!', f(fm, '¡A ti!', '¡A vos!', '¡A usted!')), mainMenu);
    case 'human':
      return buttons(
        t(
          'De acuerdo, aviso a una persona del equipo para que te escriba por aquí en cuanto pueda.',
          "Sure, I've asked someone from the team to write to you here as soon as they can.",
          'Certo, pedi a alguém da equipe para te escrever aqui assim que puder.',
        ).replace('te escriba', f(fm, 'te escriba', 'te escriba', 'le escriba')),
        [{ id: BUTTON.book, title: w.book }],
      );
    case 'optedOut':
      return buttons(
        t(
          'Hecho: no te enviaré más mensajes promocionales. Seguirás recibiendo solo los avisos de tus citas. Si quieres reservar, escribe "cita".',
          "Done: no more promotional messages. You'll only get notices about your appointments. To book, write \"book\".",
          'Pronto: sem mais mensagens promocionais. Você só receberá avisos dos seus horários. Para agendar, escreva "agendar".',
        ),
        [{ id: BUTTON.book, title: w.book }],
      );
    case 'mediaNotSupported':
      return buttons(
        t(
          `Perdona, aún no puedo escuchar audios ni ver imágenes. ${f(fm, 'Escríbeme', 'Escribime', 'Escríbame')} con texto qué ${f(fm, 'necesitas', 'necesitás', 'necesita')}, por ejemplo "cita el jueves a las 10".`,
          "Sorry, I can't listen to voice notes or see images yet. Please write what you need, for example \"appointment Thursday at 10\".",
          'Desculpe, ainda não consigo ouvir áudios nem ver imagens. Escreva o que precisa, por exemplo "horário quinta às 10".',
        ),
        mainMenu,
      );
    case 'expiredOption':
      return buttons(
        t('Esa opción ya no está disponible. ¿Busco los horarios libres de ahora?', 'That option has expired. Shall I look for the current free times?', 'Essa opção expirou. Procuro os horários livres agora?'),
        [{ id: BUTTON.book, title: w.seeTimes }, { id: BUTTON.help, title: w.help }],
      );
    case 'didntUnderstand': {
      const link = ctx.bookingUrl;
      if (spec.misses >= 2 && link) {
        return buttons(
          t(
            `Perdona, sigo sin entenderte. También ${f(fm, 'puedes', 'podés', 'puede')} reservar directamente aquí: ${link}`,
            `Sorry, I still don't get it. You can also book directly here: ${link}`,
            `Desculpe, ainda não entendi. Você também pode agendar direto aqui: ${link}`,
          ),
          [{ id: BUTTON.book, title: w.book }, { id: BUTTON.human, title: w.human }],
        );
      }
      return buttons(
        t(
          `Perdona, no te he entendido. ${f(fm, 'Puedes', 'Podés', 'Puede')} escribirme por ejemplo "quiero una cita mañana a las 10", o elegir una opción.`,
          'Sorry, I didn\'t get that. You can write for example "I want an appointment tomorrow at 10", or pick an option.',
          'Desculpe, não entendi. Você pode escrever por exemplo "quero um horário amanhã às 10", ou escolher uma opção.',
        ),
        mainMenu,
      );
    }
    case 'offerSlots':
      return offerSlots(spec, ctx, d, w);
    case 'noSlots':
      return buttons(
        spec.requested
          ? t(
              `No me quedan huecos ${describeRequest(spec.requested, d, lang)}. ¿Qué otro día te viene bien?`,
              `I have no free times ${describeRequest(spec.requested, d, lang)}. Which other day suits you?`,
              `Não tenho horários livres ${describeRequest(spec.requested, d, lang)}. Que outro dia fica bom?`,
            ).replace('te viene', f(fm, 'te viene', 'te viene', 'le viene'))
          : t('No me quedan huecos libres en los próximos días. ¿Para qué fecha la quieres?', 'I have no free times in the next days. Which date would you like?', 'Não tenho horários livres nos próximos dias. Para qual data?'),
        [{ id: BUTTON.human, title: w.human }, { id: BUTTON.cancel, title: w.cancel }],
      );
    case 'confirmSlot':
      return buttons(
        t(
          `${name ? `${name}, p` : 'P'}uedo reservarte el *${d.dayAndTime(spec.slot.start)}* (${len}). ¿La confirmo?`.replace('reservarte', f(fm, 'reservarte', 'reservarte', 'reservarle')),
          `${name ? `${name}, I` : 'I'} can book you for *${d.dayAndTime(spec.slot.start)}* (${len}). Shall I confirm it?`,
          `${name ? `${name}, p` : 'P'}osso agendar para *${d.dayAndTime(spec.slot.start)}* (${len}). Confirmo?`,
        ).replace(/^(\S+), /, (m) => m),
        [{ id: BUTTON.confirm, title: w.confirm }, { id: BUTTON.decline, title: w.otherTime }, { id: BUTTON.cancel, title: w.cancel }],
      );
    case 'askName':
      return {
        type: 'text',
        body: spec.retry
          ? t(
              `Perdona, eso no parece un nombre. ¿A nombre de quién pongo la reserva? Por ejemplo: Ana García.`,
              "Sorry, that doesn't look like a name. Who should I put the booking under? For example: Ana García.",
              'Desculpe, isso não parece um nome. Em nome de quem faço a reserva? Por exemplo: Ana García.',
            )
          : t(
          `Para la reserva, ¿a nombre de quién la pongo? ${f(fm, 'Escríbeme', 'Escribime', 'Escríbame')} nombre y apellido.`,
          'Who should I put the booking under? Write your first and last name.',
          'Em nome de quem faço a reserva? Escreva nome e sobrenome.',
        ),
      };
    case 'askEmail':
      return {
        type: 'text',
        body: spec.retry
          ? t(
              `Esa dirección no parece un e-mail. ${f(fm, 'Escríbemelo', 'Escribímelo', 'Escríbamelo')} así: nombre@ejemplo.com`,
              "That doesn't look like an e-mail address. Write it like this: name@example.com",
              'Isso não parece um e-mail. Escreva assim: nome@exemplo.com',
            )
          : t(
              `Para confirmar la reserva necesito ${f(fm, 'tu', 'tu', 'su')} e-mail. ¿Cuál es?`,
              'To confirm the booking I need your e-mail address. What is it?',
              'Para confirmar a reserva preciso do seu e-mail. Qual é?',
            ),
      };
    case 'booked': {
      const b = spec.booking;
      return buttons(
        t(
          `✅ Listo${name ? `, ${name}` : ''}: *${d.range(b.start, b.end)}* (${b.title ?? ctx.eventTitle}). Te recordaré el día antes y una hora antes. Para cambiarla, escribe "cambiar" o "cancelar" cuando quieras.`
            .replace('Te recordaré', f(fm, 'Te recordaré', 'Te recordaré', 'Le recordaré'))
            .replace('escribe "cambiar"', f(fm, 'escribe "cambiar"', 'escribí "cambiar"', 'escriba "cambiar"')),
          `✅ Done${name ? `, ${name}` : ''}: *${d.range(b.start, b.end)}* (${b.title ?? ctx.eventTitle}). I'll remind you the day before and one hour before. To change it, write "change" or "cancel" any time.`,
          `✅ Pronto${name ? `, ${name}` : ''}: *${d.range(b.start, b.end)}* (${b.title ?? ctx.eventTitle}). Vou te lembrar na véspera e uma hora antes. Para mudar, escreva "mudar" ou "cancelar" quando quiser.`,
        ),
        changeOrCancel(b),
      );
    }
    case 'bookingAbandoned':
      return buttons(
        t('De acuerdo, no reservo nada. Cuando quieras, escríbeme.', "Okay, I won't book anything. Write to me whenever you like.", 'Certo, não reservo nada. Quando quiser, me escreva.').replace('escríbeme', f(fm, 'escríbeme', 'escribime', 'escríbame')),
        [{ id: BUTTON.book, title: w.book }],
      );
    case 'calendarDown':
      return buttons(
        t(
          'Perdona, no puedo consultar la agenda ahora mismo; te escribo en cuanto vuelva.',
          "Sorry, I can't reach the calendar right now; I'll write to you as soon as it's back.",
          'Desculpe, não consigo acessar a agenda agora; te escrevo assim que voltar.',
        ).replace('te escribo', f(fm, 'te escribo', 'te escribo', 'le escribo')),
        [{ id: BUTTON.cancel, title: w.cancel }],
      );
    case 'noBookings':
      return buttons(
        t(
          `No ${f(fm, 'tienes', 'tenés', 'tiene')} ninguna cita próxima conmigo. ¿Quieres reservar una?`.replace('¿Quieres', f(fm, '¿Quieres', '¿Querés', '¿Quiere')),
          "You don't have any upcoming appointment with me. Would you like to book one?",
          'Você não tem nenhum horário marcado comigo. Quer agendar um?',
        ),
        [{ id: BUTTON.book, title: w.book }, { id: BUTTON.help, title: w.help }],
      );
    case 'chooseBooking': {
      const body = spec.purpose === 'reschedule'
        ? t(`${f(fm, 'Tienes', 'Tenés', 'Tiene')} varias citas. ¿Cuál quieres cambiar?`.replace('quieres', f(fm, 'quieres', 'querés', 'quiere')), 'You have several appointments. Which one do you want to move?', 'Você tem vários horários. Qual quer mudar?')
        : t(`${f(fm, 'Tienes', 'Tenés', 'Tiene')} varias citas. ¿Cuál quieres cancelar?`.replace('quieres', f(fm, 'quieres', 'querés', 'quiere')), 'You have several appointments. Which one do you want to cancel?', 'Você tem vários horários. Qual quer cancelar?');
      return bookingChoice(body, spec.bookings, d, w);
    }
    case 'confirmReschedule':
      return buttons(
        t(
          `¿Muevo ${f(fm, 'tu', 'tu', 'su')} cita del ${d.dayAndTime(spec.from.start)} al *${d.dayAndTime(spec.to.start)}*?`,
          `Shall I move your appointment from ${d.dayAndTime(spec.from.start)} to *${d.dayAndTime(spec.to.start)}*?`,
          `Mudo seu horário de ${d.dayAndTime(spec.from.start)} para *${d.dayAndTime(spec.to.start)}*?`,
        ),
        [{ id: BUTTON.confirm, title: w.confirm }, { id: BUTTON.decline, title: w.otherTime }, { id: BUTTON.cancel, title: w.keep }],
      );
    case 'rescheduled':
      return buttons(
        t(
          `✅ Cambiada: ${f(fm, 'tu', 'tu', 'su')} cita es ahora el *${d.range(spec.booking.start, spec.booking.end)}*. Te recordaré antes, como siempre.`.replace('Te recordaré', f(fm, 'Te recordaré', 'Te recordaré', 'Le recordaré')),
          `✅ Moved: your appointment is now *${d.range(spec.booking.start, spec.booking.end)}*. I'll remind you beforehand as usual.`,
          `✅ Mudado: seu horário agora é *${d.range(spec.booking.start, spec.booking.end)}*. Vou te lembrar antes, como sempre.`,
        ),
        changeOrCancel(spec.booking),
      );
    case 'confirmCancel':
      return buttons(
        t(
          `¿Cancelo ${f(fm, 'tu', 'tu', 'su')} cita del *${d.dayAndTime(spec.booking.start)}*?`,
          `Shall I cancel your appointment on *${d.dayAndTime(spec.booking.start)}*?`,
          `Cancelo seu horário de *${d.dayAndTime(spec.booking.start)}*?`,
        ),
        [{ id: BUTTON.confirm, title: w.yesCancel }, { id: BUTTON.decline, title: w.keep }],
      );
    case 'cancelled':
      return buttons(
        t(
          `Hecho, he cancelado ${f(fm, 'tu', 'tu', 'su')} cita del ${d.dayAndTime(spec.booking.start)}. ¿Quieres reservar otra?`.replace('¿Quieres', f(fm, '¿Quieres', '¿Querés', '¿Quiere')),
          `Done, I've cancelled your appointment on ${d.dayAndTime(spec.booking.start)}. Would you like to book another one?`,
          `Pronto, cancelei seu horário de ${d.dayAndTime(spec.booking.start)}. Quer agendar outro?`,
        ),
        [{ id: BUTTON.book, title: w.book }],
      );
    case 'keptBooking':
      return buttons(
        spec.booking
          ? t(`Perfecto, mantengo ${f(fm, 'tu', 'tu', 'su')} cita del ${d.dayAndTime(spec.booking.start)}.`, `Perfect, I'm keeping your appointment on ${d.dayAndTime(spec.booking.start)}.`, `Perfeito, mantenho seu horário de ${d.dayAndTime(spec.booking.start)}.`)
          : t('Perfecto, no cambio nada.', "Perfect, I won't change anything.", 'Perfeito, não mudo nada.'),
        mainMenu,
      );
    case 'attendanceConfirmed':
      return buttons(
        t(
          `✅ Gracias${name ? `, ${name}` : ''}: ${f(fm, 'te', 'te', 'le')} esperamos el ${d.dayAndTime(spec.booking.start)}.`,
          `✅ Thanks${name ? `, ${name}` : ''}: see you ${d.dayAndTime(spec.booking.start)}.`,
          `✅ Obrigado${name ? `, ${name}` : ''}: te esperamos ${d.dayAndTime(spec.booking.start)}.`,
        ),
        changeOrCancel(spec.booking),
      );
    case 'askRating':
      return {
        type: 'list',
        body: t(
          `¿Qué tal ${f(fm, 'tu', 'tu', 'su')} cita del ${d.day(spec.booking.start)}? ${f(fm, 'Puntúala', 'Puntuala', 'Puntúela')} del 1 al 5.`,
          `How was your appointment on ${d.day(spec.booking.start)}? Rate it from 1 to 5.`,
          `Como foi seu horário de ${d.day(spec.booking.start)}? Dê uma nota de 1 a 5.`,
        ),
        buttonText: t('Puntuar', 'Rate', 'Avaliar'),
        sections: [
          {
            rows: [5, 4, 3, 2, 1].map((n) => ({
              id: BUTTON.rating(n),
              title: `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n}`,
              description: ratingLabel(n, lang),
            })),
          },
        ],
      };
    case 'askComment':
      return buttons(
        t('¡Gracias! ¿Quieres contarnos algo más? Escríbelo aquí.', 'Thank you! Anything else you want to tell us? Write it here.', 'Obrigado! Quer contar algo mais? Escreva aqui.')
          .replace('¿Quieres', f(fm, '¿Quieres', '¿Querés', '¿Quiere'))
          .replace('Escríbelo', f(fm, 'Escríbelo', 'Escribilo', 'Escríbalo')),
        [{ id: BUTTON.skip, title: w.skip }],
      );
    case 'myBookings':
    case 'closed':
    case 'businessAnswer':
    case 'unknownQuestion':
    case 'nameUpdated':
    case 'emailUpdated':
    case 'stuck':
    case 'notUnderstood':
      return renderFlowReply(spec, ctx, d, w);
    // Placeholders until the typed catalog lands (issue 9 item 7).
    case 'bookingRequested':
    case 'bookingRefused':
    case 'askBookingField':
    case 'handoffStarted':
    case 'handoffEnded':
      return { type: 'text', body: spec.key };
    case 'staffMessage':
      return { type: 'text', body: spec.text };
    case 'feedbackThanks':
      return buttons(t('Gracias por tu opinión, nos ayuda a mejorar.', 'Thanks for your feedback, it helps us improve.', 'Obrigado pela sua opinião, ela nos ajuda a melhorar.').replace('tu opinión', f(fm, 'tu opinión', 'tu opinión', 'su opinión')), [{ id: BUTTON.book, title: w.book }]);
  }
}

function ratingLabel(n: number, lang: Language): string {
  const labels: Record<Language, string[]> = {
    es: ['Muy mal', 'Mal', 'Normal', 'Bien', 'Excelente'],
    en: ['Very bad', 'Bad', 'Okay', 'Good', 'Excellent'],
    pt: ['Muito ruim', 'Ruim', 'Normal', 'Bom', 'Excelente'],
  };
  return labels[lang][n - 1]!;
}

function describeRequest(when: When, d: DateFormatter, lang: Language): string {
  const on = lang === 'en' ? 'on' : lang === 'pt' ? 'em' : 'el';
  if (when.grain === 'minute' || when.grain === 'hour') return `${on} ${d.dayAndTime(when.start)}`;
  if (when.grain === 'week') return lang === 'en' ? 'that week' : lang === 'pt' ? 'nessa semana' : 'esa semana';
  if (when.grain === 'month') return lang === 'en' ? 'that month' : lang === 'pt' ? 'nesse mês' : 'ese mes';
  return `${on} ${d.day(when.start)}`.replace(/^el (hoy|mañana)/, '$1').replace(/^on (today|tomorrow)/, '$1');
}

function offerSlots(spec: Extract<ReplySpec, { key: 'offerSlots' }>, ctx: CopyContext, d: DateFormatter, w: Words): OutgoingMessage {
  const lang = ctx.contact.language;
  const fm = ctx.contact.formality;
  const t = (es: string, en: string, pt: string) => (lang === 'es' ? es : lang === 'en' ? en : pt);
  const options = spec.options.slice(0, 10);
  const req = spec.requested;
  let lead: string;
  if (spec.taken) {
    lead = t('Vaya, ese hueco se acaba de ocupar. Lo más cercano:', 'Sorry, that time was just taken. The nearest free times:', 'Ops, esse horário acabou de ser ocupado. Os mais próximos:');
  } else if (req && (req.grain === 'minute' || req.grain === 'hour')) {
    lead = t(`Las ${d.time(req.start)} ya están ocupadas. Lo más cercano:`, `${d.time(req.start)} is already taken. The nearest free times:`, `${d.time(req.start)} já está ocupado. Os mais próximos:`);
  } else if (req && !spec.widened) {
    lead = t(`Estos son los huecos libres ${describeRequest(req, d, lang)}:`, `These are the free times ${describeRequest(req, d, lang)}:`, `Estes são os horários livres ${describeRequest(req, d, lang)}:`);
  } else if (req && spec.widened) {
    lead = t(`No quedan huecos ${describeRequest(req, d, lang)}. Lo más cercano:`, `Nothing free ${describeRequest(req, d, lang)}. The nearest free times:`, `Nada livre ${describeRequest(req, d, lang)}. Os mais próximos:`);
  } else {
    lead = t(`¿Para cuándo la ${f(fm, 'quieres', 'querés', 'quiere')}? Estos son los primeros huecos libres:`, 'When would you like it? These are the first free times:', 'Para quando? Estes são os primeiros horários livres:');
  }
  const ask = t(`¿Cuál te viene bien? También ${f(fm, 'puedes', 'podés', 'puede')} escribirme otro día u hora.`.replace('te viene', f(fm, 'te viene', 'te viene', 'le viene')), 'Which one suits you? You can also write another day or time.', 'Qual fica bom? Você também pode escrever outro dia ou hora.');
  if (spec.note === 'other') lead = t('Otras horas libres cerca de esa:', 'Other free times near that one:', 'Outros horários livres perto desse:');
  const prefix =
    spec.note === 'miss'
      ? t('Perdona, no te he entendido.', "Sorry, I didn't get that.", 'Desculpe, não entendi.')
      : spec.note === 'media'
        ? t('Perdona, no puedo escuchar audios ni ver imágenes.', "Sorry, I can't listen to voice notes or see images.", 'Desculpe, não consigo ouvir áudios nem ver imagens.')
        : '';
  // A full list: say how to see the next page ("ver más" keeps the day).
  const more =
    options.length >= 10 ? ` ${t('Escribe "ver más" para más horas.'.replace('Escribe', f(fm, 'Escribe', 'Escribí', 'Escriba')), 'Write "more" for more times.', 'Escreva "ver mais" para mais horários.')}` : '';
  const body = prefix ? `${prefix} ${lead} ${ask}${more}` : `${lead} ${ask}${more}`;
  if (!options.length) {
    return { type: 'buttons', body: prefix ? `${prefix} ${ask}` : ask, buttons: [{ id: BUTTON.book, title: w.seeTimes }, { id: BUTTON.human, title: w.human }] };
  }
  if (options.length <= 3) {
    return { type: 'buttons', body, buttons: options.map((o) => ({ id: BUTTON.slot(o.start), title: d.short(o.start) })) };
  }
  const sections = new Map<string, ListSection>();
  for (const o of options) {
    const key = d.dayKey(o.start);
    if (!sections.has(key)) sections.set(key, { title: d.dayTitle(o.start), rows: [] });
    sections.get(key)!.rows.push({ id: BUTTON.slot(o.start), title: `${d.time(o.start)} – ${d.time(o.end)}`, description: `${d.day(o.start)} · ${ctx.lengthMinutes} min` });
  }
  return { type: 'list', body, buttonText: w.seeTimes, sections: [...sections.values()] };
}

function bookingChoice(body: string, bookings: BookingSummary[], d: DateFormatter, w: Words): OutgoingMessage {
  const list = bookings.slice(0, 10);
  if (list.length <= 3) return { type: 'buttons', body, buttons: list.map((b) => ({ id: BUTTON.booking(b.uid), title: d.short(b.start) })) };
  return {
    type: 'list',
    body,
    buttonText: w.myBookings,
    sections: [{ rows: list.map((b) => ({ id: BUTTON.booking(b.uid), title: d.short(b.start), description: b.title ? b.title.slice(0, 72) : d.dayAndTime(b.start).slice(0, 72) })) }],
  };
}

const pick = (text: LocalizedText | undefined, lang: Language): string | undefined => {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return text[lang] ?? text.es ?? text.en ?? Object.values(text)[0];
};

const WEEKDAYS: Record<Language, string[]> = {
  es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  pt: ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'],
};

/** "lunes a viernes 9:00–18:00" — consecutive days with the same hours grouped. */
export function describeHours(hours: OpeningInterval[], lang: Language): string {
  const names = WEEKDAYS[lang];
  const byDay = new Map<number, string>();
  for (const h of [...hours].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from))) {
    const span = `${h.from.replace(/^0/, '')}–${h.to.replace(/^0/, '')}`;
    byDay.set(h.weekday, byDay.has(h.weekday) ? `${byDay.get(h.weekday)} ${lang === 'en' ? 'and' : 'y'} ${span}` : span);
  }
  const groups: Array<{ from: number; to: number; spans: string }> = [];
  for (const [day, spans] of byDay) {
    const last = groups[groups.length - 1];
    if (last && last.to === day - 1 && last.spans === spans) last.to = day;
    else groups.push({ from: day, to: day, spans });
  }
  const to = lang === 'en' ? 'to' : lang === 'pt' ? 'a' : 'a';
  return groups
    .map((g) => `${names[g.from - 1]}${g.to !== g.from ? ` ${to} ${names[g.to - 1]}` : ''} ${g.spans}`)
    .join(', ')
    .replace(/ y /g, lang === 'pt' ? ' e ' : ' y ');
}

type FlowSpec = Extract<ReplySpec, { key: 'myBookings' | 'closed' | 'businessAnswer' | 'unknownQuestion' | 'nameUpdated' | 'emailUpdated' | 'stuck' | 'notUnderstood' }>;

/** The replies of issue 9's flows (minimal rendering until the typed catalog takes them over). */
function renderFlowReply(spec: FlowSpec, ctx: CopyContext, d: DateFormatter, w: Words): OutgoingMessage {
  const lang = ctx.contact.language;
  const fm = ctx.contact.formality;
  const t = (es: string, en: string, pt: string) => (lang === 'es' ? es : lang === 'en' ? en : pt);
  const menu: ReplyButton[] = [
    { id: BUTTON.book, title: w.book },
    { id: BUTTON.reschedule, title: w.reschedule },
    { id: BUTTON.cancel, title: t('Cancelar cita', 'Cancel booking', 'Cancelar horário') },
  ];
  switch (spec.key) {
    case 'myBookings': {
      if (!spec.bookings.length) {
        return {
          type: 'buttons',
          body: t(`No ${f(fm, 'tienes', 'tenés', 'tiene')} ninguna cita próxima.`, "You don't have any upcoming appointment.", 'Você não tem nenhum horário marcado.'),
          buttons: [{ id: BUTTON.book, title: w.book }],
        };
      }
      const list = spec.bookings.slice(0, 3);
      const lines = list.map((b) => `• *${d.dayAndTime(b.start)}* — ${b.title ?? ctx.eventTitle}`).join('\n');
      const lead = t(
        list.length === 1 ? `${f(fm, 'Tienes', 'Tenés', 'Tiene')} esta cita:` : `${f(fm, 'Tus', 'Tus', 'Sus')} próximas citas:`,
        list.length === 1 ? 'Your upcoming appointment:' : 'Your upcoming appointments:',
        list.length === 1 ? 'Seu próximo horário:' : 'Seus próximos horários:',
      );
      const ask = t('¿Qué quieres hacer?'.replace('quieres', f(fm, 'quieres', 'querés', 'quiere')), 'What would you like to do?', 'O que deseja fazer?');
      const body = `${lead}\n${lines}\n${ask}`;
      if (list.length === 1) {
        const b = list[0]!;
        return {
          type: 'buttons',
          body,
          buttons: [
            { id: BUTTON.attend(b.uid), title: w.confirm },
            { id: BUTTON.rescheduleBooking(b.uid), title: w.reschedule },
            { id: BUTTON.cancelBooking(b.uid), title: w.cancel },
          ],
        };
      }
      return {
        type: 'list',
        body,
        buttonText: w.myBookings,
        sections: list.map((b) => ({
          title: d.short(b.start).slice(0, 24),
          rows: [
            { id: BUTTON.attend(b.uid), title: w.confirm, description: d.dayAndTime(b.start).slice(0, 72) },
            { id: BUTTON.rescheduleBooking(b.uid), title: w.reschedule, description: d.dayAndTime(b.start).slice(0, 72) },
            { id: BUTTON.cancelBooking(b.uid), title: w.cancel, description: d.dayAndTime(b.start).slice(0, 72) },
          ],
        })),
      };
    }
    case 'closed': {
      const hours = spec.hours.length ? describeHours(spec.hours, lang) : '';
      const when = spec.requested ? (spec.requested.grain === 'minute' || spec.requested.grain === 'hour' ? d.dayAndTime(spec.requested.start) : d.day(spec.requested.start)) : '';
      const lead = t(
        `${when ? `El ${when} está cerrado. ` : ''}${hours ? `Abrimos ${hours}.` : ''}`.replace(/^El (hoy|mañana)/, (_m, x: string) => x[0]!.toUpperCase() + x.slice(1)),
        `${when ? `We're closed ${when}. ` : ''}${hours ? `We're open ${hours}.` : ''}`,
        `${when ? `Estamos fechados ${when}. ` : ''}${hours ? `Abrimos ${hours}.` : ''}`,
      );
      const options = spec.options.slice(0, 10);
      if (!options.length) {
        return {
          type: 'buttons',
          body: `${lead} ${t(`¿Qué otro día ${f(fm, 'te', 'te', 'le')} viene bien?`, 'Which other day suits you?', 'Que outro dia fica bom?')}`.trim(),
          buttons: [{ id: BUTTON.book, title: w.seeTimes }, { id: BUTTON.human, title: w.human }],
        };
      }
      const body = `${lead} ${t('Lo más cercano:', 'The nearest free times:', 'Os mais próximos:')}`.trim();
      if (options.length <= 3) return { type: 'buttons', body, buttons: options.map((o) => ({ id: BUTTON.slot(o.start), title: d.short(o.start) })) };
      return {
        type: 'list',
        body,
        buttonText: w.seeTimes,
        sections: [{ rows: options.map((o) => ({ id: BUTTON.slot(o.start), title: d.short(o.start).slice(0, 24), description: d.dayAndTime(o.start).slice(0, 72) })) }],
      };
    }
    case 'businessAnswer': {
      const answer = knowledgeAnswer(spec.topic, spec.faqId, ctx.knowledge, lang, ctx);
      if (!answer) return renderFlowReply({ key: 'unknownQuestion' }, ctx, d, w);
      return { type: 'buttons', body: answer.slice(0, 1000), buttons: [{ id: BUTTON.book, title: w.book }, { id: BUTTON.help, title: w.help }] };
    }
    case 'unknownQuestion': {
      const link = ctx.bookingUrl ? t(` También ${f(fm, 'puedes', 'podés', 'puede')} ver los detalles aquí: ${ctx.bookingUrl}`, ` You can also see the details here: ${ctx.bookingUrl}`, ` Você também pode ver os detalhes aqui: ${ctx.bookingUrl}`) : '';
      return {
        type: 'buttons',
        body: t(
          `Eso no lo sé, perdona. Una persona del equipo ${f(fm, 'te', 'te', 'le')} lo puede responder.${link}`,
          `I don't know that, sorry. Someone from the team can answer it.${link}`,
          `Isso eu não sei, desculpe. Alguém da equipe pode responder.${link}`,
        ),
        buttons: [{ id: BUTTON.human, title: w.human }, { id: BUTTON.book, title: w.book }],
      };
    }
    case 'nameUpdated':
      return {
        type: 'buttons',
        body: t(`Hecho, ${f(fm, 'te', 'te', 'le')} llamaré ${firstName(spec.name)}.`, `Done, I'll call you ${firstName(spec.name)}.`, `Pronto, vou te chamar de ${firstName(spec.name)}.`),
        buttons: menu,
      };
    case 'emailUpdated':
      return {
        type: 'buttons',
        body: t(`Hecho, he guardado ${f(fm, 'tu', 'tu', 'su')} e-mail: ${spec.email}`, `Done, I've saved your e-mail: ${spec.email}`, `Pronto, salvei seu e-mail: ${spec.email}`),
        buttons: menu,
      };
    case 'stuck': {
      const link = ctx.bookingUrl;
      return {
        type: 'list',
        body: link
          ? t(
              `Perdona, sigo sin entenderte. ${f(fm, 'Puedes', 'Podés', 'Puede')} reservar directamente aquí: ${link} — o hablar con una persona.`,
              `Sorry, I still don't get it. You can book directly here: ${link} — or talk to a person.`,
              `Desculpe, ainda não entendi. Você pode agendar direto aqui: ${link} — ou falar com uma pessoa.`,
            )
          : t('Perdona, sigo sin entenderte. ¿Hablamos con una persona?', "Sorry, I still don't get it. Shall I get a person?", 'Desculpe, ainda não entendi. Chamo uma pessoa?'),
        buttonText: t('Opciones', 'Options', 'Opções'),
        sections: [
          {
            rows: [
              { id: BUTTON.human, title: t('Hablar con una persona', 'Talk to a person', 'Falar com uma pessoa') },
              { id: BUTTON.book, title: w.seeTimes },
              { id: BUTTON.help, title: w.help },
            ],
          },
        ],
      };
    }
    case 'notUnderstood':
      return {
        type: 'text',
        body: spec.media
          ? t('Perdona, no puedo escuchar audios ni ver imágenes. Te lo pregunto otra vez:', "Sorry, I can't listen to voice notes or see images. Let me ask again:", 'Desculpe, não consigo ouvir áudios nem ver imagens. Pergunto de novo:').replace('Te lo', f(fm, 'Te lo', 'Te lo', 'Se lo'))
          : t('Perdona, no te he entendido. Te lo pregunto otra vez:', "Sorry, I didn't get that. Let me ask again:", 'Desculpe, não entendi. Pergunto de novo:').replace('no te he', f(fm, 'no te he', 'no te he', 'no le he')).replace('Te lo', f(fm, 'Te lo', 'Te lo', 'Se lo')),
      };
  }
}

/** The answer to a business question from the knowledge file, or null when it doesn't say. */
function knowledgeAnswer(topic: string, faqId: string | undefined, k: Knowledge | undefined, lang: Language, ctx: CopyContext): string | null {
  if (!k) return null;
  if (faqId) {
    const entry = k.faq.find((e) => e.id === faqId);
    const a = entry ? pick(entry.answer, lang) : undefined;
    if (a) return a;
  }
  const t = (es: string, en: string, pt: string) => (lang === 'es' ? es : lang === 'en' ? en : pt);
  switch (topic) {
    case 'price':
    case 'services': {
      if (!k.services.length) return null;
      const lines = k.services.map((sv) => {
        const extra = [sv.price, sv.durationMinutes ? `${sv.durationMinutes} min` : undefined].filter(Boolean).join(', ');
        return `• ${pick(sv.name, lang) ?? sv.id}${extra ? `: ${extra}` : ''}`;
      });
      return `${t(`Servicios de ${k.name}:`, `${k.name} services:`, `Serviços de ${k.name}:`)}\n${lines.join('\n')}`;
    }
    case 'address':
      return k.address ? `📍 ${k.address.text}${k.address.mapUrl ? `\n${k.address.mapUrl}` : ''}` : null;
    case 'parking':
      return pick(k.parking, lang) ?? null;
    case 'payment':
      return pick(k.payment, lang) ?? null;
    case 'cancellation_policy':
      return pick(k.cancellationPolicy, lang) ?? null;
    case 'hours':
      return pick(k.hoursText, lang) ?? null;
    default:
      void ctx;
      return null;
  }
}
