/**
 * Portuguese time words → the Spanish ones the time grammar reads ("amanhã às 15h" → "manana a las 15h",
 * "segunda-feira de manhã" → "lunes por la manana", "depois de amanhã" → "pasado manana").
 * Applied to cleaned text of Portuguese messages only; resolution then runs with Portuguese parts of day.
 */
import { alternation } from '../phrases.js';

/** Longer phrases first is handled by alternation(); each key is a cleaned Portuguese phrase. */
const PT_TO_ES: Readonly<Record<string, string>> = {
  'depois de amanha': 'pasado manana', 'antes de ontem': 'anteayer', anteontem: 'anteayer', amanha: 'manana',
  hoje: 'hoy', ontem: 'ayer', agora: 'ahora', 'agora mesmo': 'ahora mismo', 'o quanto antes': 'cuanto antes',
  'de manha': 'por la manana', 'pela manha': 'por la manana', 'na manha': 'por la manana', 'a manha': 'por la manana',
  manha: 'manana', 'de manhazinha': 'por la manana', 'de madrugada': 'por la madrugada',
  'a tarde': 'por la tarde', 'de tarde': 'por la tarde', 'pela tarde': 'por la tarde', 'na tarde': 'por la tarde',
  'a noite': 'por la noche', 'de noite': 'por la noche', 'pela noite': 'por la noche', 'na noite': 'por la noche',
  'esta noite': 'esta noche', 'essa noite': 'esta noche', 'hoje a noite': 'hoy por la noche', noite: 'noche',
  'essa tarde': 'esta tarde', 'esta manha': 'esta manana', 'essa manha': 'esta manana',
  'meio dia': 'mediodia', 'ao meio dia': 'a mediodia', 'meia noite': 'medianoche', 'a meia noite': 'a medianoche',
  'segunda feira': 'lunes', 'terca feira': 'martes', 'quarta feira': 'miercoles', 'quinta feira': 'jueves',
  'sexta feira': 'viernes', terca: 'martes', quarta: 'miercoles', quinta: 'jueves', sexta: 'viernes',
  'semana que vem': 'semana que viene', 'mes que vem': 'mes que viene', 'ano que vem': 'ano que viene',
  'que vem': 'que viene', 'fim de semana': 'fin de semana', 'final de semana': 'fin de semana',
  'proxima semana': 'proxima semana', 'semana passada': 'semana pasada', passado: 'pasado', passada: 'pasada',
  primeira: 'primera', terceira: 'tercera', ultima: 'ultima', ultimo: 'ultimo',
  janeiro: 'enero', fevereiro: 'febrero', marco: 'marzo', maio: 'mayo', junho: 'junio', julho: 'julio',
  setembro: 'septiembre', outubro: 'octubre', novembro: 'noviembre', dezembro: 'diciembre',
  'ate as': 'hasta las', 'ate o': 'hasta el', ate: 'hasta', 'depois das': 'despues de las', 'depois do': 'despues del',
  'depois de': 'despues de', depois: 'despues', 'antes das': 'antes de las', 'antes do': 'antes del',
  'a partir das': 'a partir de las', 'a partir de': 'a partir de', 'por volta das': 'sobre las', 'pelas': 'sobre las',
  'entre as': 'entre las', 'daqui a': 'dentro de', 'em': 'en', 'as': 'a las', 'das': 'de las', 'a uma': 'a la una',
  'e meia': 'y media', 'e um quarto': 'y cuarto', 'menos um quarto': 'menos cuarto', 'um quarto para as': 'cuarto para las',
  e: 'y', no: 'el', na: 'la', do: 'del', da: 'de la', ao: 'al', dos: 'de los', um: 'un', uma: 'una', dois: 'dos',
  duas: 'dos', quatro: 'cuatro', sete: 'siete', oito: 'ocho', nove: 'nueve', dez: 'diez', onze: 'once', doze: 'doce',
  treze: 'trece', catorze: 'catorce', quatorze: 'catorce', quinze: 'quince', vinte: 'veinte', trinta: 'treinta',
  'ano': 'ano', anos: 'anos', mes: 'mes', meses: 'meses',
};

const RE = new RegExp(`\\b(?:${alternation(Object.keys(PT_TO_ES))})\\b`, 'g');
/** "segunda" is Monday unless it is an ordinal ("a segunda opção", "segunda semana"). */
const MONDAY = /\bsegunda\b(?!\s+(?:semana|opcao|vez|quinzena|op))/g;

export function portugueseToSpanish(t: string): string {
  return t.replace(MONDAY, 'lunes').replace(RE, (m) => PT_TO_ES[m.replace(/\s+/g, ' ')] ?? m);
}
