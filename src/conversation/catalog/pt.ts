/** Portuguese (Brazil), você. */
import type { DayRef } from '../dates.js';
import { cap, everyDay, listOf, nameOf, offsetUnit, runPieces, sortedOffsets, spansOf, type WeekNames } from './kit.js';
import type { Catalog, DateOpts, Grammar, OfferLead, Pick, RefusalReason } from './types.js';

const DAYS: WeekNames = ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'];
const EVERY: WeekNames = ['segundas', 'terças', 'quartas', 'quintas', 'sextas', 'sábados', 'domingos'];
/** "na quinta-feira" but "no sábado" / "no domingo". */
const article = (weekday: number) => (weekday >= 6 ? 'no' : 'na');
const everyArticle = (weekday: number) => (weekday >= 6 ? 'aos' : 'às');

function moment(r: DayRef, o: DateOpts): string {
  const core = `${r.rel ? `${r.relWord}, ` : ''}${r.day}${o.time ? ` às ${r.time}` : ''}`;
  return `${o.bold ? `*${core}*` : core}${o.time ? r.note : ''}`;
}
const spans = (list: Array<{ from: string; to: string }>) => spansOf('pt', list, (s) => `das ${s.from} às ${s.to}`);

export const PT_GRAMMAR: Grammar = {
  on: (r, o = {}) => (r.rel ? moment(r, o) : `${article(r.weekday)} ${moment(r, o)}`),
  of: (r, o = {}) => `de ${moment(r, o)}`,
  to: (r, o = {}) => `para ${moment(r, o)}`,
  span: (a, b, o = {}) => {
    const core = `${a.rel ? `${a.relWord}, ` : ''}${a.day}, ${a.time}–${b.time}`;
    return `${o.bold ? `*${core}*` : core}${a.note}`;
  },
  request: (r) =>
    r.kind === 'at'
      ? PT_GRAMMAR.on(r.at, { time: true })
      : r.kind === 'day'
        ? PT_GRAMMAR.on(r.day)
        : r.kind === 'before'
          ? `${PT_GRAMMAR.on(r.at)}, antes das ${r.at.time}`
          : r.kind === 'after'
            ? `${PT_GRAMMAR.on(r.at)}, depois das ${r.at.time}`
            : r.kind === 'week'
              ? 'nessa semana'
              : r.kind === 'month'
                ? 'nesse mês'
                : 'nessas datas',
  hours(groups) {
    if (everyDay(groups)) return `todos os dias ${spans(groups[0]?.spans ?? [])}`;
    return listOf(
      'pt',
      groups.map((g) => {
        const pieces = runPieces(g.runs);
        const words = pieces.map((p) =>
          'range' in p ? `de ${nameOf(DAYS, p.range[0])} a ${nameOf(DAYS, p.range[1])}` : nameOf(EVERY, p.day),
        );
        const first = pieces[0];
        const days =
          first && 'day' in first ? `${everyArticle(first.day)} ${listOf('pt', words)}` : listOf('pt', words);
        return `${days} ${spans(g.spans)}`;
      }),
    );
  },
  everyWeekday: (d) => `${everyArticle(d)} ${nameOf(EVERY, d)}`,
  reminders: (offsets) =>
    listOf(
      'pt',
      sortedOffsets(offsets).map((ms) => {
        const { unit, n } = offsetUnit(ms);
        if (unit === 'day') return n === 1 ? 'na véspera' : `${n} dias antes`;
        if (unit === 'hour') return n === 1 ? 'uma hora antes' : `${n} horas antes`;
        return `${n} minutos antes`;
      }),
    ),
  list: (items) => listOf('pt', items),
  length: (m) => `${m} min`,
  serviceLine: (p) => `• ${p.name}${p.price || p.length ? `: ${[p.price, p.length].filter(Boolean).join(', ')}` : ''}`,
  more: (n) => `…e mais ${n}.`,
  mapLink: (url) => `Mapa: ${url}`,
  where: (location) => `Onde: ${location}`,
  ratings: ['Muito ruim', 'Ruim', 'Normal', 'Bom', 'Excelente'],
  demoTitle: 'Agendamento de demonstração',
};

