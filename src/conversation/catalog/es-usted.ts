/** Spanish, usted (formal). */
import { ES_GRAMMAR, ES_LABELS, esPrivacyFacts } from './es.js';
import { cap } from './kit.js';
import type { Catalog, OfferLead, Pick, RefusalReason } from './types.js';

const g = ES_GRAMMAR;
const comma = (name: string) => (name ? `, ${name}` : '');

// issue 9/14 (session 3): a lead is a clause; `pickOne` ends the sentence (no colon before a new sentence).
const lead = (l: OfferLead, reschedule: boolean): string => {
  switch (l.kind) {
    case 'justTaken':
      return 'Vaya, ese hueco se acaba de ocupar; le enseño lo más cercano';
    case 'timeTaken':
      return `Las ${l.time} ya están ocupadas; le enseño lo más cercano`;
    case 'free':
      return `Tengo estos huecos libres ${g.request(l.request)}`;
    case 'widened':
      return `No quedan huecos ${g.request(l.request)}; le enseño lo más cercano`;
    case 'nearby':
      return 'Tengo otras horas libres cerca de esa';
    case 'first':
      return reschedule
        ? '¿A cuándo quiere moverla? Tengo estos primeros huecos libres'
        : '¿Para cuándo la quiere? Tengo estos primeros huecos libres';
    case 'nearest':
      return 'Estas son las horas libres más cercanas';
    case 'nothingLater':
      return `No hay nada más tarde de las ${l.time} ese día; le enseño los siguientes huecos libres`;
    case 'nothingEarlier':
      return `No hay nada antes de las ${l.time} ese día; le enseño lo más cercano`;
  }
};

const pickOne = (p: Pick): string =>
  p.how === 'buttons'
    ? ': ¿cuál le viene bien? También puede escribirme otro día u hora.'
    : p.how === 'list'
      ? `. Toque *${p.button}* y elija uno, o escríbame otro día u hora.`
      : '. Escríbame cuál le viene bien, u otro día u hora.';

const NOTE: Record<'miss' | 'media', string> = {
  miss: 'Disculpe, no le he entendido.',
  media: 'Disculpe, no puedo escuchar audios ni ver imágenes.',
};

const refused: Record<RefusalReason, string> = {
  too_soon: 'Esa hora está demasiado cerca: hay que reservar con más antelación. Elija una hora más adelante.',
  too_far: 'Todavía no admitimos reservas para tan lejos. Elija una fecha más cercana.',
  in_past: 'Esa hora ya ha pasado. Elija otra, por favor.',
  booker_limit: 'Ya tiene el máximo de citas que admite el negocio. Si lo desea, cambie o cancele una de ellas.',
  invalid_phone: 'El calendario no acepta su número de teléfono para la reserva.',
  missing_fields: 'El negocio pide datos para la reserva que no puedo recoger por aquí.',
};

