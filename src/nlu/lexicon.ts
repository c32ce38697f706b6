/**
 * The phrases each intent, question topic and move is recognised by, in Spanish (Spain, Mexico,
 * Argentina, Colombia), English and Portuguese, on cleaned text (normalize.clean: lower case, no
 * accents, "¿" and punctuation out). `word*` matches any ending. Compiled once in intent.ts.
 * To add a phrasing, add it to the right list; tests in test/nlu/intents.test.ts read like these.
 */
import { expand, list } from './phrases.js';

/**
 * Imperatives of an -ar verb with its clitics, as cleaned text: tú / vos "confirmala", "confirmamela",
 * usted "confirmela", "confirmemela", ustedes "confirmenla", "confirmenmela", vosotros "confirmadla".
 */
export function imperatives(stems: readonly string[], persons = ['a', 'e', 'en', 'ad']): string[] {
  const objects = ['la', 'lo', 'las', 'los'];
  const out: string[] = [];
  for (const stem of stems)
    for (const person of persons)
      for (const me of ['', 'me', 'nos']) for (const o of objects) out.push(`${stem}${person}${me}${o}`);
  return out;
}

// ---------- opt-out / opt-in
export const OPT_OUT_WHOLE = list(`
  stop, stop all, baja, unsubscribe, parar, alto, end, quit, pare, sair, cancelar mensajes, stop please,
  baja por favor, descadastrar
`);
export const OPT_OUT = [
  ...expand(
    ['no'],
    ['quiero', 'deseo', 'quiere', 'quiero recibir', 'deseo recibir'],
    ['mas', 'ningun', 'ninguno', 'otro', 'otros'],
    ['mensaje*', 'notificacion*', 'recordatorio*', 'whatsapp*'],
  ),
  ...expand(['no quiero', 'no quiero recibir', 'no deseo recibir'], ['mensajes', 'notificaciones', 'recordatorios']),
  ...expand(['deja', 'dejen', 'deje', 'dejad', 'dejes'], ['de'], ['escribirme', 'enviarme', 'mandarme', 'molestarme']),
  ...expand(
    ['no me'],
    list(`
  escriban, escribas, escriba, escribais, manden, envien, mandes, mandeis, envieis, envies
`),
    ['mas'],
  ),
  ...list(`
  dar de baja, darme de baja, darse de baja, me doy de baja, dame de baja, denme de baja, dadme de baja,
  unsubscribe, stop messaging, stop texting, stop sending, stop writing, stop contacting
`),
  ...expand(['do not', 'dont'], ['message', 'text', 'contact', 'write'], ['me']),
  ...list(`
  no more messages, no more texts, no more reminders, opt out, optout, remove me from, borrenme de, sacame
  de la lista, sacadme de, sacame de, quitadme de la lista
`),
  ...expand(
    ['nao quero', 'nao quero mais', 'nao quero receber', 'nao quero mais receber'],
    ['mensage*', 'notificac*', 'lembrete*'],
  ),
  ...expand(['parem', 'para', 'pare'], ['de'], ['me mandar', 'mandar', 'me enviar', 'enviar', 'me escrever']),
  ...list(`
  nao me mandem mais, nao me enviem mais, sair da lista, me tire da lista, me tirem da lista, cancelar
  inscricao
`),
];
export const OPT_IN_WHOLE = list(`
  start, alta, unstop, subscribe, resubscribe, empezar, comecar, voltar, volver
`);
export const OPT_IN = list(`
  volver a recibir, quiero recibir mensajes, quiero recibir notificaciones, quiero recibir recordatorios,
  darme de alta, dar de alta, me doy de alta, dame de alta, reactivar mensajes, reactivar los mensajes,
  activar los mensajes, receive messages again, start messages again, start messaging me again, send me
  messages again, resume messages, opt in, optin, subscribe again, voltar a receber, quero receber
  mensagens, quero voltar a receber, reativar mensagens
`);

// ---------- privacy
export const DATA_NOUN = list(`
  datos, dato, data, dados, informacion personal, mi informacion, toda mi informacion, my information, my
  info, my details, personal information, informacao, informacoes, meu cadastro, mi cuenta, my account
`);
export const ERASE_VERB = list(`
  borra*, borre*, borrad, borren, elimin*, suprim*, delete*, erase, remove, wipe, apag*, exclu*, delet*,
  destru*, purge
`);
export const ERASE_WHOLE_PHRASES = list(`
  derecho al olvido, derecho de supresion, right to be forgotten, forget me, olvidaos de mi, olvidense de
  mi, direito ao esquecimento, esquecam meus dados, olvidadme, olvidame, olvidenme, forget about me, borrad
  todo sobre mi, borra todo sobre mi, borren todo sobre mi, delete everything about me, erase everything
  about me, apaga tudo sobre mim, apaguem tudo sobre mim, apague tudo sobre mim, esquecam de mim, me
  esquecam
`);
/**
 * "borra todo", "bórralo todo", "delete everything", "apaga tudo" (issue 9, session 3): erasure when
 * nothing else is going on; weak (confidence below 0.8) — in the middle of a booking it may mean
 * "scrap this", so src/engine/inputs.ts keeps it only outside a flow or inside the erase flow.
 */
