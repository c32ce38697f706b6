/**
 * What Reserva says: renders a machine's ReplySpec into one WhatsApp message in the person's
 * language and formality, following ../shared/conversation-style.md — one message a turn, the next
 * step last and always offered as buttons or a list, dates in the business zone, one functional
 * emoji at most, WhatsApp formatting only.
 */
import type { BookingSummary, ContactFacts, Language, ReplySpec, SlotOption, When } from '../../machines/types.js';
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

const firstName = (name?: string) => (name ?? '').trim().split(/\s+/)[0] ?? '';

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
  /** "📍 <address or link>" after a confirmation, when the booking has a place (issue 10). */
  const where = (location?: string) => (location ? `\n📍 ${t('Dónde', 'Where', 'Onde')}: ${location}` : '');

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
        body: t(
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
        ) + where(b.location),
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
    // Real Cal.com behaviour (issue 10): minimal renderings until the typed catalog lands.
    case 'bookingRequested': {
      const b = spec.booking;
      return buttons(
        t(
          `📝 Solicitud enviada: *${d.range(b.start, b.end)}*. El negocio tiene que confirmarla; te aviso en cuanto lo haga.`,
          `📝 Request sent: *${d.range(b.start, b.end)}*. The business has to confirm it; I'll let you know as soon as they do.`,
          `📝 Pedido enviado: *${d.range(b.start, b.end)}*. O estabelecimento precisa confirmar; aviso assim que confirmar.`,
        ) + where(b.location),
        changeOrCancel(b),
      );
    }
    case 'bookingRefused': {
      const why: Record<typeof spec.reason, [string, string, string]> = {
        too_soon: ['Esa hora está demasiado cerca para reservarla.', 'That time is too soon to book.', 'Esse horário está muito próximo para agendar.'],
        too_far: ['Esa fecha está demasiado lejos; aún no se puede reservar.', "That date is too far ahead; it can't be booked yet.", 'Essa data está muito distante; ainda não dá para agendar.'],
        in_past: ['Esa hora ya ha pasado.', 'That time has already passed.', 'Esse horário já passou.'],
        booker_limit: ['Ya tienes el máximo de citas activas permitido.', 'You already have the most active bookings allowed.', 'Você já tem o máximo de agendamentos ativos permitido.'],
        invalid_phone: ['El calendario no acepta este número de teléfono.', "The calendar doesn't accept this phone number.", 'A agenda não aceita este número de telefone.'],
        missing_fields: ['El formulario de reserva pide datos que no puedo rellenar aquí.', "The booking form asks for details I can't fill in here.", 'O formulário pede dados que não consigo preencher aqui.'],
      };
      const [a, b2, c] = why[spec.reason];
      const next =
        spec.reason === 'booker_limit'
          ? t(' Puedes cambiar o cancelar una de las que tienes.', ' You can move or cancel one you have.', ' Você pode mudar ou cancelar um dos que tem.')
          : spec.reason === 'missing_fields' || spec.reason === 'invalid_phone'
            ? t(` Puedes reservar en la página${ctx.bookingUrl ? `: ${ctx.bookingUrl}` : ''} o elegir otra opción.`, ` You can book on the page${ctx.bookingUrl ? `: ${ctx.bookingUrl}` : ''} or pick another option.`, ` Você pode agendar na página${ctx.bookingUrl ? `: ${ctx.bookingUrl}` : ''} ou escolher outra opção.`)
            : t(' ¿Miramos otra hora?', ' Shall we look at another time?', ' Vemos outro horário?');
      const list: ReplyButton[] =
        spec.reason === 'booker_limit'
          ? [{ id: BUTTON.reschedule, title: w.reschedule }, { id: BUTTON.cancel, title: t('Cancelar cita', 'Cancel booking', 'Cancelar horário') }]
          : [{ id: BUTTON.book, title: w.seeTimes }, { id: BUTTON.help, title: w.help }];
      return buttons(t(a, b2, c) + next, list);
    }
    case 'askBookingField': {
      const opts = spec.options?.slice(0, 10) ?? [];
      const lead = spec.retry
        ? t(`No lo he entendido. ${spec.label}:`, `I didn't get that. ${spec.label}:`, `Não entendi. ${spec.label}:`)
        : t(`Una pregunta más para la reserva. ${spec.label}:`, `One more question for the booking. ${spec.label}:`, `Mais uma pergunta para a reserva. ${spec.label}:`);
      if (!opts.length) return { type: 'text', body: lead };
      if (opts.length <= 3) return buttons(lead, opts.map((o, i) => ({ id: `v1:field:${i + 1}`, title: o.slice(0, 20) })));
      return { type: 'text', body: `${lead}\n${opts.map((o, i) => `${i + 1}. ${o}`).join('\n')}` };
    }
    // Placeholders until the typed catalog lands (issue 9 item 7).
    case 'myBookings':
    case 'closed':
    case 'businessAnswer':
    case 'unknownQuestion':
    case 'nameUpdated':
    case 'emailUpdated':
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
  const body = `${lead} ${ask}`;
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
