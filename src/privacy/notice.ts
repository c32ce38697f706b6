/**
 * The demo's privacy notice (`GET /privacy`), in Spanish, English and Portuguese. A business
 * running Reserva links its own with PRIVACY_URL; this page says what Reserva itself stores, for
 * how long, and how each right is exercised in the chat.
 */
interface Section {
  lang: 'es' | 'en' | 'pt';
  title: string;
  intro: string;
  storedTitle: string;
  stored: string[];
  howLongTitle: string;
  howLong: (days: number) => string[];
  rightsTitle: string;
  rights: Array<[string, string]>;
  marketing: string;
}

const SECTIONS: Section[] = [
  {
    lang: 'es',
    title: 'Privacidad',
    intro:
      'Este asistente de WhatsApp reserva, confirma, cambia y cancela citas. Solo guarda lo necesario para hacerlo.',
    storedTitle: 'Qué guardamos',
    stored: [
      'Tu número de WhatsApp, el nombre de tu perfil o el que nos digas, y tu correo si lo das para la reserva.',
      'Los mensajes de la conversación (los tuyos y los nuestros) y su estado de entrega.',
      'Tus citas (fecha, hora, estado) y, si la das, tu valoración.',
      'Tus preferencias: idioma, si aceptas mensajes promocionales (con fecha y texto exacto) y si pediste no ' +
        'recibir más mensajes.',
    ],
    howLongTitle: 'Cuánto tiempo',
    howLong: (d) => [
      `El texto de los mensajes se borra a los ${d} días; se conserva solo que existieron.`,
      'El resto, mientras seas cliente o hasta que pidas borrarlo.',
      'Si pediste no recibir mensajes y luego borras tus datos, guardamos solo una huella cifrada (hash con sal) ' +
        'de tu número para seguir respetándolo.',
    ],
    rightsTitle: 'Tus derechos, desde el chat',
    rights: [
      [
        'Ver tus datos',
        'escribe «¿qué datos tenéis de mí?»: te enviamos un resumen y un enlace de descarga (JSON) que sirve una ' +
          'vez durante 24 horas.',
      ],
      ['Corregirlos', 'escribe «me llamo …» o «mi correo es …».'],
      [
        'Borrarlos',
        'escribe «borra mis datos»: te pedimos confirmación, cancelamos tus próximas citas si quieres y lo ' +
          'borramos todo.',
      ],
      ['No recibir más mensajes', 'escribe «BAJA» o «STOP» (ni recordatorios). Para volver: «ALTA» o «START».'],
    ],
    marketing:
      'Los mensajes promocionales solo llegan si los aceptas expresamente; puedes retirarlo cuando quieras en el chat.',
  },
  {
    lang: 'en',
    title: 'Privacy',
    intro:
      'This WhatsApp assistant books, confirms, moves and cancels appointments. It keeps only what it needs to ' +
      'do that.',
    storedTitle: 'What we store',
    stored: [
      'Your WhatsApp number, your profile name or the name you give us, and your e-mail if you give it for a booking.',
      'The conversation’s messages (yours and ours) and their delivery status.',
      'Your appointments (date, time, status) and your rating if you give one.',
      'Your preferences: language, whether you accept promotional messages (with the time and exact wording) and ' +
        'whether you asked for no more messages.',
    ],
    howLongTitle: 'For how long',
    howLong: (d) => [
      `Message text is deleted after ${d} days; only the fact that a message existed is kept.`,
      'Everything else, while you are a customer or until you ask us to erase it.',
      'If you opted out and then erase your data, we keep only a salted hash of your number so the opt-out keeps ' +
        'working.',
    ],
    rightsTitle: 'Your rights, in the chat',
    rights: [
      [
        'See your data',
        'write “what data do you have about me?”: you get a summary and a download link (JSON) that works once, ' +
          'for 24 hours.',
      ],
      ['Correct it', 'write “my name is …” or “my email is …”.'],
      [
        'Erase it',
        'write “delete my data”: we ask you to confirm, cancel your upcoming appointments if you wish, and erase ' +
          'everything.',
      ],
      ['No more messages', 'write “STOP” (reminders included). To undo: “START”.'],
    ],
    marketing: 'Promotional messages are sent only if you explicitly accept them; withdraw at any time in the chat.',
  },
  {
    lang: 'pt',
    // Brazilian Portuguese, like the chat's catalog (src/conversation/catalog/pt.ts).
    title: 'Privacidade',
    intro:
      'Este assistente de WhatsApp agenda, confirma, remarca e cancela horários. Guarda só o necessário para isso.',
    storedTitle: 'O que guardamos',
    stored: [
      'Seu número de WhatsApp, o nome do perfil ou o que você nos informar, e seu e-mail, se você o informar ' +
        'para o agendamento.',
      'As mensagens da conversa (suas e nossas) e o status de entrega.',
      'Seus agendamentos (data, hora, status) e sua avaliação, se você der uma.',
      'Suas preferências: idioma, se você aceita mensagens promocionais (com data e texto exato) e se pediu para ' +
        'não receber mais mensagens.',
    ],
    howLongTitle: 'Por quanto tempo',
    howLong: (d) => [
      `O texto das mensagens é apagado após ${d} dias; fica só o registro de que elas existiram.`,
      'O resto, enquanto você for cliente ou até você pedir que seja apagado.',
      'Se você pediu para não receber mensagens e depois apagou seus dados, guardamos só um hash com sal do seu ' +
        'número para continuar respeitando o pedido.',
    ],
    rightsTitle: 'Seus direitos, no chat',
    rights: [
      [
        'Ver seus dados',
        'escreva "quais dados vocês têm sobre mim?": você recebe um resumo e um link de download (JSON) válido ' +
          'uma vez, por 24 horas.',
      ],
      ['Corrigi-los', 'escreva "meu nome é …" ou "meu e-mail é …".'],
      [
        'Apagá-los',
        'escreva "apague meus dados": pedimos confirmação, cancelamos os próximos agendamentos se você quiser e ' +
          'apagamos tudo.',
      ],
      ['Não receber mais mensagens', 'escreva "PARE" ou "STOP" (lembretes incluídos). Para voltar: "START".'],
    ],
    marketing:
      'Mensagens promocionais só chegam se você as aceitar expressamente; você pode desistir quando quiser, no chat.',
  },
];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function privacyNoticeHtml(opts: { retentionDays: number }): string {
  const nav = SECTIONS.map((s) => `<a href="#${s.lang}" hreflang="${s.lang}">${esc(s.title)} (${s.lang})</a>`).join(
    ' · ',
  );
  const body = SECTIONS.map(
    (s) => `<section id="${s.lang}" lang="${s.lang}">
<h1>${esc(s.title)}</h1>
<p>${esc(s.intro)}</p>
<h2>${esc(s.storedTitle)}</h2>
<ul>${s.stored.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<h2>${esc(s.howLongTitle)}</h2>
<ul>${s
      .howLong(opts.retentionDays)
      .map((x) => `<li>${esc(x)}</li>`)
      .join('')}</ul>
<h2>${esc(s.rightsTitle)}</h2>
<dl>${s.rights.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<p>${esc(s.marketing)}</p>
</section>`,
  ).join('\n');
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reserva · Privacidad / Privacy</title>
<style>
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#111b21;background:#f0f2f5}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;background:#fff;min-height:100vh;box-sizing:border-box}
nav{font-size:.95rem;margin-bottom:1rem}a{color:#075e54}h1{color:#075e54;margin-top:2rem}
dt{font-weight:600;margin-top:.6rem}dd{margin:0 0 0 1rem}section+section{border-top:1px solid #e9edef}
</style>
</head>
<body><main>
<nav aria-label="Idioma / Language">${nav}</nav>
${body}
</main></body>
</html>
`;
}
