/**
 * Terminal chat with a running Reserva (`npm run chat`), through the simulator's HTTP API — the
 * same path as the web simulator and, from the engine on, as real WhatsApp webhooks.
 *
 *   npm run chat -- --url http://127.0.0.1:3000 --phone 5491155550002 --name Martín
 *
 * Type to write; type a number to tap that option of the bot's last buttons / list / template.
 * Commands: /voice (voice note), /photo, /state, /help, /quit.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { OutboundItem, TranscriptItem } from '../src/simulator/transcript.js';

interface Option {
  label: string;
  description?: string;
  send: Record<string, string>;
}

const USAGE = `Usage: npm run chat -- [--url http://127.0.0.1:3000] [--phone 34600000001] [--name Ana]
  --url    where Reserva runs (default $RESERVA_URL or http://127.0.0.1:3000)
  --phone  who you are: 6-15 digits with the country code (default 34600000001, demo contact Ana)
  --name   your WhatsApp profile name (default Ana for the default phone)`;

const HELP = `Write as you would on WhatsApp. A number taps that option of the bot's last message.
  /voice  send a voice note      /photo  send a photo
  /state  show the conversation's statechart state and context
  /quit   leave (Ctrl-D works too)`;

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      phone: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const url = (values.url ?? process.env.RESERVA_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  try {
    new URL(url);
  } catch {
    throw new Error(`--url "${url}" is not a URL; use e.g. http://127.0.0.1:3000`);
  }
  const phone = (values.phone ?? '34600000001').replace(/^\+/, '').replace(/[\s().-]/g, '');
  if (!/^\d{6,15}$/.test(phone))
    throw new Error(`--phone "${values.phone}" must be 6-15 digits with the country code, e.g. 34600000001`);
  const name = values.name ?? (phone === '34600000001' ? 'Ana' : undefined);
  return { url, phone, name };
}

const tty = process.stdout.isTTY;
const style = (code: string, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = (s: string) => style('1', s);
const dim = (s: string) => style('2', s);
const green = (s: string) => style('32', s);
const red = (s: string) => style('31', s);

/** WhatsApp's *bold* and _italic_ as terminal styles. */
function formatWhatsApp(text: string): string {
  if (!tty) return text;
  return text
    .replace(
      /(^|[\s(¡¿])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s.,;:!?)])/g,
      (_m, pre: string, inner: string) => `${pre}\x1b[1m${inner}\x1b[22m`,
    )
    .replace(
      /(^|[\s(¡¿])_(?=\S)([^_\n]*?\S)_(?=$|[\s.,;:!?)])/g,
      (_m, pre: string, inner: string) => `${pre}\x1b[3m${inner}\x1b[23m`,
    );
}

/** The tappable options of a bot message, numbered from 1 in the order shown. */
export function optionsOf(item: OutboundItem): Option[] {
  const m = item.message;
  const context: Record<string, string> = item.waMessageId ? { contextId: item.waMessageId } : {};
  if (!m) return [];
  if (m.type === 'buttons')
    return m.buttons.map((b) => ({ label: b.title, send: { buttonId: b.id, buttonTitle: b.title, ...context } }));
  if (m.type === 'list') {
    return m.sections.flatMap((s) =>
      s.rows.map((r) => {
        const option: Option = { label: r.title, send: { listRowId: r.id, listRowTitle: r.title, ...context } };
        if (r.description) {
          option.description = r.description;
          option.send.listRowDescription = r.description;
        }
        return option;
      }),
    );
  }
  if (m.type === 'template') {
    return (m.quickReplies ?? []).map((payload, i) => {
      const label = item.quickReplyLabels?.[i] ?? payload;
      return { label, send: { quickReplyPayload: payload, buttonTitle: label, ...context } };
    });
  }
  return [];
}

function render(item: TranscriptItem): string[] {
  if (item.direction === 'in') {
    const c = item.message?.content;
    const text = !c
      ? '(unreadable)'
      : c.kind === 'text'
        ? c.text
        : c.kind === 'media'
          ? `[${c.mediaType}]`
          : 'title' in c
            ? c.title
            : c.kind === 'template_button'
              ? c.text
              : `[${c.kind}]`;
    return [dim(`  tú: ${text}`)];
  }
  const m = item.message;
  const lines: string[] = [];
  if (!m) lines.push('(unreadable message)');
  else if (m.type === 'template')
    lines.push(dim(`[plantilla ${m.name} (${m.language})]`), formatWhatsApp(m.preview ?? m.bodyParams.join(' · ')));
  else {
    if (m.type !== 'text' && m.header) lines.push(bold(m.header));
    lines.push(formatWhatsApp(m.body));
    if (m.type !== 'text' && m.footer) lines.push(dim(m.footer));
    if (m.type === 'list') lines.push(dim(`[${m.buttonText}]`));
  }
  optionsOf(item).forEach((o, i) =>
    lines.push(`   ${green(`${i + 1})`)} ${o.label}${o.description ? dim(` — ${o.description}`) : ''}`),
  );
  if (item.status === 'failed') lines.push(red(`   ⚠ not sent: ${item.errorTitle ?? 'unknown error'}`));
  return lines.map((l, i) => (i === 0 ? `${bold('bot:')} ${l}` : `     ${l}`));
}

