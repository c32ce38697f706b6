/** Words the time grammar knows: weekdays, months, units, parts of day. Keys are normalised (no accents). */

export const WEEKDAYS: Readonly<Record<string, number>> = {
  lunes: 1,
  lun: 1,
  martes: 2,
  miercoles: 3,
  mie: 3,
  mier: 3,
  jueves: 4,
  jue: 4,
  viernes: 5,
  vie: 5,
  sabado: 6,
  sabados: 6,
  sab: 6,
  domingo: 7,
  domingos: 7,
  dom: 7,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
  mondays: 1,
  tuesdays: 2,
  wednesdays: 3,
  thursdays: 4,
  fridays: 5,
  saturdays: 6,
  sundays: 7,
};
/** Abbreviations only trusted when they are the whole message (Duckling writes "lu", "ma", "mx"). */
export const WEEKDAY_ALONE: Readonly<Record<string, number>> = {
  lu: 1,
  ma: 2,
  mi: 3,
  mx: 3,
  ju: 4,
  vi: 5,
  sa: 6,
  do: 7,
};

export const MONTHS: Readonly<Record<string, number>> = {
  enero: 1,
  ene: 1,
  febrero: 2,
  feb: 2,
  marzo: 3,
  mar: 3,
  abril: 4,
  abr: 4,
  mayo: 5,
  junio: 6,
  jun: 6,
  julio: 7,
  jul: 7,
  agosto: 8,
  ago: 8,
  septiembre: 9,
  setiembre: 9,
  sep: 9,
  sept: 9,
  set: 9,
  octubre: 10,
  oct: 10,
  noviembre: 11,
  nov: 11,
  diciembre: 12,
  dic: 12,
  january: 1,
  jan: 1,
  february: 2,
  march: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  dec: 12,
};
/** Month names safe to read on their own (no "may", no abbreviations). */
export const MONTHS_ALONE = Object.keys(MONTHS).filter((m) => m.length > 3 && m !== 'sept');

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export const UNITS: Readonly<Record<string, Unit>> = {
  s: 'second',
  sec: 'second',
  second: 'second',
  seconds: 'second',
  segundo: 'second',
  segundos: 'second',
  '"': 'second',
  minute: 'minute',
  minutes: 'minute',
  minuto: 'minute',
  minutos: 'minute',
  "'": 'minute',
  m: 'minute',
  h: 'hour',
  hour: 'hour',
  hours: 'hour',
  hora: 'hour',
  horas: 'hour',
  day: 'day',
  days: 'day',
  dia: 'day',
  dias: 'day',
  week: 'week',
  weeks: 'week',
  semana: 'week',
  semanas: 'week',
  fortnight: 'week',
  month: 'month',
  months: 'month',
  mes: 'month',
  meses: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  trimestre: 'quarter',
  trimestres: 'quarter',
  year: 'year',
  years: 'year',
  ano: 'year',
  anos: 'year',
};

export type Pod =
  | 'morning'
  | 'early_morning'
  | 'midday'
  | 'lunch'
  | 'after_lunch'
  | 'afternoon'
  | 'evening'
  | 'night'
  | 'late_night'
  | 'after_school';

export const PODS: Readonly<Record<string, Pod>> = {
  manana: 'morning',
  morning: 'morning',
  madrugada: 'early_morning',
  'early morning': 'early_morning',
  mediodia: 'midday',
  'medio dia': 'midday',
  noon: 'midday',
  midday: 'midday',
  'mid day': 'midday',
  lunch: 'lunch',
  'after lunch': 'after_lunch',
  tarde: 'afternoon',
  afternoon: 'afternoon',
  evening: 'evening',
  noche: 'evening',
  night: 'evening',
  tonight: 'evening',
  'late night': 'late_night',
  'after school': 'after_school',
};

export const RX = {
  weekday: Object.keys(WEEKDAYS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  month: Object.keys(MONTHS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  monthAlone: MONTHS_ALONE.sort((a, b) => b.length - a.length).join('|'),
};