export const ES_USTED: Catalog = {
  voice: 'es-usted',
  language: 'es',
  labels: ES_LABELS,
  grammar: g,
  texts: {
    greeting: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋 Soy el asistente de citas. ¿Qué necesita?`,
    help: () =>
      'Puedo reservar, cambiar o cancelar su cita, y decirle cuándo tiene la próxima. Escríbame por ejemplo ' +
      '"mañana a las 10" o elija una opción.',
    thanks: () => '¡A usted! Aquí estoy si necesita algo más.',
    acknowledged: () => 'De acuerdo. Cuando quiera, escríbame o elija una opción.',
    human: () => 'De acuerdo, aviso a una persona del equipo: le escribirá por aquí en cuanto pueda.',
    optedOut: () =>
      'Hecho: no le enviaré más mensajes, tampoco recordatorios de sus citas. Si cambia de idea, escriba ALTA.',
    optedIn: () =>
      'De nuevo activo: le volveré a enviar recordatorios y avisos de sus citas. Escriba STOP para pararlos.',
    mediaNotSupported: () =>
      'Disculpe, aún no puedo escuchar audios ni ver imágenes. Escríbame con texto qué necesita, por ejemplo "cita ' +
      'el jueves a las 10".',
    expiredOption: () => 'Esa opción ya no está disponible. ¿Busco los horarios libres de ahora?',
    didntUnderstand: ({ misses, link }) =>
      misses >= 2
        ? link
          ? `Disculpe, sigo sin entenderle. También puede reservar directamente aquí: ${link}`
          : 'Disculpe, sigo sin entenderle. Si lo desea, le paso con una persona del equipo.'
        : 'Disculpe, no le he entendido. Puede escribirme por ejemplo "quiero una cita mañana a las 10", o elegir ' +
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
      return `${first} Escríbame otro día u hora, o hable con una persona del equipo.`;
    },
    noSlots: ({ request }) =>
      request
        ? `No me quedan huecos ${g.request(request)}. ¿Qué otro día le viene bien?`
        : 'No me quedan huecos libres en los próximos días. ¿Para qué fecha la quiere?',
    anotherBooking: ({ have, on }) =>
      `Ya tiene una cita ${have}. ¿Le reservo otra ${on} además, o prefiere mover la que tiene a esa hora?`,
    nothingToConfirm: () => 'Con ese botón no hay nada pendiente de confirmar.',
    confirmSlot: ({ name, on }) => `${name ? `${name}, p` : 'P'}uedo reservarle ${on}. ¿La confirmo?`,
    askName: ({ retry }) =>
      retry
        ? 'Disculpe, eso no parece un nombre. ¿A nombre de quién pongo la reserva? Por ejemplo: Ana García.'
        : 'Para la reserva, ¿a nombre de quién la pongo? Escríbame nombre y apellido.',
    askEmail: ({ retry }) =>
      retry
        ? 'Esa dirección no parece un e-mail. Escríbamelo así: nombre@ejemplo.com'
        : 'Para confirmar la reserva necesito su e-mail. ¿Cuál es?',
    booked: ({ name, span, what, where, reminders }) =>
      `✅ Listo${comma(name)}: *${span}* ` +
      `(${what}).${where ? `\n${where}\n` : ' '}${reminders ? `Le recordaré la cita ${reminders}. ` : ''}Para ` +
      `cambiarla, escriba "cambiar" o "cancelar" cuando quiera.`,
    bookingAbandoned: () => 'De acuerdo, no reservo nada. Cuando quiera, escríbame.',
    calendarDown: () => 'Disculpe, no puedo consultar la agenda ahora mismo; le escribo en cuanto vuelva.',
    noBookings: () => 'No tiene ninguna cita próxima conmigo. ¿Quiere reservar una?',
    chooseBooking: ({ purpose, count, pick }) => {
      const verb = purpose === 'reschedule' ? 'cambiar' : 'cancelar';
      return pick.how === 'list'
        ? `Tiene ${count} citas. Toque *${pick.button}* y elija cuál quiere ${verb}.`
        : `Tiene ${count} citas. ¿Cuál quiere ${verb}?`;
    },
    confirmReschedule: ({ from, to }) => `¿Muevo su cita ${from} ${to}?`,
    rescheduled: ({ on, where, reminders }) =>
      `✅ Cambiada: su cita es ahora ${on}.${where ? `\n${where}\n` : ' '}` +
      `${reminders ? `Le recordaré la cita ${reminders}. ` : ''}` +
      `Para cambiarla, escriba "cambiar" o "cancelar" cuando quiera.`,
    confirmCancel: ({ of }) => `¿Cancelo su cita ${of}?`,
    cancelled: ({ of }) => `Hecho, he cancelado su cita ${of}. ¿Quiere reservar otra?`,
    keptBooking: ({ of }) => (of ? `Perfecto, mantengo su cita ${of}.` : 'Perfecto, no cambio nada.'),
    attendanceConfirmed: ({ name, on }) => `✅ Gracias${comma(name)}: le esperamos ${on}.`,
    askRating: ({ of }) => `¿Qué tal su cita ${of}? Puntúela del 1 al 5.`,
    askComment: () => '¡Gracias! ¿Quiere contarnos algo más? Escríbalo aquí.',
    feedbackThanks: () => 'Gracias por su opinión, nos ayuda a mejorar.',
    myBookings: (p) => {
      if (p.kind === 'one') return `Tiene una cita: *${p.when}* (${p.what}). ¿Qué desea hacer con ella?`;
      const shown = p.shown < p.count ? ` Le muestro las ${p.shown} más próximas.` : '';
      const how =
        p.pick.how !== 'list'
          ? 'Dígame cuál quiere confirmar, cambiar o cancelar.'
          : p.perBooking
            ? `Toque *${p.pick.button}* para confirmar, cambiar o cancelar cada una.`
            : `Toque *${p.pick.button}* y elija una para confirmarla, cambiarla o cancelarla.`;
      return `Tiene ${p.count} citas próximas:${shown}\n${p.lines.join('\n')}\n${how}`;
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
        ? ' Escríbame otro día u hora y lo miro.'
        : pick.how === 'list'
          ? ` Toque *${pick.button}* para ver lo más cercano que tengo libre.`
          : pick.how === 'buttons'
            ? ' Lo más cercano que tengo libre: ¿cuál le viene bien?'
            : ' Escríbame qué hora le viene bien.';
      return `${first}${open}${next}`;
    },
    businessAnswer: ({ topic, business }) => {
      switch (topic) {
        case 'price':
          return 'Estos son nuestros precios:';
        case 'services':
          return `Estos son los servicios de ${business}:`;
        case 'address':
          return 'Nos encontrará aquí:';
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
          return 'Sobre su pregunta:';
      }
    },
    businessNext: () => '¿Le reservo una cita?',
    unknownQuestion: ({ link, inFlow }) =>
      inFlow
        ? 'Eso no lo sé, disculpe. Si quiere, le paso con una persona del equipo.'
        : link
          ? `Eso no lo sé, disculpe. Puedo pasarle con una persona del equipo, o puede reservar directamente aquí: ` +
            `${link}`
          : 'Eso no lo sé, disculpe. Puedo pasarle con una persona del equipo o reservarle una cita.',
    nameUpdated: ({ name }) => `Hecho: guardo su nombre como *${name}*.`,
    emailUpdated: ({ email }) => `Hecho: guardo *${email}* como su e-mail.`,
    bookingRequested: ({ span, what, where }) =>
      `📅 Solicitud enviada: *${span}* (${what}).${where ? `\n${where}\n` : ' '}El negocio tiene que confirmarla; ` +
      `le aviso en cuanto lo haga.`,
    bookingRefused: ({ reason, link }) => {
      const base = refused[reason];
      if (reason !== 'invalid_phone' && reason !== 'missing_fields') return base;
      return link
        ? `${base} Puede hablar con una persona del equipo o reservar aquí: ${link}`
        : `${base} Si lo desea, le paso con una persona del equipo.`;
    },
    askBookingField: ({ label, retry, pick, options }) => {
      const again = retry ? `No lo he entendido: esa respuesta no me sirve para *${label}*. ` : '';
      const how =
        pick.how === 'buttons'
          ? 'Elija una opción.'
          : pick.how === 'list'
            ? `Toque *${pick.button}* y elija una.`
            : options.length
              ? `Escriba el número o el texto de una de estas:\n${options.join('\n')}`
              : 'Escríbamelo aquí.';
      return `${again}Para la reserva, el negocio pide: *${label}*. ${how}`;
    },
    handoffStarted: ({ openNow, hours }) =>
      openNow
        ? 'Le paso con una persona del equipo; le escribirá por aquí en cuanto pueda.'
        : `Le paso con una persona del equipo. Ahora estamos cerrados${hours ? ` (abrimos ${hours})` : ''}: le ` +
          `escribirán en cuanto abramos.`,
    handoffEnded: () => 'La persona del equipo ha terminado por ahora; sigo yo por aquí. ¿En qué más puedo ayudarle?',
    // issue 9/14 (session 3): without a booking page, the business phone (business.yaml) as the way forward.
    stuck: ({ link, phone }) =>
      link
        ? `Disculpe, sigo sin entenderle. Puede hablar con una persona del equipo o reservar directamente aquí: ${link}`
        : phone
          ? `Disculpe, sigo sin entenderle. Puede ver los horarios, llamarnos al ${phone} o hablar con el equipo.`
          : 'Disculpe, sigo sin entenderle. ¿Le paso con una persona del equipo?',
    notUnderstood: ({ media }) =>
      media
        ? 'Disculpe, no puedo escuchar audios ni ver imágenes. Se lo pregunto otra vez:'
        : 'Disculpe, no le he entendido. Se lo pregunto otra vez:',
    reminder: ({ name, on }) => `⏰ Recordatorio${comma(name)}: su cita es ${on}. ¿Vendrá?`,
    noticeCancelled: ({ of }) =>
      `Lo sentimos, su cita ${of} ha sido cancelada por el negocio. ¿Quiere reservar otra hora?`,
    noticeMoved: ({ on }) =>
      `Su cita se ha movido: ahora es ${on}. Si no le va bien, puede cambiarla o cancelarla aquí.`,
    noticeNoShow: () => 'Le echamos de menos en su cita. ¿Quiere reservar una nueva hora?',
    // Issue 10: the host confirmed a requested booking, or turned it down.
    noticeConfirmed: ({ on }) => `✅ El negocio ha confirmado su cita ${on}. Se la recordaré antes.`,
    noticeRejected: ({ of }) =>
      `Lo sentimos, el negocio no ha podido aceptar su solicitud ${of}. ¿Quiere pedir otra hora?`,
    // Privacy and consent (issue 14).
    privacyNotice: ({ url }) => `Sus datos solo se usan para gestionar sus citas. Cómo los tratamos: ${url}`,
    privacySummary: (p) =>
      `Esto es lo que guardo de usted: ${esPrivacyFacts(p)}\nDescárguelo todo aquí (un solo uso, durante 24 h): ` +
      `${p.url}\nPara borrarlo todo, escriba "borre mis datos".`,
    privacyUnavailable: () => 'Disculpe, ahora mismo no puedo preparar sus datos. Inténtelo de nuevo en unos minutos.',
    confirmErase: () =>
      '¿Borro todos sus datos? Se borrarán su nombre, su e-mail, sus citas y nuestra conversación, sin vuelta atrás.',
    eraseCancelBookings: ({ count, lines }) =>
      count === 1
        ? `Tiene una cita próxima: ${lines}. Para borrar sus datos tengo que cancelarla también. ¿La cancelo y lo ` +
          'borro todo?'
        : `Tiene ${count} citas próximas:\n${lines}\nPara borrar sus datos tengo que cancelarlas también. ¿Las ` +
          'cancelo y lo borro todo?',
    eraseKept: () => 'De acuerdo, no he borrado nada: todo sigue como estaba.',
    eraseFailed: () => 'Disculpe, algo ha fallado y sus datos no se han borrado. Vuelva a pedírmelo en un rato.',
    erased: () => 'Hecho: he borrado sus datos y nuestra conversación. Si vuelve a escribirme, empezamos de cero.',
    askMarketing: ({ again }) =>
      (again ? 'Disculpe, no me ha quedado claro. ' : '') +
      '¿Desea que le avisemos de ofertas y novedades por aquí? Puede cambiarlo cuando quiera escribiendo "no ' +
      'quiero ofertas".',
    marketingGranted: () =>
      'Perfecto, le avisaremos de ofertas y novedades. Para dejar de recibirlas, escriba "no quiero ofertas".',
    marketingDeclined: () => 'De acuerdo, no le enviaremos ofertas. Solo le escribiré sobre sus citas.',
    marketingRevoked: () => 'Hecho: no le enviaremos más ofertas. Seguiré avisándole de sus citas.',
    slowDown: () => 'Me está enviando muchos mensajes seguidos; deme un momento y escríbame de nuevo en un minuto.',
    // issue 9: the person (not the team) ended the hand-off
    backToBot: () => 'De acuerdo, sigo yo por aquí. ¿En qué puedo ayudarle?',
    // Issue 16: promotional offers.
    upsellOffer: ({ service, time, position }) =>
      `¿Desea añadir *${service}* ${position === 'after' ? 'justo después' : 'justo antes'}, a las ${time}? ` +
      'Toque el botón y queda reservado.',
    winbackOffer: ({ name }) =>
      `¡Hola${name ? `, ${name}` : ''}! Tenemos horas libres estos días. ` +
      '¿Le reservo una? Toque una hora y queda reservada.',
    offerBook: ({ time }) => `Reservar ${time}`,
    // issue 9 (session 3)
    pickBookingFirst: ({ purpose }) =>
      `Necesito saber cuál ${purpose === 'reschedule' ? 'cambio' : 'cancelo'}: ` +
      `elija una o dígame el día (por ejemplo, «la del lunes»).`,
    emailIncomplete: () => 'Ese e-mail parece incompleto (falta el final, como .com). ¿Podría escribirlo entero?',
    // issue 9/14 (session 3)
    handoffForwarded: () => 'Ya le he pasado su mensaje al equipo; le responderán por aquí en cuanto puedan.',
    hello: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋`,
    remindersOff: () => 'Como escribió STOP, no le enviaré recordatorios; escriba ALTA para volver a recibirlos.',
  },
};
