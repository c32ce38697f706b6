/**
 * Intent from cleaned text (normalize.clean): ordered keyword rules for Spanish and English chat.
 * Returns the intent and how sure the rule is.
 */
import type { Intent } from './types.js';

const OPT_OUT =
  /^(?:stop|baja|unsubscribe|parar|alto|stop all|end|quit)$|\b(?:no (?:quiero|deseo|quiere) (?:recibir )?(?:mas|ningun|ningunos?|otro|otros) (?:mensajes?|notificaciones|recordatorios|whatsapps?)|no quiero (?:recibir )?(?:mensajes|notificaciones|recordatorios)|dejen? de (?:escribirme|enviarme|mandarme|molestarme)|dejad de escribirme|no me (?:escriban|escribas|escriba|manden|envien|mandes) mas|dar(?:me)? de baja|darse de baja|me doy de baja|unsubscribe|stop (?:messaging|texting|sending|writing)|do not (?:message|text|contact|write) me|no more (?:messages|texts|reminders)|opt ?out|remove me from|borrenme de|sacame de la lista|sacadme de)\b/;
const HUMAN =
  /\b(?:hablar con (?:una |un |el |la |alguien|)(?:persona|humano|agente|operador|operadora|encargad[oa]|alguien|recepcion|recepcionista|dueno|duena|peluquer[oa]|doctor|doctora|gente)|persona real|(?:con |a )?(?:un|una) humano|humano por favor|agente humano|operador|atencion al cliente|(?:talk|speak|chat) (?:to|with) (?:a |an |the |)(?:real |actual |live )?(?:person|human|agent|someone|somebody|representative|staff|owner|manager|receptionist)|real person|actual person|a human|live agent|human(?: please)?|representative|pasame con|me pasas con|me pasan con|me comunicas con|me comunica con|quiero hablar con|puedo hablar con|llamenme|call me|que me llame|que me llamen)\b/;
const CANCEL =
  /\b(?:cancel\w*|anul\w*|no (?:voy a|podre|puedo|podemos|vamos a) (?:poder )?(?:ir|asistir)\b(?! el| a las| la)|borra\w* (?:la|mi) (?:cita|reserva|turno)|call (?:it )?off|cannot make it|wont make it|will not make it|can not make it|cant make it|drop my (?:appointment|booking)|no (?:voy a |)(?:poder )?ir$)/;
const RESCHEDULE =
  /\b(?:cambiar\w*|cambio de (?:hora|dia|fecha|turno|cita)|cambiame|cambiamela|cambias|cambiais|cambian|cambiarla|cambiarlo|cambia(?:r)? (?:mi|la|el) (?:cita|turno|hora|reserva|dia)|mover|moverla|moverlo|correr(?:la|lo)?|muev[ae]\w*|reprogram\w*|reagend\w*|reschedul\w*|pospon\w*|aplaz\w*|atras\w*|adelant\w*|pasar(?:la|lo|me)? (?:para|a|al)|(?:la|lo) paso (?:para|a|al)|change (?:my|the|it|our) ?(?:appointment|booking|time|date|slot|reservation)?|move (?:it|my|the|our|me|us)|postpone|push (?:it |my appointment |the appointment )?back|bring (?:it )?forward|different (?:day|time|date)|otro dia en vez|en lugar de)\b/;
const BOOK =
  /\b(?:reserv\w*|agend\w*|cita|citas|turno|turnos|hueco|huecos|disponib\w*|tenes|tienes|tiene|tienen|teneis|hay (?:lugar|sitio|hueco|turno|hora|algo|disponibilidad|espacio)|lugar|quiero (?:ir|pasar|una|un|1|pedir|sacar)|quisiera|queria|me gustaria|me das|me da|me dan|me puedes dar|me podes dar|me podrias dar|me anotas|anotame|apuntame|me apuntas|pedir|sacar|book\w*|appointment|appointments|avail\w*|slots?|openings?|schedule (?:me|an|a)|come in|get in|can i (?:come|get|have)|do you have|is there|are there|any (?:time|slot|space|room|opening)|haircut|corte|sesion|consulta|want to come|like to come|free (?:on|at|tomorrow|today|this|next)|fit me in|libre)\b/;
const CONFIRM_START =
  /^(?:si|si si|esta bien|ta bien|todo bien|claro|claro que si|vale|ok|ok ok|dale|de una|perfecto|perfect|listo|de acuerdo|confirmo|confirmar|confirmado|confirm|confirmed|yes|yes please|sure|sounds good|great|genial|bueno|buenisimo|va|sale|orale|correcto|exacto|eso|asi es|me sirve|me va bien|me viene bien|me queda bien|esa|ese|esa me sirve|that works|works for me|that one|fine|alright|all right|excellent|excelente|of course|por supuesto|seguro|afirmativo|joya|barbaro|buenisimo|de lujo|super|ya esta|hecho|done|go ahead|adelante|book it|reservala|reservalo|agendala|agendalo)\b/;
