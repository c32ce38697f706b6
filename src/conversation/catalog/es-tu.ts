/** Spanish, tú (the default register). */
import { ES_GRAMMAR, ES_LABELS, esPrivacyFacts } from './es.js';
import { cap } from './kit.js';
import type { Catalog, OfferLead, Pick, RefusalReason } from './types.js';

const g = ES_GRAMMAR;
const comma = (name: string) => (name ? `, ${name}` : '');

// issue 9/14 (session 3): a lead is a clause; `pickOne` ends the sentence (no colon before a new sentence).
const lead = (l: OfferLead, reschedule: boolean): string => {
  switch (l.kind) {
    case 'justTaken':
      return 'Vaya, ese hueco se acaba de ocupar; te enseño lo más cercano';
    case 'timeTaken':
      return `Las ${l.time} ya están ocupadas; te enseño lo más cercano`;
    case 'free':
      return `Tengo estos huecos libres ${g.request(l.request)}`;
    case 'widened':
      return `No quedan huecos ${g.request(l.request)}; te enseño lo más cercano`;
    case 'nearby':
      return 'Tengo otras horas libres cerca de esa';
    case 'first':
      return reschedule
        ? '¿A cuándo quieres moverla? Tengo estos primeros huecos libres'
        : '¿Para cuándo la quieres? Tengo estos primeros huecos libres';
    case 'nearest':
      return 'Estas son las horas libres más cercanas';
    case 'nothingLater':
      return `No hay nada más tarde de las ${l.time} ese día; te enseño los siguientes huecos libres`;
    case 'nothingEarlier':
      return `No hay nada antes de las ${l.time} ese día; te enseño lo más cercano`;
  }
};

const pickOne = (p: Pick): string =>
  p.how === 'buttons'
    ? ': ¿cuál te viene bien? También puedes escribirme otro día u hora.'
    : p.how === 'list'
      ? `. Toca *${p.button}* y elige uno, o escríbeme otro día u hora.`
      : '. Escríbeme cuál te viene bien, u otro día u hora.';

const NOTE: Record<'miss' | 'media', string> = {
  miss: 'Perdona, no te he entendido.',
  media: 'Perdona, no puedo escuchar audios ni ver imágenes.',
};

const refused: Record<RefusalReason, string> = {
  too_soon: 'Esa hora está demasiado cerca: hay que reservar con más antelación. Elige una hora más adelante.',
  too_far: 'Todavía no admitimos reservas para tan lejos. Elige una fecha más cercana.',
  in_past: 'Esa hora ya ha pasado. Elige otra, por favor.',
  booker_limit: 'Ya tienes el máximo de citas que admite el negocio. Si quieres, cambia o cancela una de ellas.',
  invalid_phone: 'El calendario no acepta tu número de teléfono para la reserva.',
  missing_fields: 'El negocio pide datos para la reserva que no puedo recoger por aquí.',
};

