/**
 * Spanish words shared by the three Spanish registers: button labels (infinitives and nouns, the
 * same for tú, vos and usted) and the grammar of dates, hours and lists. Texts addressed to the
 * person live in es-tu.ts, es-vos.ts and es-usted.ts.
 */
import type { DayRef } from '../dates.js';
import type { DateOpts, Grammar, Labels, PrivacyFactsText } from './types.js';
import { everyDay, listOf, nameOf, offsetUnit, runPieces, sortedOffsets, spansOf, type WeekNames } from './kit.js';

export const ES_LABELS: Labels = {
  confirm: 'Confirmar',
  otherTime: 'Otra hora',
  cancel: 'Cancelar',
  cancelBooking: 'Cancelar cita',
  book: 'Reservar cita',
  help: 'Ayuda',
  human: 'Hablar con alguien',
  talkToPerson: 'Hablar con una persona',
  seeTimes: 'Ver horarios',
  reschedule: 'Cambiar hora',
  keep: 'Mantenerla',
  bookAnother: 'Reservar otra',
  moveMine: 'Mover la mía',
  yesCancel: 'Sí, cancelar',
  skip: 'Omitir',
  myBookings: 'Ver citas',
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
};

/** Issue 14: the facts of the access reply, in words shared by the three Spanish registers. */
export function esPrivacyFacts(p: PrivacyFactsText, noun: 'cita' | 'turno' = 'cita'): string {
  const who = [p.name && `nombre *${p.name}*`, p.email && `e-mail *${p.email}*`, `teléfono ${p.phone}`];
  const [one, many, next, nexts, gone, gones] =
    noun === 'cita'
      ? ['cita', 'citas', 'próxima', 'próximas', 'pasada', 'pasadas']
      : ['turno', 'turnos', 'próximo', 'próximos', 'pasado', 'pasados'];
  const upcoming = p.upcoming === 1 ? `1 ${one} ${next}` : `${p.upcoming} ${many} ${nexts}`;
  const past = `${p.past} ${p.past === 1 ? gone : gones}`;
  const ratings = p.feedback ? `; ${p.feedback} ${p.feedback === 1 ? 'valoración' : 'valoraciones'}` : '';
  return (
    `${who.filter(Boolean).join(', ')}; ${upcoming} y ${past}; mensajes: ${p.received} recibidos y ${p.sent} ` +
    `enviados${ratings}. Ofertas: ${p.marketing ? 'sí' : 'no'}${p.optedOut ? ' (avisos parados con STOP)' : ''}. ` +
    `Los mensajes se borran a los ${p.retentionDays} días.`
  );
}

const DAYS: WeekNames = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const EVERY: WeekNames = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábados', 'domingos'];

/** "jueves 26 de noviembre a las 11:00", bold when asked, the zone note after the bold. */
function moment(r: DayRef, o: DateOpts, withRel: boolean): string {
  const core = `${withRel && r.rel ? `${r.relWord}, ` : ''}${r.day}${o.time ? ` a las ${r.time}` : ''}`;
  return `${o.bold ? `*${core}*` : core}${o.time ? r.note : ''}`;
}

export const ES_GRAMMAR: Grammar = {
  on: (r, o = {}) => (r.rel ? moment(r, o, true) : `el ${moment(r, o, false)}`),
  of: (r, o = {}) => (r.rel ? `de ${moment(r, o, true)}` : `del ${moment(r, o, false)}`),
  to: (r, o = {}) => (r.rel ? `a ${moment(r, o, true)}` : `al ${moment(r, o, false)}`),
  span: (a, b, o = {}) => {
    const core = `${a.rel ? `${a.relWord}, ` : ''}${a.day}, ${a.time}–${b.time}`;
    return `${o.on && !a.rel ? 'el ' : ''}${o.bold ? `*${core}*` : core}${a.note}`;
  },
  request: (r) =>
    r.kind === 'at'
      ? ES_GRAMMAR.on(r.at, { time: true })
      : r.kind === 'day'
        ? ES_GRAMMAR.on(r.day)
        : r.kind === 'before'
          ? `${ES_GRAMMAR.on(r.at)} antes de las ${r.at.time}`
          : r.kind === 'after'
            ? `${ES_GRAMMAR.on(r.at)} después de las ${r.at.time}`
            : r.kind === 'week'
              ? 'esa semana'
              : r.kind === 'month'
                ? 'ese mes'
                : 'en esas fechas',
  hours(groups) {
    if (everyDay(groups)) return `todos los días ${spans(groups[0]?.spans ?? [])}`;
    return listOf(
      'es',
      groups.map((g) => {
        const pieces = runPieces(g.runs);
        const words = pieces.map((p) =>
          'range' in p ? `de ${nameOf(DAYS, p.range[0])} a ${nameOf(DAYS, p.range[1])}` : nameOf(EVERY, p.day),
        );
        const first = pieces[0];
        const days = first && 'day' in first ? `los ${listOf('es', words)}` : listOf('es', words);
        return `${days} ${spans(g.spans)}`;
      }),
    );
  },
  everyWeekday: (d) => `los ${nameOf(EVERY, d)}`,
  reminders: (offsets) =>
    listOf(
      'es',
      sortedOffsets(offsets).map((ms) => {
        const { unit, n } = offsetUnit(ms);
        if (unit === 'day') return n === 1 ? 'el día antes' : `${n} días antes`;
        if (unit === 'hour') return n === 1 ? 'una hora antes' : `${n} horas antes`;
        return `${n} minutos antes`;
      }),
    ),
  list: (items) => listOf('es', items),
  length: (m) => `${m} min`,
  serviceLine: (p) => `• ${p.name}${p.price || p.length ? `: ${[p.price, p.length].filter(Boolean).join(', ')}` : ''}`,
  more: (n) => `…y ${n} más.`,
  mapLink: (url) => `Mapa: ${url}`,
  where: (location) => `Dónde: ${location}`,
  ratings: ['Muy mal', 'Mal', 'Normal', 'Bien', 'Excelente'],
  demoTitle: 'Cita de demostración',
};

function spans(list: Array<{ from: string; to: string }>): string {
  return spansOf('es', list, (s) => `de ${s.from} a ${s.to}`);
}