async function main() {
  const { url, phone, name } = parseCli(process.argv.slice(2));

  const api = async <T>(path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(
        url + path,
        body === undefined
          ? {}
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
    } catch (err) {
      throw new Error(
        `cannot reach Reserva at ${url} (${(err as Error).message}); ` +
          'is it running? Start it with npm start, or pass --url',
        {
          cause: err,
        },
      );
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (res.status === 404 && path.startsWith('/simulator'))
      throw new Error(`${url} has no chat simulator (is SIMULATOR=off, or is this another service?)`);
    if (!res.ok)
      throw new Error(
        (data as { message?: string; error?: string } | null)?.message ??
          (data as { error?: string } | null)?.error ??
          `${res.status} ${res.statusText}`,
      );
    return data as T;
  };
  type Conversation = { messages: TranscriptItem[]; state: { state: unknown; context: unknown } | null };

  const seen = new Set<string>();
  const receipts = new Set<string>();
  let options: Option[] = [];
  let waiting = false;

  // Created after the first look at the conversation, so no typed line is read before we listen.
  let rl: ReturnType<typeof createInterface> | undefined;
  const print = (lines: string[]) => {
    if (!lines.length) return;
    if (tty && rl) process.stdout.write('\r\x1b[K');
    console.log(lines.join('\n'));
    rl?.prompt(true);
  };

  const poll = async (history: boolean) => {
    const convo = await api<Conversation>(`/simulator/api/conversations/${phone}`);
    const lines: string[] = [];
    const toRead: string[] = [];
    // The first look shows the last few messages of an existing conversation; later, only the bot's new ones.
    const shownFrom = history ? Math.max(0, convo.messages.length - 8) : 0;
    for (const [index, item] of convo.messages.entries()) {
      const key = `${item.direction}:${item.id}:${item.direction === 'out' ? item.status === 'failed' : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if ((item.direction === 'in' && !history) || index < shownFrom) continue;
      if (item.direction === 'out' && item.status === 'queued') {
        seen.delete(key); // not sent yet: show it once it has gone out
        continue;
      }
      lines.push(...render(item));
      if (item.direction === 'out') {
        const o = optionsOf(item);
        if (o.length) options = o;
        waiting = false;
        if (item.waMessageId && !receipts.has(item.waMessageId)) toRead.push(item.waMessageId);
      }
    }
    print(lines);
    if (toRead.length) {
      toRead.forEach((id) => receipts.add(id));
      await api('/simulator/api/read', { phone, messageIds: toRead, status: 'read' }).catch(() =>
        toRead.forEach((id) => receipts.delete(id)),
      );
    }
    return convo;
  };

  const send = async (payload: Record<string, string>) => {
    await api('/simulator/api/messages', { from: phone, ...(name ? { name } : {}), ...payload });
    waiting = true;
  };

  console.log(`${bold('Reserva')} · chatting as ${name ? `${name} ` : ''}+${phone} on ${url}`);
  console.log(dim('Type /help for commands. A number taps an option.'));
  const first = await poll(true);
  if (!first.messages.length) console.log(dim('(new conversation: say hola)'));

  let lastError = '';
  const timer = setInterval(() => {
    poll(false).then(
      () => (lastError = ''),
      (err: Error) => {
        if (err.message !== lastError) print([red(`! ${err.message}`)]);
        lastError = err.message;
      },
    );
  }, 700);
  const typing = setInterval(() => {
    if (waiting && tty) process.stdout.write(`\r\x1b[K${dim('escribiendo…')}\r`);
  }, 1500);

  rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  const prompt = () => rl!.prompt();
  rl.on('line', (line) => {
    const text = line.trim();
    const done = (p: Promise<unknown>) => p.then(prompt, (err: Error) => print([red(`! ${err.message}`)]));
    if (!text) return prompt();
    if (text === '/quit' || text === '/exit') return rl!.close();
    if (text === '/help') return print([HELP]);
    if (text === '/voice') return void done(send({ media: 'audio' }));
    if (text === '/photo') return void done(send({ media: 'image' }));
    if (text === '/state') {
      return void done(
        api<Conversation>(`/simulator/api/conversations/${phone}`).then((c) =>
          print([
            c.state
              ? `${bold('state:')} ${JSON.stringify(c.state.state)}\n` +
                `${bold('context:')} ${JSON.stringify(c.state.context, null, 2)}`
              : dim('(no conversation yet)'),
          ]),
        ),
      );
    }
    const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!Number.isNaN(n) && options.length) {
      const option = options[n - 1];
      if (!option) return print([red(`! there is no option ${n}; pick 1-${options.length} or write your answer`)]);
      return void done(send(option.send));
    }
    void done(send({ text: line }));
  });
  rl.on('close', () => {
    clearInterval(timer);
    clearInterval(typing);
    console.log('');
    process.exit(0);
  });
  rl.prompt();
}

main().catch((err: Error) => {
  console.error(`chat: ${err.message}`);
  process.exit(1);
});
