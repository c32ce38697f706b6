/**
 * Per-message language (es / en / pt) from function words and spelling. A message switches away
 * from the conversation's language only on confident evidence: short or shared messages ("ok",
 * "11", "sí", "sim", "STOP") keep it. The confidence says how sure the guess is.
 */
import type { Language } from './types.js';

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter((w) => w !== ''));

/** Spanish only (not Portuguese): a word here is evidence for Spanish. */
const ES = words(`
  hola buenas buenos quiero quisiera queria cita turno turnos hora horas manana tarde noche el la los las del al
  y si gracias tienes tenes tiene tienen teneis puedo podes puedes puede cancelar reservar cambiar hueco huecos
  lunes martes miercoles jueves viernes hoy ayer semana fin vale dale una un mi mis es esta estoy otra otro
  mejor persona ayuda baja mas mensajes pero hay ahora ya despues antes entre pasado proximo primera primero
  segunda segundo tercera tercero nada tambien bien gustaria necesito podria sabes queres quieres vos usted
  ustedes seria dia dias mes como cuando donde vemos perfecto listo claro genial bueno muchas mil cuanto cuesta
  algo alguna algun lugar disponible libre cuales pasame llamo nombre correo estais estan haceis tenemos hacen
  sale vale queda cierran abren abris datos borra borrad borrar aparcar tarjeta efectivo ahorita che orale porfa
  oye oiga cual tengo desisto anular anulad modificar ninguna ninguno entonces luego enero febrero marzo mayo
  junio julio septiembre setiembre octubre noviembre diciembre primera miercoles
`);
/** Portuguese only (not Spanish). */
const PT = words(`
  nao sim bem voce voces vc vcs obrigado obrigada obg amanha hoje ontem quero gostaria marcar desmarcar remarcar tem
  temos tenho meu minha meus minhas seu sua um uns umas com ola oi bom boa noite manha depois segunda terca
  quarta quinta sexta feira as ao aos do da dos das na nos pra pro isso esse essa aqui agora ainda muito mais
  tchau valeu beleza certo posso podemos vou vai estou estamos ficar fica onde quanto quanta custa preco
  endereco cartao dinheiro dados apague apagar apaguem atendente pessoa falar vaga vagas tudo e ate consigo
  horario agendar consulta proxima semana favor pode também tambem meio dia quando qual quais estacionamento
  voltar receber mensagens pare opcoes cedo janeiro fevereiro marco maio junho julho setembro outubro novembro
  dezembro primeira primeiro terca daqui duas fim logo
`);
/** English. */
const EN = words(`
  hi hello hey i want would like to the an book booking appointment can you do have is are at on in for my
  tomorrow today morning afternoon evening tonight next week monday tuesday wednesday thursday friday saturday
  sunday thanks thank please yes cancel reschedule move change slot available any time help human person stop
  what how when this that it of and or but with free works sounds good great sure need get could there anything
  something day days earlier later instead other another one first second third last fine see be will not cannot
  make just speak talk someone real agent after before between noon pm am oclock your we our us until till from
  by since ago around about option nope unsubscribe cheers mon tue wed thu fri sat sun lol yep okay where much
  price parking data delete name email address services card pay about whens whats lets im ill dont wont
  january february march april june july august september october november december
`);

/** Words Spanish and Portuguese share are evidence for neither against the other. */
const SHARED = words(`
  tarde hora horas cancelar reservar algo nada entre antes claro genial esta lugar dia dias mes como semana
  proxima favor consulta horario agendar tambem sabado domingo para por que de a o no dos
`);
for (const w of SHARED) {
  ES.delete(w);
  PT.delete(w);
}

const ES_MARKS = /[ñ¿¡]/i;
const PT_MARKS = /[ãõçâêô]/i;
const OLA = /(?:^|[^\p{L}])olá(?![\p{L}])/iu;

export interface LanguageGuess {
  language: Language;
  /** 0..1: evidence margin over the runner-up; low when the conversation's language was kept. */
  confidence: number;
}

/**
 * The message's language. Without a conversation language (`fallback`), the best score wins
 * (Spanish on a tie). With one, another language wins only with at least 2 points of evidence and
 * a lead of 2 over the conversation's language (a single "STOP" or "sim" does not switch).
 */
export function guessLanguage(raw: string, cleaned: string, fallback: Language | undefined): LanguageGuess {
  const score: Record<Language, number> = { es: 0, en: 0, pt: 0 };
  if (ES_MARKS.test(raw)) score.es += 2;
  if (PT_MARKS.test(raw)) score.pt += 2;
  // "olá" is Portuguese; "ola" without the accent is a Spanish typo for "hola"
  if (OLA.test(raw)) score.pt += 2;
  for (const t of cleaned.split(' ')) {
    if (ES.has(t)) score.es++;
    if (EN.has(t)) score.en++;
    if (PT.has(t)) score.pt++;
  }
  const ranked = (['es', 'en', 'pt'] as const).slice().sort((a, b) => score[b] - score[a]);
  const best = ranked[0]!;
  const second = ranked[1]!;
  const margin = score[best] - score[second];
  if (fallback === undefined) {
    if (margin === 0)
      return { language: score[best] > 0 && best !== 'es' && score.es < score[best] ? best : 'es', confidence: 0.3 };
    return { language: best, confidence: Math.min(1, 0.5 + 0.15 * margin) };
  }
  if (best === fallback || margin === 0)
    return { language: fallback, confidence: best === fallback && margin > 0 ? 0.9 : 0.4 };
  const lead = score[best] - score[fallback];
  if (score[best] >= 2 && lead >= 2) return { language: best, confidence: Math.min(1, 0.5 + 0.12 * lead) };
  return { language: fallback, confidence: 0.4 };
}

/** Compatibility wrapper: the language only. */
export function detectLanguage(raw: string, cleaned: string, fallback: Language | undefined): Language {
  return guessLanguage(raw, cleaned, fallback).language;
}