export const ERASE_ALL = expand(
  [
    'borra*',
    'borre*',
    'borrad',
    'borren',
    'elimin*',
    'suprim*',
    'delete*',
    'erase',
    'wipe',
    'apag*',
    'exclu*',
    'remove',
  ],
  ['todo', 'tudo', 'everything', 'it all', 'all of it', 'all', 'toda', 'todito', 'absolutamente todo'],
);
export const ACCESS_CUE = list(`
  que datos, what data, which data, what personal data, what information, what info, what personal
  information, que informacion, que dados, quais dados, quais informacoes, que informacoes, que sabeis,
  que saben, que sabes, what do you know, o que voces sabem, cuales datos, que tipo de datos
`);
export const SELF = list(`
  de mi, sobre mi, about me, on me, de mim, sobre mim, mis datos, my data, meus dados, my personal data,
  mi informacion, my information, my info, mis datos personales, os meus dados
`);
export const ACCESS_DIRECT = [
  ...expand(
    ['acceso a', 'acceder a', 'ver', 'copia de', 'consultar', 'descargar'],
    ['mis datos', 'mis datos personales'],
  ),
  ...expand(
    ['access', 'access to', 'see', 'a copy of', 'copy of', 'download', 'export'],
    ['my data', 'my personal data'],
  ),
  ...expand(['acesso aos', 'ver os', 'ver', 'copia dos', 'consultar'], ['meus dados']),
];

// ---------- keep a booking as it is ("déjala como estaba": no move after all)
export const KEEP_AS_IS = list(`
  dejala como esta, dejala como estaba, dejalo como esta, dejalo como estaba, la dejo como esta,
  la dejo como estaba, lo dejo como esta, lo dejo como estaba, dejala asi, dejalo asi, mejor la dejo,
  mejor lo dejo, mejor dejarla, no la cambies, no lo cambies, no cambies nada, mantenla, mantenerla,
  mejor mantenerla, me quedo con la que tengo, me quedo con la cita que tengo, que se quede como esta,
  keep it as it is, keep it as it was, keep it as is, leave it as it is, leave it as it was, leave it as is,
  keep my appointment, keep my booking, keep the appointment, keep the original, keep the original time,
  dont change it, don t change it, do not change it, leave it,
  deixa como esta, deixa como estava, deixe como esta, deixe como estava, fica como esta, fica como estava,
  mantem o horario, manter o horario, mantenha o horario, nao muda nada, nao mude nada, deixa assim
`);

// ---------- hand-off and back
export const BOT_NOUN = list(`
  bot, chatbot, robot, asistente, assistant, assistente, automatico, automatic, robo
`);
export const RESUME_CUE = list(`
  segu*, sigo, sigamos, volv*, vuelv*, continu*, back, resume, again, otra vez, de nuevo, voltar, volta,
  retom*, reactiv*, reativ*, prefiero el, prefer the, con el bot esta bien, keep using, go on with
`);
export const HUMAN_NOUN = list(`
  persona, personas, humano, humana, agente, operador, operadora, encargado, encargada, alguien,
  recepcion, recepcionista, dueno, duena, peluquero, peluquera, doctor, doctora, gente, asesor, asesora,
  empleado, empleada, equipo, gerente, responsable, person, human, agent, someone, somebody,
  representative, staff, owner, manager, receptionist, operator, team, anyone, pessoa, atendente, alguem,
  funcionario, funcionaria, equipe, dona, dono
`);
export const HUMAN_VERB = [
  ...expand(
    ['me', 'nos'],
    [
      'pasas',
      'pasais',
      'pasan',
      'pasa',
      'pase',
      'pasen',
      'puedes pasar',
      'podes pasar',
      'podeis pasar',
      'pueden pasar',
      'podrias pasar',
      'podria pasar',
      'podrian pasar',
    ],
    ['con'],
  ),
  'pasadme con',
  'pasenme con',
  ...list(`
  hablar con, hable con, hablo con, hablar a, pasame con, me pasas con, me pasan con, me pase con, paseme
  con, me comunicas con, me comunica con, comunicarme con, me atienda, me atiende, atendido por, atendida
  por, que me atienda, talk to, talk with, speak to, speak with, chat with, chat to, put me through to,
  connect me with, connect me to, transfer me to, falar com, fala com, falo com, me passa para, me passe
  para, ser atendido por, ser atendida por, comunicar con, comunicarnos con, ponerme en contacto con,
  contactar con, get me to, get in touch with, entrar em contato com
`),
];
export const HUMAN = list(`
  persona real, persona de verdad, un humano, una humana, humano por favor, agente humano, operador,
  atencion al cliente, atencion personal, real person, actual person, a human, live agent, human, human
  please, representative, call me, llamenme, llamame, que me llame, que me llamen, me pueden llamar,
  podeis llamarme, pueden llamarme, atendimento humano, atendente, pessoa de verdade, pessoa real, me
  liguem, me ligue, ligar para mim, ser humano, agent, agente, alguem pra falar, alguem para falar, alguem ai
  pra falar, alguem ai para falar, alguien ahi para hablar, alguien
  con quien hablar, alguien para hablar, someone to talk to, someone i can talk to, somebody to talk to
`);