const g = PT_GRAMMAR;
const comma = (name: string) => (name ? `, ${name}` : '');

// issue 9/14 (session 3): a lead is a clause; `pickOne` ends the sentence (no colon before a new sentence).
const lead = (l: OfferLead, reschedule: boolean): string => {
  switch (l.kind) {
    case 'justTaken':
      return 'Ops, esse horário acabou de ser ocupado; veja os mais próximos';
    case 'timeTaken':
      return `O horário das ${l.time} já está ocupado; veja os mais próximos`;
    case 'free':
      return `Tenho estes horários livres ${g.request(l.request)}`;
    case 'widened':
      return `Nada livre ${g.request(l.request)}; veja os mais próximos`;
    case 'nearby':
      return 'Tenho outros horários livres perto desse';
    case 'first':
      return reschedule
        ? 'Para quando você quer mudar? Tenho estes primeiros horários livres'
        : 'Para quando você quer? Tenho estes primeiros horários livres';
    case 'nearest':
      return 'Estes são os horários livres mais próximos';
    case 'nothingLater':
      return `Não há nada depois das ${l.time} nesse dia; veja os próximos horários livres`;
    case 'nothingEarlier':
      return `Não há nada antes das ${l.time} nesse dia; veja os horários livres mais próximos`;
  }
};

const pickOne = (p: Pick): string =>
  p.how === 'buttons'
    ? ': qual fica bom para você? Também pode escrever outro dia ou hora.'
    : p.how === 'list'
      ? `. Toque em *${p.button}* e escolha um, ou escreva outro dia ou hora.`
      : '. Escreva qual fica bom, ou outro dia ou hora.';

const NOTE: Record<'miss' | 'media', string> = {
  miss: 'Desculpe, não entendi.',
  media: 'Desculpe, não consigo ouvir áudios nem ver imagens.',
};

const refused: Record<RefusalReason, string> = {
  too_soon: 'Esse horário está muito perto: é preciso agendar com mais antecedência. Escolha um horário mais adiante.',
  too_far: 'Ainda não aceitamos agendamentos para tão longe. Escolha uma data mais próxima.',
  in_past: 'Esse horário já passou. Escolha outro, por favor.',
  booker_limit: 'Você já tem o máximo de horários que o estabelecimento permite. Se quiser, mude ou cancele um deles.',
  invalid_phone: 'A agenda não aceita seu número de telefone para o agendamento.',
  missing_fields: 'O estabelecimento pede dados para o agendamento que não consigo coletar por aqui.',
};