export const ES_TU: Catalog = {
  voice: 'es-tu',
  language: 'es',
  labels: ES_LABELS,
  grammar: g,
  texts: {
    greeting: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋 Soy el asistente de citas. ¿Qué necesitas?`,
    help: () =>
      'Puedo reservar, cambiar o cancelar tu cita, y decirte cuándo tienes la próxima. Escríbeme por ejemplo ' +
      '"mañana a las 10" o elige una opción.',
    thanks: () => '¡A ti! Aquí estoy si necesitas algo más.',
    acknowledged: () => 'De acuerdo. Cuando quieras, escríbeme o elige una opción.',
    human: () => 'De acuerdo, aviso a una persona del equipo: te escribirá por aquí en cuanto pueda.',
    optedOut: () =>
      'Hecho: no te enviaré más mensajes, tampoco recordatorios de tus citas. Si cambias de idea, escribe ALTA.',
    optedIn: () =>
      'De nuevo activo: te volveré a enviar recordatorios y avisos de tus citas. Escribe STOP para pararlos.',
    mediaNotSupported: () =>
      'Perdona, aún no puedo escuchar audios ni ver imágenes. Escríbeme con texto qué necesitas, por ejemplo "cita ' +
      'el jueves a las 10".',
    expiredOption: () => 'Esa opción ya no está disponible. ¿Busco los horarios libres de ahora?',
    didntUnderstand: ({ misses, link }) =>
      misses >= 2
        ? link
          ? `Perdona, sigo sin entenderte. También puedes reservar directamente aquí: ${link}`
          : 'Perdona, sigo sin entenderte. Si quieres, te paso con una persona del equipo.'
        : 'Perdona, no te he entendido. Puedes escribirme por ejemplo "quiero una cita mañana a las 10", o elegir ' +
          'una opción.',
    offerSlots: ({ lead: l, pick, purpose, note }) =>
      `${note ? `${NOTE[note]} ` : ''}${lead(l, purpose === 'reschedule')}${pickOne(pick)}`,
    noOptions: ({ lead: l }) => {
      const first =
        l.kind === 'justTaken'
          ? 'Vaya, ese hueco se acaba de ocupar y no veo otros cerca.'
          : l.kind === 'timeTaken'
            ? `Las ${l.time} ya están ocupadas y no veo otras horas cerca.`
            : l.kind === 'first'
              ? 'No me quedan huecos libres en los próximos días.'
              : `No quedan huecos ${g.request(l.request)}.`;
      return `${first} Escríbeme otro día u hora, o habla con una persona del equipo.`;
    },
    noSlots: ({ request }) =>
      request
        ? `No me quedan huecos ${g.request(request)}. ¿Qué otro día te viene bien?`
        : 'No me quedan huecos libres en los próximos días. ¿Para qué fecha la quieres?',
    anotherBooking: ({ have, on }) =>
      `Ya tienes una cita ${have}. ¿Te reservo otra ${on} además, o prefieres mover la que tienes a esa hora?`,
    nothingToConfirm: () => 'Con ese botón no hay nada pendiente de confirmar.',
    confirmSlot: ({ name, on }) => `${name ? `${name}, p` : 'P'}uedo reservarte ${on}. ¿La confirmo?`,
    askName: ({ retry }) =>
      retry
        ? 'Perdona, eso no parece un nombre. ¿A nombre de quién pongo la reserva? Por ejemplo: Ana García.'
        : 'Para la reserva, ¿a nombre de quién la pongo? Escríbeme nombre y apellido.',
    askEmail: ({ retry }) =>
      retry
        ? 'Esa dirección no parece un e-mail. Escríbemelo así: nombre@ejemplo.com'
        : 'Para confirmar la reserva necesito tu e-mail. ¿Cuál es?',
    booked: ({ name, span, what, where, reminders }) =>
      `✅ Listo${comma(name)}: *${span}* ` +
      `(${what}).${where ? `\n${where}\n` : ' '}${reminders ? `Te recordaré ${reminders}. ` : ''}Para cambiarla, ` +
      `escribe "cambiar" o "cancelar" cuando quieras.`,
    bookingAbandoned: () => 'De acuerdo, no reservo nada. Cuando quieras, escríbeme.',
    calendarDown: () => 'Perdona, no puedo consultar la agenda ahora mismo; te escribo en cuanto vuelva.',
    noBookings: () => 'No tienes ninguna cita próxima conmigo. ¿Quieres reservar una?',
    chooseBooking: ({ purpose, count, pick }) => {
      const verb = purpose === 'reschedule' ? 'cambiar' : 'cancelar';
      return pick.how === 'list'
        ? `Tienes ${count} citas. Toca *${pick.button}* y elige cuál quieres ${verb}.`
        : `Tienes ${count} citas. ¿Cuál quieres ${verb}?`;
    },
    confirmReschedule: ({ from, to }) => `¿Muevo tu cita ${from} ${to}?`,
    rescheduled: ({ on, where, reminders }) =>
      `✅ Cambiada: tu cita es ahora ${on}.${where ? `\n${where}\n` : ' '}` +
      `${reminders ? `Te recordaré ${reminders}. ` : ''}Para cambiarla, escribe "cambiar" o "cancelar" cuando quieras.`,
    confirmCancel: ({ of }) => `¿Cancelo tu cita ${of}?`,
    cancelled: ({ of }) => `Hecho, he cancelado tu cita ${of}. ¿Quieres reservar otra?`,
    keptBooking: ({ of }) => (of ? `Perfecto, mantengo tu cita ${of}.` : 'Perfecto, no cambio nada.'),
    attendanceConfirmed: ({ name, on }) => `✅ Gracias${comma(name)}: te esperamos ${on}.`,
    askRating: ({ of }) => `¿Qué tal tu cita ${of}? Puntúala del 1 al 5.`,
    askComment: () => '¡Gracias! ¿Quieres contarnos algo más? Escríbelo aquí.',
    feedbackThanks: () => 'Gracias por tu opinión, nos ayuda a mejorar.',
    myBookings: (p) => {
      if (p.kind === 'one') return `Tienes una cita: *${p.when}* (${p.what}). ¿Qué quieres hacer con ella?`;
      const shown = p.shown < p.count ? ` Te enseño las ${p.shown} más próximas.` : '';
      const how =
        p.pick.how !== 'list'
          ? 'Dime cuál quieres confirmar, cambiar o cancelar.'
          : p.perBooking
            ? `Toca *${p.pick.button}* para confirmar, cambiar o cancelar cada una.`
            : `Toca *${p.pick.button}* y elige una para confirmarla, cambiarla o cancelarla.`;
      return `Tienes ${p.count} citas próximas:${shown}\n${p.lines.join('\n')}\n${how}`;
    },
    closed: ({ lead: l, hours, pick }) => {
      const first =
        l.kind === 'day'
          ? `${cap(l.weekday)} cerramos.`
          : l.kind === 'date'
            ? `${cap(l.on)} cerramos.`
            : l.kind === 'before'
              ? `Antes de las ${l.time} no abrimos.`
              : l.kind === 'after'
                ? `Después de las ${l.time} ya hemos cerrado.`
                : l.kind === 'time'
                  ? `A las ${l.time} está cerrado.`
                  : 'Ahora mismo está cerrado.';
      const open = hours ? ` Abrimos ${hours}.` : '';
      const next = !pick
        ? ' Escríbeme otro día u hora y lo miro.'
        : pick.how === 'list'
          ? ` Toca *${pick.button}* para ver lo más cercano que tengo libre.`
          : pick.how === 'buttons'
            ? ' Lo más cercano que tengo libre: ¿cuál te viene bien?'
            : ' Escríbeme qué hora te viene bien.';
      return `${first}${open}${next}`;
    },
    businessAnswer: ({ topic, business }) => {
      switch (topic) {
        case 'price':
          return 'Estos son nuestros precios:';
        case 'services':
          return `Estos son los servicios de ${business}:`;
        case 'address':
          return 'Nos encontrarás aquí:';
        case 'parking':
          return 'Sobre el aparcamiento:';
        case 'payment':
          return 'Sobre las formas de pago:';
        case 'cancellation_policy':
          return 'Sobre las cancelaciones:';
        case 'hours':
          return 'Nuestro horario:';
        case 'other':
        case 'faq':
          return 'Sobre tu pregunta:';
      }
    },
    businessNext: () => '¿Te reservo una cita?',
    unknownQuestion: ({ link, inFlow }) =>
      inFlow
        ? 'Eso no lo sé, perdona. Si quieres, te paso con una persona del equipo.'
        : link
          ? `Eso no lo sé, perdona. Puedo pasarte con una persona del equipo, o puedes reservar directamente aquí: ` +
            `${link}`
          : 'Eso no lo sé, perdona. Puedo pasarte con una persona del equipo o reservarte una cita.',
    nameUpdated: ({ name }) => `Hecho: guardo tu nombre como *${name}*.`,
    emailUpdated: ({ email }) => `Hecho: guardo *${email}* como tu e-mail.`,
    bookingRequested: ({ span, what, where }) =>
      `📅 Solicitud enviada: *${span}* (${what}).${where ? `\n${where}\n` : ' '}El negocio debe confirmarla; te ` +
      `aviso en cuanto lo haga.`,
    bookingRefused: ({ reason, link }) => {
      const base = refused[reason];
      if (reason !== 'invalid_phone' && reason !== 'missing_fields') return base;
      return link
        ? `${base} Puedes hablar con una persona del equipo o reservar aquí: ${link}`
        : `${base} Si quieres, te paso con una persona del equipo.`;
    },
    askBookingField: ({ label, retry, pick, options }) => {
      const again = retry ? `No lo he entendido: esa respuesta no me sirve para *${label}*. ` : '';
      const how =
        pick.how === 'buttons'
          ? 'Elige una opción.'
          : pick.how === 'list'
            ? `Toca *${pick.button}* y elige una.`
            : options.length
              ? `Escribe el número o el texto de una de estas:\n${options.join('\n')}`
              : 'Escríbemelo aquí.';
      return `${again}Para la reserva, el negocio pide: *${label}*. ${how}`;
    },
    handoffStarted: ({ openNow, hours }) =>
      openNow
        ? 'Te paso con una persona del equipo; te escribirá por aquí en cuanto pueda.'
        : `Te paso con una persona del equipo. Ahora estamos cerrados${hours ? ` (abrimos ${hours})` : ''}: te ` +
          `escribirán en cuanto abramos.`,
    handoffEnded: () => 'La persona del equipo ha terminado por ahora; sigo yo por aquí. ¿En qué más te ayudo?',
    // issue 9/14 (session 3): without a booking page, the business phone (business.yaml) as the way forward.
    stuck: ({ link, phone }) =>
      link
        ? `Perdona, sigo sin entenderte. Puedes hablar con una persona del equipo o reservar directamente aquí: ${link}`
        : phone
          ? `Perdona, sigo sin entenderte. Puedes ver los horarios, llamarnos al ${phone} o hablar con el equipo.`
          : 'Perdona, sigo sin entenderte. ¿Te paso con una persona del equipo?',
    notUnderstood: ({ media }) =>
      media
        ? 'Perdona, no puedo escuchar audios ni ver imágenes. Te lo pregunto otra vez:'
        : 'Perdona, no te he entendido. Te lo pregunto otra vez:',
    reminder: ({ name, on }) => `⏰ Recordatorio${comma(name)}: tu cita es ${on}. ¿Vendrás?`,
    noticeCancelled: ({ of }) =>
      `Lo sentimos, tu cita ${of} ha sido cancelada por el negocio. ¿Quieres reservar otra hora?`,
    noticeMoved: ({ on }) =>
      `Tu cita se ha movido: ahora es ${on}. Si no te va bien, puedes cambiarla o cancelarla aquí.`,
    noticeNoShow: () => 'Te echamos de menos en tu cita. ¿Quieres reservar una nueva hora?',
    // Issue 10: the host confirmed a requested booking, or turned it down.
    noticeConfirmed: ({ on }) => `✅ El negocio ha confirmado tu cita ${on}. Te la recordaré antes.`,
    noticeRejected: ({ of }) =>
      `Lo sentimos, el negocio no ha podido aceptar tu solicitud ${of}. ¿Quieres pedir otra hora?`,
    // Privacy and consent (issue 14).
    privacyNotice: ({ url }) => `Tus datos solo se usan para gestionar tus citas. Cómo los tratamos: ${url}`,
    privacySummary: (p) =>
      `Esto es lo que guardo de ti: ${esPrivacyFacts(p)}\nDescárgalo todo aquí (un solo uso, durante 24 h): ` +
      `${p.url}\nPara borrarlo todo, escribe "borra mis datos".`,
    privacyUnavailable: () => 'Perdona, ahora mismo no puedo preparar tus datos. Inténtalo de nuevo en unos minutos.',
    confirmErase: () =>
      '¿Borro todos tus datos? Se borrarán tu nombre, tu e-mail, tus citas y nuestra conversación, sin vuelta atrás.',
    eraseCancelBookings: ({ count, lines }) =>
      count === 1
        ? `Tienes una cita próxima: ${lines}. Para borrar tus datos tengo que cancelarla también. ¿La cancelo y lo ` +
          'borro todo?'
        : `Tienes ${count} citas próximas:\n${lines}\nPara borrar tus datos tengo que cancelarlas también. ¿Las ` +
          'cancelo y lo borro todo?',
    eraseKept: () => 'De acuerdo, no he borrado nada: todo sigue como estaba.',
    eraseFailed: () => 'Perdona, algo ha fallado y tus datos no se han borrado. Vuelve a pedírmelo en un rato.',
    erased: () => 'Hecho: he borrado tus datos y nuestra conversación. Si vuelves a escribirme, empezamos de cero.',
    askMarketing: ({ again }) =>
      (again ? 'Perdona, no me ha quedado claro. ' : '') +
      '¿Quieres que te avisemos de ofertas y novedades por aquí? Puedes cambiarlo cuando quieras escribiendo "no ' +
      'quiero ofertas".',
    marketingGranted: () =>
      'Perfecto, te avisaremos de ofertas y novedades. Para dejar de recibirlas, escribe "no quiero ofertas".',
    marketingDeclined: () => 'De acuerdo, no te enviaremos ofertas. Solo te escribiré sobre tus citas.',
    marketingRevoked: () => 'Hecho: no te enviaremos más ofertas. Seguiré avisándote de tus citas.',
    slowDown: () => 'Me estás enviando muchos mensajes seguidos; dame un momento y escríbeme de nuevo en un minuto.',
    // issue 9: the person (not the team) ended the hand-off
    backToBot: () => 'De acuerdo, sigo yo por aquí. ¿En qué te ayudo?',
    // Issue 16: promotional offers.
    upsellOffer: ({ service, time, position }) =>
      `¿Quieres añadir *${service}* ${position === 'after' ? 'justo después' : 'justo antes'}, a las ${time}? ` +
      'Toca el botón y queda reservado.',
    winbackOffer: ({ name }) =>
      `¡Hola${name ? `, ${name}` : ''}! Tenemos horas libres estos días. ` +
      '¿Te reservo una? Toca una hora y queda reservada.',
    offerBook: ({ time }) => `Reservar ${time}`,
    // issue 9 (session 3)
    pickBookingFirst: ({ purpose }) =>
      `Necesito saber cuál ${purpose === 'reschedule' ? 'cambio' : 'cancelo'}: ` +
      `elige una o dime el día (por ejemplo, «la del lunes»).`,
    emailIncomplete: () => 'Ese e-mail parece incompleto (falta el final, como .com). ¿Me lo escribes entero?',
    // issue 9/14 (session 3)
    handoffForwarded: () => 'He pasado tu mensaje al equipo; te responderán por aquí en cuanto puedan.',
    hello: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋`,
    remindersOff: () => 'Como escribiste STOP, no te enviaré recordatorios; escribe ALTA para volver a recibirlos.',
  },
};