// ---------- booking changes
/** "darme de baja de la cita": the booking, not the messages (checked before opting out). */
export const CANCEL_BAJA = expand(
  ['dar de baja', 'darme de baja', 'dame de baja', 'me doy de baja', 'dadme de baja', 'denme de baja'],
  ['de la', 'de mi', 'del', 'de mis', 'de las'],
  ['cita', 'citas', 'turno', 'turnos', 'reserva', 'reservas', 'consulta'],
);
export const CANCEL = [
  ...list(`
  cancel*, anul*, desisto, desistir, desisti, desmarc*, call off, call it off, scrap the appointment, scrap
  my appointment, scrap my booking, scrap the booking, cannot make it, wont make
  it, will not make it, can not make it, not be able to make it, cannot come anymore, can no longer come,
  not coming anymore, will not be coming, wont be coming, ya no puedo ir, ya no voy a ir, ya no podre ir,
  drop my appointment, drop my booking, no
  longer need, dont need the appointment, do not need the appointment
`),
  ...expand(
    list(`
  borra, borrar, borrame, borrad, borre, elimina, eliminar, quita, quitar
`),
    ['la', 'mi'],
    ['cita', 'reserva', 'turno'],
  ),
  ...expand(
    ['ya no', 'no'],
    ['necesito', 'quiero', 'hace falta'],
    ['la cita', 'el turno', 'la reserva', 'mi cita', 'mi turno', 'la hora', 'la consulta'],
  ),
  ...list(`
  ya no la necesito, ya no lo necesito, ya no la quiero, ya no hace falta, ya no voy a ir, ya no voy, no
  voy a ir, nao vou poder ir, nao vou poder comparecer, nao poderei ir, nao vou conseguir ir, nao posso
  ir, nao vou mais, nao preciso mais, nao vou
`),
];
/** "no voy a poder ir" counts only when not followed by a day ("no puedo ir el martes" may be a move). */
export const CANNOT_GO = expand(
  ['no'],
  ['voy a', 'podre', 'puedo', 'podemos', 'vamos a'],
  ['', 'poder'],
  ['ir', 'asistir'],
);
/** Whole-message "drop it": abandons what is in progress; low confidence. */
export const DROP_IT = list(`
  dejalo, olvidalo, forget it, never mind, nevermind, esquece, deixa pra la, deixa, dejalo estar, dejalo
  asi, mejor dejalo, olvidate, ya no, leave it, skip it, forget about it, deixa para la, esquece isso
`);
export const RESCHEDULE = [
  ...list(`
  cambiar*, cambiame, cambiamela, cambiamelo, cambias, cambiais, cambian, cambie, cambien
`),
  ...expand(['cambio de'], ['hora', 'dia', 'fecha', 'turno', 'cita']),
  ...expand(['cambia', 'cambiar'], ['mi', 'la', 'el'], ['cita', 'turno', 'hora', 'reserva', 'dia']),
  ...list(`
  mover, moverla, moverlo, muev*, muev, correr, correrla, correrlo, recorrer, recorrerla, recorrerlo,
  recorre, reprogram*, reagend*, reschedul*, pospon*, aplaz*, atras*, adelant*, modific*, remarc*, adiar,
  adia, antecipar, postpone, retras*, cambial*, pasala, pasalo, pasadla, pasadlo, pasamela, pasamelo,
  adiant*
`),
  // "cámbiela", "cámbiemela", "cambiámela", "pásemela" (new-user run: usted imperatives were missed)
  ...imperatives(['cambi']),
  ...imperatives(['pas']).filter((w) => /(?:me|nos)l[ao]s?$/.test(w)),
  // Portuguese "passa pra quinta", "muda pra sexta", "troca pro dia 3"
  ...expand(['passa', 'passar', 'passe', 'muda', 'mudar', 'mude', 'troca', 'trocar', 'troque'], ['pra', 'para', 'pro']),
  ...expand(['pasar', 'pasarla', 'pasarlo', 'pasarme'], ['para', 'a', 'al']),
  ...expand(
    ['la', 'lo'],
    ['paso', 'pasas', 'pasamos', 'podemos pasar', 'puedes pasar', 'puede pasar'],
    ['para', 'a', 'al'],
  ),
  ...expand(
    ['pasame', 'pasa', 'pasad', 'pasen', 'pasar', 'paseme', 'pasamela', 'pasamelo'],
    ['la cita', 'el turno', 'la reserva', 'mi cita', 'mi turno', 'mi reserva'],
    ['para', 'a', 'al'],
  ),
  ...expand(
    ['change'],
    ['my', 'the', 'it', 'our'],
    ['', 'appointment', 'booking', 'time', 'date', 'slot', 'reservation'],
  ),
  ...expand(['move'], ['it', 'my', 'the', 'our', 'me', 'us', 'an', 'a', 'one', 'one of my', 'one of the']),
  ...expand(['push'], ['it', 'my appointment', 'the appointment', 'my booking', ''], ['back', 'to', 'forward']),
  ...list(`
  bring it forward, bring forward, different day, different time, different date, otro dia en vez, en
  lugar de, do it another day, make it another day, do it on another day, hacerlo otro dia, dejarlo para
  otro dia, pasarlo a otro dia, move it to another day
`),
  ...expand(
    ['lo', 'la'],
    ['podemos', 'puedo', 'podriamos', 'puedes', 'podes', 'podeis', 'pueden', 'podria'],
    ['hacer', 'dejar', 'pasar', 'mover'],
    ['otro dia', 'para otro dia', 'en otro dia'],
  ),
  ...expand(
    ['can we', 'could we', 'can i', 'could i', 'lets'],
    ['do it', 'make it', 'have it'],
    ['another day', 'some other day'],
  ),
  ...expand(
    ['mudar', 'muda', 'trocar', 'troca', 'alterar', 'altera'],
    ['o', 'a', 'meu', 'minha', 'de', 'o meu', 'a minha'],
    ['horario', 'consulta', 'data', 'dia', 'hora', 'agendamento', 'marcacao'],
  ),
  'mudar para',
  'passar para',
  'passa para',
  'trocar para',
];
/** "no puedo ir el martes, ¿mejor el jueves?": a cancel phrasing with a new time and one of these moves it. */
/** "something came up": with a new time, the booking is being moved. */
export const CAME_UP = list(`
  something came up, something has come up, something came up and, surgio algo, me surgio algo, ha surgido
  algo, me ha surgido, surgiu um imprevisto, surgiu algo, tive um imprevisto, tuve un imprevisto, un
  imprevisto, um imprevisto, an emergency came up
`);
export const INSTEAD = list(`
  mejor, instead, en vez, prefiero, puede ser, could we, can we, otro dia, another day, em vez, melhor,
  prefiro, pode ser
`);