export const PT: Catalog = {
  voice: 'pt',
  language: 'pt',
  labels: {
    confirm: 'Confirmar',
    otherTime: 'Outro horário',
    cancel: 'Cancelar',
    cancelBooking: 'Cancelar horário',
    book: 'Agendar',
    help: 'Ajuda',
    human: 'Falar com alguém',
    talkToPerson: 'Falar com uma pessoa',
    seeTimes: 'Ver horários',
    reschedule: 'Mudar horário',
    keep: 'Manter',
    bookAnother: 'Agendar outro',
    moveMine: 'Mudar o meu',
    yesCancel: 'Sim, cancelar',
    skip: 'Pular',
    myBookings: 'Meus horários',
    rate: 'Avaliar',
    options: 'Ver opções',
    resumeBot: 'Voltar ao robô',
    services: 'Ver serviços',
    // Issue 14.
    eraseYes: 'Sim, apagar',
    eraseAll: 'Cancelar e apagar',
    keepData: 'Não, manter',
    offersYes: 'Sim, quero ofertas',
    offersNo: 'Agora não',
    // Issue 16.
    offerNo: 'Agora não',
  },
  grammar: g,
  texts: {
    greeting: ({ name }) => `Olá${name ? ` ${name}` : ''} 👋 Sou o assistente de agendamentos. Como posso ajudar?`,
    help: () =>
      'Posso agendar, mudar ou cancelar seu horário, e dizer quando é o próximo. Escreva por exemplo "amanhã às ' +
      '10" ou escolha uma opção.',
    thanks: () => 'De nada! Estou aqui se precisar de algo.',
    acknowledged: () => 'Certo. Quando quiser, me escreva ou escolha uma opção.',
    human: () => 'Certo, pedi a alguém da equipe para escrever para você aqui assim que puder.',
    optedOut: () =>
      'Pronto: não vou mais enviar mensagens para você, nem lembretes dos seus horários. Se mudar de ideia, ' +
      'escreva START.',
    optedIn: () => 'Pronto: volto a enviar lembretes e avisos dos seus horários. Escreva STOP para parar.',
    mediaNotSupported: () =>
      'Desculpe, ainda não consigo ouvir áudios nem ver imagens. Escreva o que precisa, por exemplo "horário ' +
      'quinta às 10".',
    expiredOption: () => 'Essa opção expirou. Procuro os horários livres agora?',
    didntUnderstand: ({ misses, link }) =>
      misses >= 2
        ? link
          ? `Desculpe, ainda não entendi. Você também pode agendar direto aqui: ${link}`
          : 'Desculpe, ainda não entendi. Se quiser, passo você para alguém da equipe.'
        : 'Desculpe, não entendi. Você pode escrever por exemplo "quero um horário amanhã às 10", ou escolher uma ' +
          'opção.',
    offerSlots: ({ lead: l, pick, purpose, note }) =>
      `${note ? `${NOTE[note]} ` : ''}${lead(l, purpose === 'reschedule')}${pickOne(pick)}`,
    noOptions: ({ lead: l }) => {
      const first =
        l.kind === 'justTaken'
          ? 'Ops, esse horário acabou de ser ocupado e não vejo outros perto.'
          : l.kind === 'timeTaken'
            ? `O horário das ${l.time} já está ocupado e não vejo outros perto.`
            : l.kind === 'first'
              ? 'Não tenho horários livres nos próximos dias.'
              : `Nada livre ${g.request(l.request)}.`;
      return `${first} Escreva outro dia ou hora, ou fale com alguém da equipe.`;
    },
    noSlots: ({ request }) =>
      request
        ? `Não tenho horários livres ${g.request(request)}. Que outro dia fica bom?`
        : 'Não tenho horários livres nos próximos dias. Para qual data você quer?',
    anotherBooking: ({ have, on }) =>
      `Você já tem um horário ${have}. Quer agendar outro ${on} também, ou prefere mudar o seu para esse horário?`,
    nothingToConfirm: () => 'Não há nada pendente de confirmação com esse botão.',
    confirmSlot: ({ name, on }) => `${name ? `${name}, p` : 'P'}osso agendar ${on}. Confirmo?`,
    askName: ({ retry }) =>
      retry
        ? 'Desculpe, isso não parece um nome. Em nome de quem faço a reserva? Por exemplo: Ana Souza.'
        : 'Em nome de quem faço a reserva? Escreva nome e sobrenome.',
    askEmail: ({ retry }) =>
      retry
        ? 'Isso não parece um e-mail. Escreva assim: nome@exemplo.com'
        : 'Para confirmar a reserva preciso do seu e-mail. Qual é?',
    booked: ({ name, span, what, where, reminders }) =>
      `✅ Pronto${comma(name)}: *${span}* ` +
      `(${what}).${where ? `\n${where}\n` : ' '}${reminders ? `Vou lembrar você ${reminders}. ` : ''}Para mudar, ` +
      `escreva "mudar" ou "cancelar" quando quiser.`,
    bookingAbandoned: () => 'Certo, não agendo nada. Quando quiser, é só escrever.',
    calendarDown: () => 'Desculpe, não consigo acessar a agenda agora; escrevo para você assim que voltar.',
    noBookings: () => 'Você não tem nenhum horário marcado comigo. Quer agendar um?',
    chooseBooking: ({ purpose, count, pick }) => {
      const verb = purpose === 'reschedule' ? 'mudar' : 'cancelar';
      return pick.how === 'list'
        ? `Você tem ${count} horários. Toque em *${pick.button}* e escolha qual quer ${verb}.`
        : `Você tem ${count} horários. Qual quer ${verb}?`;
    },
    confirmReschedule: ({ from, to }) => `Mudo seu horário ${from} ${to}?`,
    rescheduled: ({ on, where, reminders }) =>
      `✅ Mudado: seu horário agora é ${on}.${where ? `\n${where}\n` : ' '}` +
      `${reminders ? `Vou lembrar você ${reminders}. ` : ''}Para mudar, escreva "mudar" ou "cancelar" quando quiser.`,
    confirmCancel: ({ of }) => `Cancelo seu horário ${of}?`,
    cancelled: ({ of }) => `Pronto, cancelei seu horário ${of}. Quer agendar outro?`,
    keptBooking: ({ of }) => (of ? `Perfeito, mantenho seu horário ${of}.` : 'Perfeito, não mudo nada.'),
    attendanceConfirmed: ({ name, on }) => `✅ Obrigado${comma(name)}: esperamos você ${on}.`,
    askRating: ({ of }) => `Como foi seu horário ${of}? Dê uma nota de 1 a 5.`,
    askComment: () => 'Obrigado! Quer contar algo mais? Escreva aqui.',
    feedbackThanks: () => 'Obrigado pela sua opinião, ela nos ajuda a melhorar.',
    myBookings: (p) => {
      if (p.kind === 'one') return `Você tem um horário: *${p.when}* (${p.what}). O que quer fazer com ele?`;
      const shown = p.shown < p.count ? ` Mostro os ${p.shown} mais próximos.` : '';
      const how =
        p.pick.how !== 'list'
          ? 'Diga qual quer confirmar, mudar ou cancelar.'
          : p.perBooking
            ? `Toque em *${p.pick.button}* para confirmar, mudar ou cancelar cada um.`
            : `Toque em *${p.pick.button}* e escolha um para confirmar, mudar ou cancelar.`;
      return `Você tem ${p.count} horários marcados:${shown}\n${p.lines.join('\n')}\n${how}`;
    },
    closed: ({ lead: l, hours, pick }) => {
      const first =
        l.kind === 'day'
          ? `${cap(l.weekday)} fechamos.`
          : l.kind === 'date'
            ? `${cap(l.on)} fechamos.`
            : l.kind === 'before'
              ? `Antes das ${l.time} ainda não abrimos.`
              : l.kind === 'after'
                ? `Depois das ${l.time} já fechamos.`
                : l.kind === 'time'
                  ? `Às ${l.time} estamos fechados.`
                  : 'Agora estamos fechados.';
      const open = hours ? ` Abrimos ${hours}.` : '';
      const next = !pick
        ? ' Escreva outro dia ou hora e eu vejo.'
        : pick.how === 'list'
          ? ` Toque em *${pick.button}* para ver os horários livres mais próximos.`
          : pick.how === 'buttons'
            ? ' Os horários livres mais próximos: qual fica bom?'
            : ' Escreva um horário que fique bom.';
      return `${first}${open}${next}`;
    },
    businessAnswer: ({ topic, business }) => {
      switch (topic) {
        case 'price':
          return 'Estes são nossos preços:';
        case 'services':
          return `Estes são os serviços de ${business}:`;
        case 'address':
          return 'Estamos aqui:';
        case 'parking':
          return 'Sobre estacionamento:';
        case 'payment':
          return 'Sobre formas de pagamento:';
        case 'cancellation_policy':
          return 'Sobre cancelamentos:';
        case 'hours':
          return 'Nosso horário:';
        case 'other':
        case 'faq':
          return 'Sobre sua pergunta:';
      }
    },
    businessNext: () => 'Quer que eu agende um horário?',
    unknownQuestion: ({ link, inFlow }) =>
      inFlow
        ? 'Isso eu não sei, desculpe. Se quiser, passo você para alguém da equipe.'
        : link
          ? `Isso eu não sei, desculpe. Posso passar você para alguém da equipe, ou você pode agendar direto aqui: ` +
            `${link}`
          : 'Isso eu não sei, desculpe. Posso passar você para alguém da equipe ou agendar um horário.',
    nameUpdated: ({ name }) => `Pronto: salvei seu nome como *${name}*.`,
    emailUpdated: ({ email }) => `Pronto: salvei *${email}* como seu e-mail.`,
    bookingRequested: ({ span, what, where }) =>
      `📅 Pedido enviado: *${span}* (${what}).${where ? `\n${where}\n` : ' '}O estabelecimento precisa confirmar; ` +
      `aviso você assim que ele confirmar.`,
    bookingRefused: ({ reason, link }) => {
      const base = refused[reason];
      if (reason !== 'invalid_phone' && reason !== 'missing_fields') return base;
      return link
        ? `${base} Você pode falar com alguém da equipe ou agendar aqui: ${link}`
        : `${base} Se quiser, passo você para alguém da equipe.`;
    },
    askBookingField: ({ label, retry, pick, options }) => {
      const again = retry ? `Não entendi: essa resposta não serve para *${label}*. ` : '';
      const how =
        pick.how === 'buttons'
          ? 'Escolha uma opção.'
          : pick.how === 'list'
            ? `Toque em *${pick.button}* e escolha uma.`
            : options.length
              ? `Escreva o número ou o texto de uma destas:\n${options.join('\n')}`
              : 'Escreva aqui.';
      return `${again}Para o agendamento, o estabelecimento pede: *${label}*. ${how}`;
    },
    handoffStarted: ({ openNow, hours }) =>
      openNow
        ? 'Vou passar você para alguém da equipe; vão escrever para você aqui assim que puderem.'
        : `Vou passar você para alguém da equipe. Agora estamos fechados${hours ? ` (abrimos ${hours})` : ''}: vão ` +
          `escrever para você assim que abrirmos.`,
    handoffEnded: () =>
      'A pessoa da equipe terminou por agora; volto a atender você por aqui. Em que mais posso ajudar?',
    // issue 9/14 (session 3): without a booking page, the business phone (business.yaml) as the way forward.
    stuck: ({ link, phone }) =>
      link
        ? `Desculpe, ainda não entendi. Você pode falar com alguém da equipe ou agendar direto aqui: ${link}`
        : phone
          ? `Desculpe, ainda não entendi. Você pode ver os horários, ligar para ${phone} ou falar com a equipe.`
          : 'Desculpe, ainda não entendi. Quer que eu passe você para alguém da equipe?',
    notUnderstood: ({ media }) =>
      media
        ? 'Desculpe, não consigo ouvir áudios nem ver imagens. Pergunto de novo:'
        : 'Desculpe, não entendi. Pergunto de novo:',
    reminder: ({ name, on }) => `⏰ Lembrete${comma(name)}: seu horário é ${on}. Você confirma?`,
    noticeCancelled: ({ of }) =>
      `Desculpe, seu horário ${of} foi cancelado pelo estabelecimento. Quer agendar outro horário?`,
    noticeMoved: ({ on }) =>
      `Seu horário foi alterado: agora é ${on}. Se não for bom para você, pode mudar ou cancelar aqui.`,
    noticeNoShow: () => 'Sentimos sua falta no seu horário. Quer agendar um novo?',
    // Issue 10: the host confirmed a requested booking, or turned it down.
    noticeConfirmed: ({ on }) => `✅ O estabelecimento confirmou seu horário ${on}. Vou te lembrar antes.`,
    noticeRejected: ({ of }) =>
      `Desculpe, o estabelecimento não pôde aceitar seu pedido ${of}. Quer pedir outro horário?`,
    // Privacy and consent (issue 14).
    privacyNotice: ({ url }) => `Seus dados são usados só para gerenciar seus horários. Como os tratamos: ${url}`,
    privacySummary: (p) => {
      const who = [p.name && `nome *${p.name}*`, p.email && `e-mail *${p.email}*`, `telefone ${p.phone}`];
      const upcoming = p.upcoming === 1 ? '1 horário futuro' : `${p.upcoming} horários futuros`;
      const ratings = p.feedback ? `; ${p.feedback} ${p.feedback === 1 ? 'avaliação' : 'avaliações'}` : '';
      return (
        `Isso é o que guardo sobre você: ${who.filter(Boolean).join(', ')}; ${upcoming} e ${p.past} ` +
        `${p.past === 1 ? 'passado' : 'passados'}; mensagens: ${p.received} recebidas e ${p.sent} ` +
        `enviadas${ratings}. ` +
        `Ofertas: ${p.marketing ? 'sim' : 'não'}${p.optedOut ? ' (avisos parados com STOP)' : ''}. As mensagens são ` +
        `apagadas após ${p.retentionDays} dias.\nBaixe tudo aqui (vale uma vez, por 24 h): ${p.url}\nPara apagar ` +
        'tudo, escreva "apague meus dados".'
      );
    },
    privacyUnavailable: () => 'Desculpe, agora não consigo preparar seus dados. Tente de novo em alguns minutos.',
    confirmErase: () =>
      'Apago todos os seus dados? Seu nome, e-mail, horários e nossa conversa serão apagados, sem volta.',
    eraseCancelBookings: ({ count, lines }) =>
      count === 1
        ? `Você tem um horário marcado: ${lines}. Para apagar seus dados preciso cancelá-lo também. Cancelo e ` +
          'apago tudo?'
        : `Você tem ${count} horários marcados:\n${lines}\nPara apagar seus dados preciso cancelar esses horários ` +
          'também. ' +
          'Cancelo e apago tudo?',
    eraseKept: () => 'Tudo bem, não apaguei nada: tudo continua como estava.',
    eraseFailed: () => 'Desculpe, algo falhou e seus dados não foram apagados. Peça de novo daqui a pouco.',
    erased: () => 'Pronto: apaguei seus dados e nossa conversa. Se escrever de novo, começamos do zero.',
    askMarketing: ({ again }) =>
      (again ? 'Desculpe, não ficou claro. ' : '') +
      'Quer receber ofertas e novidades por aqui? Pode mudar quando quiser escrevendo "não quero ofertas".',
    marketingGranted: () =>
      'Combinado, vamos avisar você de ofertas e novidades. Para parar, escreva "não quero ofertas".',
    marketingDeclined: () => 'Tudo bem, não vamos enviar ofertas. Só escrevo sobre seus horários.',
    marketingRevoked: () => 'Pronto: não enviaremos mais ofertas. Continuo avisando sobre seus horários.',
    slowDown: () => 'Estou recebendo muitas mensagens suas seguidas; espere um momento e escreva de novo em um minuto.',
    // issue 9: the person (not the team) ended the hand-off
    backToBot: () => 'Certo, volto a atender você por aqui. Em que posso ajudar?',
    // Issue 16: promotional offers.
    upsellOffer: ({ service, time, position }) =>
      `Quer incluir *${service}* ${position === 'after' ? 'logo depois' : 'logo antes'}, às ${time}? ` +
      'Com um toque fica agendado.',
    winbackOffer: ({ name }) =>
      `Olá${name ? `, ${name}` : ''}! Temos horários livres nos próximos dias. Quer um? Com um toque fica agendado.`,
    offerBook: ({ time }) => `Agendar ${time}`,
    // issue 9 (session 3)
    pickBookingFirst: ({ purpose }) =>
      `Preciso saber qual ${purpose === 'reschedule' ? 'remarco' : 'cancelo'}: ` +
      `escolha uma ou me diga o dia (por exemplo, "a de segunda").`,
    emailIncomplete: () => 'Esse e-mail parece incompleto (falta o final, como .com). Pode escrever ele inteiro?',
    // issue 9/14 (session 3)
    handoffForwarded: () => 'Já passei sua mensagem para a equipe; vão responder por aqui assim que puderem.',
    hello: ({ name }) => `Olá${name ? ` ${name}` : ''} 👋`,
    remindersOff: () => 'Como você escreveu STOP, não vou enviar lembretes; escreva START para voltar a recebê-los.',
  },
};
