/** Spanish, vos (Rioplatense voseo: "tenés", "podés", "escribime"; "turno" for the appointment). */
import { ES_GRAMMAR, esPrivacyFacts } from './es.js';
import { cap } from './kit.js';
import type { Catalog, OfferLead, Pick, RefusalReason } from './types.js';

const g = ES_GRAMMAR;
const comma = (name: string) => (name ? `, ${name}` : '');

// issue 9/14 (session 3): a lead is a clause; `pickOne` ends the sentence (no colon before a new sentence).
const lead = (l: OfferLead, reschedule: boolean): string => {
  switch (l.kind) {
    case 'justTaken':
      return 'Uy, ese horario se acaba de ocupar; te muestro lo más cercano';
    case 'timeTaken':
      return `Las ${l.time} ya están ocupadas; te muestro lo más cercano`;
    case 'free':
      return `Tengo estos horarios libres ${g.request(l.request)}`;
    case 'widened':
      return `No quedan horarios libres ${g.request(l.request)}; te muestro lo más cercano`;
    case 'nearby':
      return 'Tengo otros horarios libres cerca de ese';
    case 'first':
      return reschedule
        ? '¿Para cuándo lo querés mover? Tengo estos primeros horarios libres'
        : '¿Para cuándo lo querés? Tengo estos primeros horarios libres';
    case 'nearest':
      return 'Estos son los horarios libres más cercanos';
    case 'nothingLater':
      return `No hay nada más tarde de las ${l.time} ese día; te muestro los siguientes horarios libres`;
    case 'nothingEarlier':
      return `No hay nada antes de las ${l.time} ese día; te muestro lo más cercano`;
  }
};

const pickOne = (p: Pick): string =>
  p.how === 'buttons'
    ? ': ¿cuál te queda bien? También podés escribirme otro día u hora.'
    : p.how === 'list'
      ? `. Tocá *${p.button}* y elegí uno, o escribime otro día u hora.`
      : '. Escribime cuál te queda bien, u otro día u hora.';

const NOTE: Record<'miss' | 'media', string> = {
  miss: 'Perdoná, no te entendí.',
  media: 'Perdoná, no puedo escuchar audios ni ver imágenes.',
};

const refused: Record<RefusalReason, string> = {
  too_soon: 'Ese horario está demasiado cerca: hay que reservar con más anticipación. Elegí un horario más adelante.',
  too_far: 'Todavía no tomamos turnos para tan adelante. Elegí una fecha más cercana.',
  in_past: 'Ese horario ya pasó. Elegí otro, por favor.',
  booker_limit: 'Ya tenés el máximo de turnos que admite el negocio. Si querés, cambiá o cancelá alguno.',
  invalid_phone: 'El calendario no acepta tu número de teléfono para el turno.',
  missing_fields: 'El negocio pide datos para el turno que no puedo tomar por acá.',
};