// ---------- my appointments
export const MY_BOOKING_NOUN = expand(
  ['mis', 'mi', 'my', 'meu', 'minha', 'meus', 'minhas', 'o meu', 'a minha', 'os meus'],
  ['', 'proxima', 'proximo', 'proximas', 'proximos', 'next', 'upcoming'],
  list(`
  cita, citas, reserva, reservas, turno, turnos, appointment, appointments, booking, bookings,
  reservation, reservations, horario, horarios, consulta, consultas, agendamento, agendamentos, marcacao,
  marcacoes, sesion, session
`),
);
export const MY_BOOKING_QUERY = list(`
  que, cuando, cual, cuales, a que hora, a que horas, what, when, whens, which, quando, qual, quais, que
  horas, ver, see, show, list, check, tengo, have, tenho, recordar, recuerdame, remind, dime, decime, tell
  me, mostrar, muestrame, consultar, revisar, lembrar, mostra, era, whats, what s, what is, when is
`);
/** Verbs of looking that make a possessive booking noun a request to see them ("quiero ver mis reservas"). */
export const MY_BOOKING_VIEW = list(`
  ver, see, show, list, check, consultar, mostrar, muestrame, mostrame, recuerda*, recuerde*, remind,
  recordar, lembr*, mostra, revisar, view, ver as, ver os
`);
export const MY_BOOKINGS = [
  ...expand(
    ['que', 'cuantas', 'cuantos', 'cuales'],
    ['citas', 'turnos', 'reservas', 'dias', 'hora', 'horas', 'consultas'],
    list(`
  tengo, tenemos, me quedan, tengo reservad*, tengo pedid*, tengo agendad*
`),
  ),
  ...expand(
    ['tengo', 'tenemos', 'tenia'],
    ['', 'alguna', 'una', 'algun', 'un'],
    ['cita', 'turno', 'reserva', 'consulta', 'hora'],
  ),
  ...list(`
  tengo algo reservado, tengo algo agendado, tengo algo pedido, tengo algo para
`),
  ...expand(
    ['what', 'which', 'how many'],
    ['appointments', 'bookings', 'reservations'],
    ['do i have', 'have i got', 'i have'],
  ),
  ...expand(['do i have', 'have i got', 'is there'], ['an', 'any', 'a'], ['appointment', 'booking', 'reservation']),
  ...expand(['when is', 'whens', 'when s', 'what time is'], ['my']),
  ...expand(
    ['horario', 'hora', 'dia', 'cita', 'turno', 'time', 'day', 'appointment'],
    ['que', 'que eu', 'i', 'did i'],
    list(`marquei, agendei, reserve, pedi, agende, reservei, booked, book, made`),
  ),
  ...list(`
  when am i booked, am i booked, what am i booked, when am i coming in, when do i come in, when do i have to
  come, para cuando tengo, cuando me toca, quando e que eu tenho, quando tenho
`),
  ...expand(['que', 'quais'], ['consultas', 'horarios', 'agendamentos'], ['eu tenho', 'tenho']),
  ...expand(
    ['tenho'],
    ['', 'alguma', 'algum', 'uma', 'um'],
    ['consulta', 'horario', 'reserva', 'agendamento', 'hora marcada'],
  ),
  ...expand(
    ['cuando', 'a que hora'],
    ['tengo', 'es', 'era', 'seria', 'queda', 'quedo'],
    ['la', 'mi', 'el'],
    ['cita', 'turno', 'reserva', 'consulta'],
  ),
  ...list(`
  do i have anything booked, have i got anything booked, anything booked for me, tengo algo reservado
`),
  ...expand(['quando e', 'qual e', 'que horas e'], ['o meu', 'a minha', 'meu', 'minha']),
];

