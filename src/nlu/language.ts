/** Per-message language guess (es / en) from function words and spelling; ties go to the conversation's language. */
import type { Language } from './types.js';

const ES = new Set(
  ('hola buenas buenos quiero quisiera queria cita turno hora horas manana tarde noche para por el la los las del al que si gracias ' +
    'tienes tenes tiene tienen puedo podes puedes puede cancelar reservar agendar cambiar hueco lunes martes miercoles jueves ' +
    'viernes sabado domingo hoy ayer semana fin favor vale dale con una un mi mis es esta estoy otra otro mejor persona ayuda baja ' +
    'mas mensajes y pero hay ahora ya despues antes entre pasado proximo primera primero segunda segundo tercera tercero ' +
    'nada tambien bien gustaria necesito podria sabes queres quieres vos usted seria dia dias mes como cuando donde puede ' +
    'vemos perfecto listo claro genial bueno muchas mil cuanto cuesta algo alguna algun lugar disponible libre').split(' '),
);
const EN = new Set(
  ('hi hello hey i want would like to the an book booking appointment can you do have is are at on in for my tomorrow today ' +
    'morning afternoon evening tonight next week monday tuesday wednesday thursday friday saturday sunday thanks thank please ' +
    'yes cancel reschedule move change slot available any time help human person stop what how when this that it of and or but ' +
    'with free works sounds good great sure need get could there anything something day days earlier later instead other another ' +
    'one first second third last works fine see be will not cannot make just speak talk someone real agent after before between ' +
    'noon pm am oclock your we our us until till from by since ago around about option nope unsubscribe cheers mon tue wed thu fri sat sun lol yep okay').split(' '),
);

export function detectLanguage(raw: string, cleaned: string, fallback: Language | undefined): Language {
  let es = 0;
  let en = 0;
  if (/[ñ¿¡áéíóú]/i.test(raw)) es += 2;
  for (const t of cleaned.split(' ')) {
    if (ES.has(t)) es++;
    if (EN.has(t)) en++;
  }
  if (es > en) return 'es';
  if (en > es) return 'en';
  return fallback === 'en' ? 'en' : 'es';
}