const DECLINE =
  /^(?:no|no no|mejor otro dia|no gracias|no thanks|no thank you|mejor no|no me sirve|no me va|no me viene|no me queda|no puedo|otra hora|otro horario|otra|otro|other time|another time|another|none|ninguna|ninguno|neither|not that|doesnt work|does not work|that doesnt work|that does not work|wont work|no way|paso|nah|ninguna me sirve|none of those|not really|no esa no)\b|\b(?:no me (?:sirve|va bien|viene bien|queda bien|cuadra)|otra hora|otro horario|otras horas|other times?|doesnt work for me|does not work for me|not good for me|can ?not (?:do|make) (?:that|it)|cannot at that time)\b/;
const HELP =
  /\b(?:ayuda|help|como funciona|que (?:puedo|puedes|podes|se puede) hacer|que haces|menu|opciones|options|como (?:hago|se hace|uso)|how does (?:this|it) work|what can you do|instrucciones|no entiendo|i dont understand|do not understand|how do i|what do i do)\b|^(?:info|informacion|\?+)$/;
const THANKS =
  /\b(?:gracias|muchas gracias|mil gracias|thanks|thank you|cheers|te agradezco|le agradezco|agradecid[oa]|appreciate it|much appreciated|genio|crack)\b/;
const GREETING =
  /^(?:hola|holi|buenas|buenos dias|buen dia|buenas tardes|buenas noches|hey|hi|hello|hello there|good morning|good afternoon|good evening|que tal|saludos|alo|hey there|yo|que onda|hola buenas|ey)\b/;

export interface IntentGuess {
  intent: Intent;
  confidence: number;
}

/** Which intent a message has. `hasWhen`: a time expression was found (asking for a time counts as book). */
export function classifyIntent(t: string, raw: string, hasWhen: boolean): IntentGuess {
  if (t === '') return /👍|✅|👌|🙌/.test(raw) ? { intent: 'confirm', confidence: 0.8 } : /🙏/.test(raw) ? { intent: 'thanks', confidence: 0.7 } : { intent: 'unknown', confidence: 0.1 };
  if (OPT_OUT.test(t)) return { intent: 'opt_out', confidence: 0.95 };
  if (HUMAN.test(t)) return { intent: 'human', confidence: 0.9 };
  const cancel = CANCEL.test(t);
  const resched = RESCHEDULE.test(t);
  if (resched) return { intent: 'reschedule', confidence: cancel ? 0.75 : 0.9 };
  if (cancel) {
    // "no puedo ir el martes, ¿mejor el jueves?" moves the booking rather than dropping it
    if (hasWhen && /\b(?:mejor|instead|en vez|prefiero|puede ser|could we|can we|otro dia|another day)\b/.test(t)) return { intent: 'reschedule', confidence: 0.7 };
    return { intent: 'cancel', confidence: 0.9 };
  }
  const words = t.split(' ').length;
  const book = BOOK.test(t);
  const confirmStart = CONFIRM_START.test(t);
  if (/\b(?:confirmo|confirm(?:ed)?|confirmar|confirmado)\b/.test(t) && !/\?|\bcan i\b|\bpuedo\b/.test(raw + ' ' + t)) return { intent: 'confirm', confidence: 0.9 };
  if (/\b(?:no entiendo|no entendi|i dont understand|i do not understand)\b/.test(t)) return { intent: 'help', confidence: 0.8 };
  const decline = DECLINE.test(t);
  if (decline && !(book && words > 4 && !/^no\b/.test(t))) return { intent: 'decline', confidence: /^no$/.test(t) ? 0.9 : 0.8 };
  if (confirmStart && (!book || words <= 3)) return { intent: 'confirm', confidence: words <= 3 ? 0.9 : 0.75 };
  if (book) return { intent: 'book', confidence: 0.85 };
  if (HELP.test(t)) return { intent: 'help', confidence: 0.85 };
  if (hasWhen) return { intent: 'book', confidence: 0.7 };
  if (THANKS.test(t) || /🙏/.test(raw)) return { intent: 'thanks', confidence: 0.9 };
  if (GREETING.test(t)) return { intent: 'greeting', confidence: 0.9 };
  if (/👍|✅|👌/.test(raw)) return { intent: 'confirm', confidence: 0.8 };
  return { intent: 'unknown', confidence: 0.2 };
}