// ---------- business questions
export const TOPICS = {
  cancellation_policy: [
    // "what if I need to cancel?", "e se eu precisar cancelar?", "¿y si tengo que cancelar?"
    ...expand(
      ['what if i', 'what happens if i', 'and if i', 'e se eu', 'e se', 'y si', 'que pasa si', 'y si me'],
      ['need to', 'have to', '', 'precisar', 'tiver que', 'tiver de', 'tengo que', 'necesito', 'hace falta'],
      ['cancel*', 'desmarcar', 'anular'],
    ),
    ...list(`
  politica de cancelacion, politica de anulacion, politicas de cancelacion, si cancelo, si anulo, si no me
  presento, si no llego, si falto, cobrais si, cobran si, cobras si, penalizacion, penalidad, cargo por
  cancel*, cuesta cancelar, cobran por cancelar, cobrais por cancelar, con cuanta antelacion, cancellation
  policy, cancelation policy, cancellation fee, cancel fee, if i cancel, if i dont show, if i do not show,
  no show fee, late cancel*, charge for cancel*, how far in advance, se eu cancelar, se eu desmarcar, se
  eu faltar, politica de cancelamento, taxa de cancelamento, multa, cobram se
`),
  ],
  price: [
    ...list(`
  cuanto cuesta, cuanto cuestan, cuanto vale, cuanto valen, cuanto sale, cuanto salen, cuanto me sale,
  cuanto me cuesta, cuanto me cobras, cuanto cobras, cuanto cobrais, cuanto cobran, cuanto cobra, cuanto
  es, cuanto seria
`),
    ...expand(['cuanto'], ['me', 'nos'], ['cobran', 'cobras', 'cobrais', 'cobra', 'cobrarian', 'sale']),
    ...list(`
  cuanto saldria, que precio, precio, precios, tarifa, tarifas, coste, costo, costos, how much, price,
  prices, pricing, cost, costs, rates, quanto custa, quanto custam, quanto e, quanto fica, quanto sai,
  quanto cobram, quanto cobra, preco, precos, valor, valores, what do you charge, what do you charge for,
  do you charge, how much do you charge, what are your rates, fee, fees
`),
  ],
  address: list(`
  donde estais, donde estan, donde esta, donde estas, donde queda, donde quedan, donde se ubican, donde se
  encuentran, donde os encuentro, donde los encuentro, donde los ubico, direccion, ubicacion, como llego,
  como llegar, como se llega, where are you, where is, wheres, where s, address, location, located, how do
  i get there, how to get there, directions, onde fica, onde ficam, onde voces estao, onde voces ficam,
  onde e, onde esta, endereco, localizacao, como chego, como chegar, mapa, map, google maps, en que calle,
  que calle
`),
  parking: list(`
  parking, aparcar, aparcamiento, estacionamiento, estacionar, parquear, parqueadero, parqueo, cochera,
  park, car park, parking lot, estacionamento, onde estacionar, dejar el coche, dejar el carro, deixar o
  carro, aparco, aparcais, aparcan, aparca, aparque, donde dejo el coche, where do i park, where can i park
`),
  services: list(`
  que servicios, servicios, que tratamientos, tratamientos, que haceis, que hacen, que
  ofreceis, que ofrecen, que ofreces, que ofrece, que manejan, carta de servicios, what services,
  services, what do you offer, what do you do, what treatments, treatments, quais servicos,
  que servicos, servicos, o que voces fazem, quais tratamentos, tratamentos, cuanto dura, cuanto tarda,
  cuanto tiempo dura, cuanto tiempo tarda, duracion, how long does, how long is, how long will, duration,
  quanto tempo dura, quanto tempo demora, quanto dura, duracao
`),
  payment: list(`
  tarjeta, tarjetas, efectivo, bizum, pagar con, pago con, pagar en, forma de pago, formas de pago,
  american express, amex, visa, mastercard, maestro, contactless, apple pay, google pay,
  metodos de pago, metodo de pago, medios de pago, transferencia, mercado pago, mercadopago, nequi,
  daviplata, paypal, card, cards, cash, pay by, pay with, pay in, payment, payments, credit card, debit,
  apple pay, google pay, cartao, cartoes, dinheiro, pix, boleto, forma de pagamento, formas de pagamento,
  pagamento, pagar com, pagar no, pagar en efectivo, datafono
`),
} as const;
/**
 * Questions ABOUT cancelling or moving (new-user run: "¿me cobran algo por cancelar?", "¿se puede
 * cambiar la cita luego?", "posso cancelar depois?" were read as requests). An act of cancelling or
 * moving, plus a charge near it, a deadline, or "later / if needed" in a question: see intent.ts.
 */