export const ES_VOS: Catalog = {
  voice: 'es-vos',
  language: 'es',
  labels: {
    confirm: 'Confirmar',
    otherTime: 'Otro horario',
    cancel: 'Cancelar',
    cancelBooking: 'Cancelar turno',
    book: 'Reservar turno',
    help: 'Ayuda',
    human: 'Hablar con alguien',
    talkToPerson: 'Hablar con una persona',
    seeTimes: 'Ver horarios',
    reschedule: 'Cambiar horario',
    keep: 'Mantenerlo',
    bookAnother: 'Reservar otro',
    moveMine: 'Mover el mío',
    yesCancel: 'Sí, cancelar',
    skip: 'Omitir',
    myBookings: 'Ver turnos',
    rate: 'Puntuar',
    options: 'Ver opciones',
    resumeBot: 'Seguir con el bot',
    services: 'Ver servicios',
    // Issue 14.
    eraseYes: 'Sí, borrar',
    eraseAll: 'Cancelar y borrar',
    keepData: 'No, mantener',
    offersYes: 'Sí, quiero ofertas',
    offersNo: 'No, gracias',
    // Issue 16.
    offerNo: 'No, gracias',
  },
  grammar: g,
  texts: {
    greeting: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋 Soy el asistente de turnos. ¿Qué necesitás?`,
    help: () =>
      'Puedo reservar, cambiar o cancelar tu turno, y decirte cuándo tenés el próximo. Escribime por ejemplo ' +
      '"mañana a las 10" o elegí una opción.',
    thanks: () => '¡A vos! Acá estoy si necesitás algo más.',
    acknowledged: () => 'De acuerdo. Cuando quieras, escribime o elegí una opción.',
    human: () => 'De acuerdo, aviso a una persona del equipo: te va a escribir por acá en cuanto pueda.',
    optedOut: () =>
      'Listo: no te voy a mandar más mensajes, tampoco recordatorios de tus turnos. Si cambiás de idea, escribí ALTA.',
    optedIn: () => 'Listo: te vuelvo a mandar recordatorios y avisos de tus turnos. Escribí STOP para pararlos.',
    mediaNotSupported: () =>
      'Perdoná, todavía no puedo escuchar audios ni ver imágenes. Escribime con texto qué necesitás, por ejemplo ' +
      '"turno el jueves a las 10".',
    expiredOption: () => 'Esa opción ya no está disponible. ¿Busco los horarios libres de ahora?',
    didntUnderstand: ({ misses, link }) =>
      misses >= 2
        ? link
          ? `Perdoná, sigo sin entenderte. También podés reservar directamente acá: ${link}`
          : 'Perdoná, sigo sin entenderte. Si querés, te paso con una persona del equipo.'
        : 'Perdoná, no te entendí. Podés escribirme por ejemplo "quiero un turno mañana a las 10", o elegir una ' +
          'opción.',
    offerSlots: ({ lead: l, pick, purpose, note }) =>
      `${note ? `${NOTE[note]} ` : ''}${lead(l, purpose === 'reschedule')}${pickOne(pick)}`,
    noOptions: ({ lead: l }) => {
      const first =
        l.kind === 'justTaken'
          ? 'Uy, ese horario se acaba de ocupar y no veo otros cerca.'
          : l.kind === 'timeTaken'
            ? `Las ${l.time} ya están ocupadas y no veo otros horarios cerca.`
            : l.kind === 'first'
              ? 'No me quedan horarios libres en los próximos días.'
              : `No quedan horarios libres ${g.request(l.request)}.`;
      return `${first} Escribime otro día u hora, o hablá con una persona del equipo.`;
    },
    noSlots: ({ request }) =>
      request
        ? `No me quedan horarios libres ${g.request(request)}. ¿Qué otro día te queda bien?`
        : 'No me quedan horarios libres en los próximos días. ¿Para qué fecha lo querés?',
    anotherBooking: ({ have, on }) =>
      `Ya tenés un turno ${have}. ¿Te reservo otro ${on} además, o preferís mover el que tenés a ese horario?`,
    nothingToConfirm: () => 'Con ese botón no hay nada pendiente de confirmar.',
    confirmSlot: ({ name, on }) => `${name ? `${name}, p` : 'P'}uedo reservarte ${on}. ¿Lo confirmo?`,
    askName: ({ retry }) =>
      retry
        ? 'Perdoná, eso no parece un nombre. ¿A nombre de quién pongo el turno? Por ejemplo: Ana García.'
        : 'Para el turno, ¿a nombre de quién lo pongo? Escribime nombre y apellido.',
    askEmail: ({ retry }) =>
      retry
        ? 'Esa dirección no parece un e-mail. Escribímelo así: nombre@ejemplo.com'
        : 'Para confirmar el turno necesito tu e-mail. ¿Cuál es?',
    booked: ({ name, span, what, where, reminders }) =>
      `✅ Listo${comma(name)}: *${span}* ` +
      `(${what}).${where ? `\n${where}\n` : ' '}${reminders ? `Te lo voy a recordar ${reminders}. ` : ''}Para ` +
      `cambiarlo, escribí "cambiar" o "cancelar" cuando quieras.`,
    bookingAbandoned: () => 'De acuerdo, no reservo nada. Cuando quieras, escribime.',
    calendarDown: () => 'Perdoná, no puedo consultar la agenda ahora mismo; te escribo en cuanto vuelva.',
    noBookings: () => 'No tenés ningún turno próximo conmigo. ¿Querés reservar uno?',
    chooseBooking: ({ purpose, count, pick }) => {
      const verb = purpose === 'reschedule' ? 'cambiar' : 'cancelar';
      return pick.how === 'list'
        ? `Tenés ${count} turnos. Tocá *${pick.button}* y elegí cuál querés ${verb}.`
        : `Tenés ${count} turnos. ¿Cuál querés ${verb}?`;
    },
    confirmReschedule: ({ from, to }) => `¿Muevo tu turno ${from} ${to}?`,
    rescheduled: ({ on, where, reminders }) =>
      `✅ Cambiado: tu turno ahora es ${on}.${where ? `\n${where}\n` : ' '}` +
      `${reminders ? `Te lo voy a recordar ${reminders}. ` : ''}` +
      `Para cambiarlo, escribí "cambiar" o "cancelar" cuando quieras.`,
    confirmCancel: ({ of }) => `¿Cancelo tu turno ${of}?`,
    cancelled: ({ of }) => `Listo, cancelé tu turno ${of}. ¿Querés reservar otro?`,
    keptBooking: ({ of }) => (of ? `Perfecto, mantengo tu turno ${of}.` : 'Perfecto, no cambio nada.'),
    attendanceConfirmed: ({ name, on }) => `✅ Gracias${comma(name)}: te esperamos ${on}.`,
    askRating: ({ of }) => `¿Qué tal tu turno ${of}? Puntualo del 1 al 5.`,
    askComment: () => '¡Gracias! ¿Querés contarnos algo más? Escribilo acá.',
    feedbackThanks: () => 'Gracias por tu opinión, nos ayuda a mejorar.',
    myBookings: (p) => {
      if (p.kind === 'one') return `Tenés un turno: *${p.when}* (${p.what}). ¿Qué querés hacer con él?`;
      const shown = p.shown < p.count ? ` Te muestro los ${p.shown} más próximos.` : '';
      const how =
        p.pick.how !== 'list'
          ? 'Decime cuál querés confirmar, cambiar o cancelar.'
          : p.perBooking
            ? `Tocá *${p.pick.button}* para confirmar, cambiar o cancelar cada uno.`
            : `Tocá *${p.pick.button}* y elegí uno para confirmarlo, cambiarlo o cancelarlo.`;
      return `Tenés ${p.count} turnos próximos:${shown}\n${p.lines.join('\n')}\n${how}`;
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
                ? `Después de las ${l.time} ya cerramos.`
                : l.kind === 'time'
                  ? `A las ${l.time} está cerrado.`
                  : 'Ahora mismo está cerrado.';
      const open = hours ? ` Abrimos ${hours}.` : '';
      const next = !pick
        ? ' Escribime otro día u hora y me fijo.'
        : pick.how === 'list'
          ? ` Tocá *${pick.button}* para ver lo más cercano que tengo libre.`
          : pick.how === 'buttons'
            ? ' Lo más cercano que tengo libre: ¿cuál te queda bien?'
            : ' Escribime qué horario te queda bien.';
      return `${first}${open}${next}`;
    },
    businessAnswer: ({ topic, business }) => {
      switch (topic) {
        case 'price':
          return 'Estos son nuestros precios:';
        case 'services':
          return `Estos son los servicios de ${business}:`;
        case 'address':
          return 'Nos encontrás acá:';
        case 'parking':
          return 'Sobre el estacionamiento:';
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
    businessNext: () => '¿Te reservo un turno?',
    unknownQuestion: ({ link, inFlow }) =>
      inFlow
        ? 'Eso no lo sé, perdoná. Si querés, te paso con una persona del equipo.'
        : link
          ? `Eso no lo sé, perdoná. Puedo pasarte con una persona del equipo, o podés reservar directamente acá: ` +
            `${link}`
          : 'Eso no lo sé, perdoná. Puedo pasarte con una persona del equipo o reservarte un turno.',
    nameUpdated: ({ name }) => `Listo: guardo tu nombre como *${name}*.`,
    emailUpdated: ({ email }) => `Listo: guardo *${email}* como tu e-mail.`,
    bookingRequested: ({ span, what, where }) =>
      `📅 Solicitud enviada: *${span}* (${what}).${where ? `\n${where}\n` : ' '}El negocio debe confirmarlo; te ` +
      `aviso en cuanto lo haga.`,
    bookingRefused: ({ reason, link }) => {
      const base = refused[reason];
      if (reason !== 'invalid_phone' && reason !== 'missing_fields') return base;
      return link
        ? `${base} Podés hablar con una persona del equipo o reservar acá: ${link}`
        : `${base} Si querés, te paso con una persona del equipo.`;
    },
    askBookingField: ({ label, retry, pick, options }) => {
      const again = retry ? `No lo entendí: esa respuesta no me sirve para *${label}*. ` : '';
      const how =
        pick.how === 'buttons'
          ? 'Elegí una opción.'
          : pick.how === 'list'
            ? `Tocá *${pick.button}* y elegí una.`
            : options.length
              ? `Escribí el número o el texto de una de estas:\n${options.join('\n')}`
              : 'Escribímelo acá.';
      return `${again}Para el turno, el negocio pide: *${label}*. ${how}`;
    },
    handoffStarted: ({ openNow, hours }) =>
      openNow
        ? 'Te paso con una persona del equipo; te va a escribir por acá en cuanto pueda.'
        : `Te paso con una persona del equipo. Ahora estamos cerrados${hours ? ` (abrimos ${hours})` : ''}: te van ` +
          `a escribir en cuanto abramos.`,
    handoffEnded: () => 'La persona del equipo terminó por ahora; sigo yo por acá. ¿En qué más te ayudo?',
    // issue 9/14 (session 3): without a booking page, the business phone (business.yaml) as the way forward.
    stuck: ({ link, phone }) =>
      link
        ? `Perdoná, sigo sin entenderte. Podés hablar con una persona del equipo o reservar directamente acá: ${link}`
        : phone
          ? `Perdoná, sigo sin entenderte. Podés ver los horarios, llamarnos al ${phone} o hablar con el equipo.`
          : 'Perdoná, sigo sin entenderte. ¿Te paso con una persona del equipo?',
    notUnderstood: ({ media }) =>
      media
        ? 'Perdoná, no puedo escuchar audios ni ver imágenes. Te lo pregunto de nuevo:'
        : 'Perdoná, no te entendí. Te lo pregunto de nuevo:',
    reminder: ({ name, on }) => `⏰ Recordatorio${comma(name)}: tu turno es ${on}. ¿Venís?`,
    noticeCancelled: ({ of }) => `Lo sentimos, el negocio canceló tu turno ${of}. ¿Querés reservar otro horario?`,
    noticeMoved: ({ on }) =>
      `Tu turno se movió: ahora es ${on}. Si no te queda bien, podés cambiarlo o cancelarlo acá.`,
    noticeNoShow: () => 'Te extrañamos en tu turno. ¿Querés reservar uno nuevo?',
    // Issue 10: the host confirmed a requested booking, or turned it down.
    noticeConfirmed: ({ on }) => `✅ El negocio confirmó tu turno ${on}. Te lo voy a recordar antes.`,
    noticeRejected: ({ of }) =>
      `Lo sentimos, el negocio no pudo aceptar tu pedido de turno ${of}. ¿Querés pedir otro horario?`,
    // Privacy and consent (issue 14).
    privacyNotice: ({ url }) => `Tus datos solo se usan para gestionar tus turnos. Cómo los tratamos: ${url}`,
    privacySummary: (p) =>
      `Esto es lo que guardo de vos: ${esPrivacyFacts(p, 'turno')}\nDescargalo todo acá (un solo uso, durante ` +
      `24 h): ${p.url}\nPara borrarlo todo, escribí "borrá mis datos".`,
    privacyUnavailable: () => 'Perdoná, ahora mismo no puedo preparar tus datos. Probá de nuevo en unos minutos.',
    confirmErase: () =>
      '¿Borro todos tus datos? Se borrarán tu nombre, tu e-mail, tus turnos y nuestra conversación, sin vuelta atrás.',
    eraseCancelBookings: ({ count, lines }) =>
      count === 1
        ? `Tenés un turno próximo: ${lines}. Para borrar tus datos tengo que cancelarlo también. ¿Lo cancelo y ` +
          'borro todo?'
        : `Tenés ${count} turnos próximos:\n${lines}\nPara borrar tus datos tengo que cancelarlos también. ¿Los ` +
          'cancelo y borro todo?',
    eraseKept: () => 'De acuerdo, no borré nada: todo sigue como estaba.',
    eraseFailed: () => 'Perdoná, algo falló y tus datos no se borraron. Volvé a pedírmelo en un rato.',
    erased: () => 'Listo: borré tus datos y nuestra conversación. Si me volvés a escribir, empezamos de cero.',
    askMarketing: ({ again }) =>
      (again ? 'Perdoná, no me quedó claro. ' : '') +
      '¿Querés que te avisemos de ofertas y novedades por acá? Podés cambiarlo cuando quieras escribiendo "no ' +
      'quiero ofertas".',
    marketingGranted: () =>
      'Perfecto, te avisaremos de ofertas y novedades. Para dejar de recibirlas, escribí "no quiero ofertas".',
    marketingDeclined: () => 'De acuerdo, no te enviaremos ofertas. Solo te voy a escribir sobre tus turnos.',
    marketingRevoked: () => 'Listo: no te enviaremos más ofertas. Te sigo avisando de tus turnos.',
    slowDown: () => 'Me estás mandando muchos mensajes seguidos; dame un momento y escribime de nuevo en un minuto.',
    // issue 9: the person (not the team) ended the hand-off
    backToBot: () => 'Dale, sigo yo por acá. ¿En qué te ayudo?',
    // Issue 16: promotional offers.
    upsellOffer: ({ service, time, position }) =>
      `¿Querés sumar *${service}* ${position === 'after' ? 'justo después' : 'justo antes'}, a las ${time}? ` +
      'Tocá el botón y queda reservado.',
    winbackOffer: ({ name }) =>
      `¡Hola${name ? `, ${name}` : ''}! Tenemos turnos libres estos días. ` +
      '¿Te reservo uno? Tocá un horario y queda reservado.',
    offerBook: ({ time }) => `Reservar ${time}`,
    // issue 9 (session 3)
    pickBookingFirst: ({ purpose }) =>
      `Necesito saber cuál ${purpose === 'reschedule' ? 'cambio' : 'cancelo'}: ` +
      `elegí uno o decime el día (por ejemplo, «el del lunes»).`,
    emailIncomplete: () => 'Ese e-mail parece incompleto (falta el final, como .com). ¿Me lo escribís entero?',
    // issue 9/14 (session 3)
    handoffForwarded: () => 'Ya pasé tu mensaje al equipo; te van a responder por acá en cuanto puedan.',
    hello: ({ name }) => `Hola${name ? ` ${name}` : ''} 👋`,
    remindersOff: () =>
      'Como escribiste STOP, no te voy a mandar recordatorios; escribí ALTA para volver a recibirlos.',
  },
};