export const POLICY_ACT = list(`
  cancel*, anul*, desmarc*, desist*, cambiar*, cambiarl*, cambio de, reprogram*, reagend*, reschedul*,
  remarc*, mover*, modific*, change, changing, move, moving, mudar*, alterar*, trocar*, pasarla, pasarlo
`);
export const POLICY_CHARGE = list(`
  cobr*, cargo, costo, coste, cuesta, cuestan, cost, costs, fee, fees, charge, charged, charges, multa,
  multas, taxa, taxas, penaliz*, penalidad, pagar, pago, pay, paid, custa, custo, gratis, gratuito,
  gratuita, de graca, for free, free of charge
`);
export const POLICY_DEADLINE = list(`
  hasta cuando, hasta que hora, hasta que dia, con cuanto tiempo, cuanto tiempo antes, con cuantas horas,
  how late, until when, till when, how long before, how much notice, how far ahead, how far in advance, ate
  quando, ate que horas, com quanto tempo, com quanta antecedencia, quanto tempo antes, com quantas horas
`);
/** "later / if needed": with a move it must not be the move's target ("¿la pasamos a después?"). */
export const POLICY_LATER = list(`
  luego, despues, mas adelante, later on, afterwards, in the future, depois, mais pra frente, mais para
  frente, mais adiante, si hace falta, si lo necesito, si necesito, si me surge, si surge, si es necesario,
  en caso de, if i need, if needed, if necessary, if something comes up, se precisar, caso precise, se for
  preciso, se surgir, se eu precisar
`);
/** "later" that is a cancellation's time only (a move "later" is a move): "can I cancel later?". */
export const POLICY_LATER_CANCEL = list(`
  later, mas tarde, mais tarde
`);
/** "si al final no puedo ir, ¿qué pasa?": a hypothetical no-show in a question. */
export const POLICY_IF_CANNOT = [
  ...expand(
    ['si', 'y si', 'si luego', 'si al final', 'y si al final', 'si despues', 'y si luego'],
    ['no puedo', 'no pudiera', 'no llego a', 'no puedo ir', 'no voy', 'no puedo asistir'],
  ),
  ...expand(['if i', 'what if i', 'and if i'], ['cannot', 'can not', 'am not able to'], ['make it', 'come', 'go']),
  ...expand(['se eu', 'se', 'e se eu', 'caso eu'], ['nao puder', 'nao possa', 'nao conseguir'], ['', 'ir']),
];
/** Opening hours: strong phrasings; "horario" alone is weak (loses to a booking request). */
export const HOURS_STRONG = [
  ...expand(['a que hora', 'a que horas', 'cuando', 'que dias'], ['abr*', 'cerr*', 'cierr*']),
  ...list(`
  abris, abren, abre, abrimos, cerrais, cierran, cierra, estais abiertos, estan abiertos, esta abierto,
  abierto, abiertos, horario de apertura, horario de atencion, horario comercial, horarios de atencion,
  hora de apertura, hora de cierre, are you open, you open, do you open, you close, do you close, open on,
  open today, open tomorrow, opening hours, opening times, closing time, business hours, hours of
  operation, what are your hours, your hours, que horas abre*, que horas fecha*, abrem, fecham, abre que
  horas, horario de funcionamento, horario de atendimento, esta aberto, estao abertos, voces abrem,
  funcionam
`),
];
/** "horario?" alone asks for the opening hours. */
export const HOURS_WHOLE = list(`
  horario, horarios, el horario, horario de apertura, hours, opening, horas de abertura, horario de abertura
`);
export const HOURS_WEAK = [
  ...expand(
    ['que', 'cual es el', 'cual es vuestro', 'cual es su', 'qual o', 'qual e o', 'qual'],
    ['horario', 'horarios'],
  ),
  ...list(`
  vuestro horario, su horario, tu horario, el horario, os horarios, o horario, what hours, what time
`),
];
/** A discount or offer question is 'other' even when it mentions a service or a price. */
export const TOPIC_OTHER = list(`
  descuento*, discount*, promo*, oferta*, desconto*, gift card*, tarjeta* regalo, bono*, vale regalo,
  voucher*
`);
/** Words that open a question (cleaned). */
export const QUESTION_START = list(`
  que, como, cuando, donde, por que, porque, cual, cuales, quien, cuanto, cuanta, hay, haceis, hacen,
  haces, tienen, teneis, tienes, tenes, puedo, se puede, aceptais, aceptan, trabajais, trabajan, atendeis,
  atienden, do you, can i, is there, are there, how, what, where, why, who, which, whats, is it, are you,
  does, do, can you, could you, o que, onde, quem, qual, quais, quanto, tem, voces, vcs, fazem, posso,
  pode, aceitam, e possivel, es posible
`);

// ---------- details
export const NAME_INTRO = list(`
  me llamo, mi nombre es, mi nombre, el nombre es, nombre, a nombre de, my name is, my name s, my names,
  name is, name, me chamo, meu nome e, o meu nome e, meu nome, nome, en nombre de, in the name of, under
  the name, put it under
`);
export const DETAIL_CHANGE = expand(
  list(`
  cambia, cambiar, cambiad, cambien, actualiza, actualizar, corrige, corregir, change, update, correct,
  fix, muda, mudar, altera, alterar, atualiza, atualizar, corrija, corrigir
`),
  ['mi', 'my', 'o meu', 'meu', 'el', 'the', 'o'],
  ['nombre', 'correo', 'email', 'mail', 'e mail', 'name', 'nome'],
);

// ---------- yes, no, help, courtesy
export const CONFIRM_START = list(`
  si, si si, esta bien, ta bien, todo bien, claro, claro que si, vale, ok, ok ok, dale, de una, perfecto,
  perfect, listo, de acuerdo, confirmo, confirmar, confirmado, confirm, confirmed, yes, yes please, sure,
  sounds good, great, genial, bueno, buenisimo, va, sale, orale, correcto, exacto, eso, asi es, me sirve,
  me va bien, me viene bien, me queda bien, esa, ese, esa me sirve, that works, works for me, that one,
  fine, alright, all right, excellent, excelente, of course, por supuesto, seguro, afirmativo, joya,
  barbaro, de lujo, super, ya esta, hecho, done, go ahead, adelante, book it, reservala, reservalo,
  agendala, agendalo, sim, sim sim, beleza, blz, fechado, combinado, perfeito, otimo, certo, isso, isso
  mesmo, com certeza, pode marcar, ta bom, ta otimo, tudo certo, confirma, pode confirmar, bora, hagale,
  hagale pues, absolutely, definitely, sure thing, go for it, fechou, show de bola, show pode ser
`);
export const CONFIRM_WHOLE = list(`
  pode ser, pode, puede ser, claro que sim, por mi bien, me parece bien, sounds great, pode sim, pode ser sim
`);
export const CONFIRM_WORD = [
  ...list(`
  confirmo, confirm, confirmed, confirmar, confirmado, confirmada, confirma
`),
  // "confírmela", "confírmemela", "confirmámela", "confírmenmela" (tú / vos / usted / ustedes)
  ...imperatives(['confirm']),
];
/** "book it", "resérvala", "resérvemela", "agéndela": yes to what is on the table (without a new time of its own). */
export const CONFIRM_IT = [
  ...list(`
  book it, go ahead
`),
  ...imperatives(['reserv', 'agend', 'anot', 'apunt']),
];
/** "confirmo el cambio al miércoles": confirming a move; with a time it is the move to that time. */
export const CONFIRM_CHANGE = expand(
  ['confirm*'],
  ['el', 'la', 'the', 'a', 'o', 'mi', 'my', 'este', 'esse', 'this', 'that'],
  list(`
  cambio, change, move, mudanca, troca, alteracao, modificacion, reprogramacion, reschedule, nueva hora,
  nuevo horario, new time, novo horario, nova data, nueva fecha, new date
`),
);
export const DECLINE_START = list(`
  no, no no, mejor otro dia, no gracias, no thanks, no thank you, mejor no, no me sirve, no me va, no me
  viene, no me queda, no puedo, otra hora, otro horario, otra, otro, other time, another time, another,
  none, ninguna, ninguno, neither, not that, doesnt work, does not work, that doesnt work, that does not
  work, wont work, no way, paso, nah, ninguna me sirve, none of those, not really, no esa no, nao, nao
  nao, nao obrigado, nao obrigada, nao posso, nao da, nao serve, nao me serve, nenhum, nenhuma, outro
  horario, outra hora, outro, outra, melhor nao
`);
export const DECLINE = list(`
  no me sirve, no me va bien, no me viene bien, no me queda bien, no me cuadra, otra hora, otro horario,
  otras horas, other time, other times, doesnt work for me, does not work for me, not good for me, cannot
  do that, cannot make that, can not do that, can not make that, cannot at that time, nao me serve, nao da
  pra mim, nao consigo nesse, outro horario
`);
export const HELP = list(`
  ayuda, help, como funciona, que puedo hacer, que puedes hacer, que podes hacer, que se puede hacer, que
  haces, menu, opciones, options, como hago, como se hace, como uso, how does this work, how does it work,
  what can you do, instrucciones, no entiendo, i dont understand, do not understand, how do i, what do i
  do, ajuda, o que voce faz, o que posso fazer, nao entendi, nao entendo, opcoes
`);
export const HELP_WHOLE = ['info', 'informacion', 'informacao'];
export const NOT_UNDERSTOOD = list(`
  no entiendo, no entendi, i dont understand, i do not understand, nao entendi, nao entendo
`);
export const THANKS = list(`
  gracias, muchas gracias, mil gracias, thanks, thank you, cheers, te agradezco, le agradezco, agradecid*,
  appreciate it, much appreciated, genio, crack, obrigado, obrigada, obg, valeu, brigado, brigada, muito
  obrigado, muito obrigada, agradeco
`);
export const GREETING_START = list(`
  hola, holi, buenas, buenos dias, buen dia, buenas tardes, buenas noches, hey, hi, hello, hello there,
  good morning, good afternoon, good evening, que tal, saludos, alo, hey there, yo, que onda, hola buenas,
  ey, ola, oi, oie, bom dia, boa tarde, boa noite, tudo bem, tudo bom, e ai, opa, como estas, como esta,
  how are you
`);
/** Courtesy that may surround a question without being one ("hola, ¿qué tal?"). */
export const SMALL_TALK = list(`
  hola, buenas, buenos dias, buenas tardes, buenas noches, que tal, como estas, como esta, como andas,
  como va, hi, hello, hey, how are you, how is it going, ola, oi, bom dia, boa tarde, boa noite, tudo bem,
  tudo bom, como vai, todo bien, que onda
`);

// ---------- booking requests
export const BOOK = [
  ...list(`
  reserv*, agend*, cita, citas, turno, turnos, hueco, huecos, disponib*, disponiv*
`),
  ...expand(
    ['tenes', 'tienes', 'tiene', 'tienen', 'teneis', 'tendras', 'tendrias', 'tendria'],
    list(`
  algo, lugar, sitio, un rato, tiempo, espacio, cupo, un hueco, hueco, hora
`),
  ),
  ...expand(['hay'], ['lugar', 'sitio', 'hueco', 'turno', 'hora', 'algo', 'disponibilidad', 'espacio', 'cupo']),
  'lugar',
  'cupo',
  ...expand(['quiero'], ['ir', 'pasar', 'una', 'un', '1', 'pedir', 'sacar']),
  ...list(`
  quisiera, queria, me gustaria, me das, me da, me dan, me puedes dar, me podes dar, me podrias dar, me
  anotas, anotame, apuntame, me apuntas, pedir, sacar, book*, appointment, appointments, avail*, slot,
  slots, opening, openings, schedule me, schedule an, schedule a, come in, get in, can i come, can i get,
  can i have
`),
  ...expand(
    ['do you have', 'is there', 'are there', 'have you got'],
    list(`
  any, anything, something, time, space, room, availability, an opening, a slot, a free
`),
  ),
  ...list(`
  any time, any slot, any space, any room, any opening, haircut, corte, sesion, consulta, want to come,
  like to come, free on, free at, free tomorrow, free today, free this, free next, fit me in, libre, me
  regala, me regalas, marcar, marcacao, vaga, vagas, horario livre, livre, tem horario, tem algo, tem
  hora, quero ir, gostaria, encaixe, me encaixar, consegue, tem como
`),
];

/**
 * "can I come with my son?", "can I get there in a wheelchair?": a question about coming, not a
 * request for a time (BOOK holds "can i come" / "can i get"); without a time it is a question.
 */
export const ABOUT_COMING = list(`
  come with, bring, get there, get in with, ir con, venir con, llevar a, traer a, ir com, vir com, levar,
  trazer, entrar con, entrar com
`);

// ---------- moves on the table (see shift.ts)
export const SHIFT_LATER = list(`
  mas tarde, mas tardecito, un poco despues, algo despues, mas despues, later, any later, anything later,
  anything after, something after, mais pro fim do dia, mais para o fim do dia, mas al final del dia,
  something later, bit later, mais tarde, um pouco depois, mais pro final, mas al final, mas tardio
`);
export const SHIFT_EARLIER = list(`
  mas temprano, mas pronto, mas tempranito, algo antes, un poco antes, nada antes, mas antes, earlier,
  sooner, any earlier, anything earlier, mais cedo, um pouco antes, algo mais cedo, mais antes
`);
/** "antes" on its own counts as earlier in a short message ("¿puede ser antes?"), not in "antes de las 11". */
export const EARLIER_ALONE = ['antes', 'before that', 'antes disso'];
/** A whole message that is only "después" / "depois": later than what is on the table. */
export const LATER_WHOLE = ['despues', 'mas despues', 'depois', 'afterwards', 'after that', 'depois disso'];
export const SHIFT_ANOTHER_DAY = list(`
  otro dia, otra fecha, otro dia distinto, another day, different day, other day, some other day, another
  date, different date, outro dia, outra data, otra dia
`);
export const SHIFT_NEXT_WEEK = list(`
  semana que viene, proxima semana, semana proxima, siguiente semana, semana siguiente, next week,
  following week, week after, semana que vem, outra semana, otra semana
`);
export const SHIFT_MORE = list(`
  ver mas, mas opciones, otras opciones, mas horarios, mas horas, otros horarios, hay mas, tenes mas,
  tienes mas, teneis mas, tienen mas, algun otro, alguna otra, mas huecos, otros huecos, more options,
  more times, more slots, other options, show more, see more, more please, next page, any other times, any
  other time, mais
  opcoes, ver mais, outras opcoes, mais horarios, outros horarios, tem mais,
  mostrame mas, muestrame mas, ensename mas, mas resultados, show me more, more please, me mostra mais,
  mostra mais
`);
export const SHIFT_MORE_WHOLE = list(`
  mas, more, mais, otros, otras, others, outros, siguientes, los siguientes, las siguientes, otras horas,
  otros horarios, other times, outras horas
`);

/** A whole message that only acknowledges (see Understanding.ack); emoji alone count too. */
export const ACK_WHOLE = list(`
  ok, ok ok, okk, vale, vale vale, va, dale, listo, perfecto, perfect, genial, bien, muy bien, esta bien,
  entendido, entiendo, de acuerdo, bueno, buenisimo, claro, ya, ya veo, gracias, muchas gracias, ok gracias,
  vale gracias, perfecto gracias, genial gracias, listo gracias, dale gracias, bueno gracias, thanks, thank
  you, ok thanks, ok thank you, got it, cool, great, fine, noted, nice, alright, all right, sure, super,
  sim, ok obrigado, ok obrigada, obrigado, obrigada, ta bom, ta, beleza, certo, entendi, show, top, otimo,
  perfeito, valeu, joya, barbaro, sale, orale, okey dokey, kk, jaja, jajaja, haha, hahaha, kkk, kkkk, jeje
`);
