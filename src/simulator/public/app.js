// Reserva chat simulator page. Plain ES module, no dependencies: talks to /simulator/api/*.
// The transcript endpoint is the source of truth; server-sent events only make updates faster.

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'html') node.innerHTML = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
};

const LOCAL_CONTACTS_KEY = 'reserva.simulator.contacts';
const MEDIA_LABELS = { image: '📷 Foto', video: '🎥 Vídeo', document: '📄 Documento', sticker: '🙂 Sticker' };
const POLL_WAITING_MS = 700;
const POLL_IDLE_MS = 2500;
const POLL_HIDDEN_MS = 6000;
const WAIT_TIMEOUT_MS = 30000;

const state = {
  timeZone: undefined,
  contacts: [],
  phone: null,
  messages: [],
  signature: '',
  inspected: null,
  stateError: '',
  /** After the person sends something: { id, since } until the bot answers (or gives up). */
  waiting: null,
  typingUntil: 0,
  /** waMessageId → the receipt already reported ('delivered' | 'read'). */
  reported: new Map(),
};

// ---------- API ----------

async function api(path, body) {
  const res = await fetch(
    path,
    body === undefined
      ? { headers: { accept: 'application/json' } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new Error((data && (data.message || data.error)) || `${res.status} ${res.statusText}`);
  return data;
}

// ---------- Formatting ----------

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** WhatsApp formatting: *bold*, _italic_, ~strike~, ```mono```, `code`, and bare links. */
export function formatWhatsApp(text) {
  let html = escapeHtml(text);
  html = html.replace(/```([\s\S]+?)```/g, '<code>$1</code>');
  html = html.replace(/`([^`\n]+)`/g, '<code>$1</code>');
  const wrap = (mark, tag) => {
    const m = mark.replace(/[*~]/g, '\\$&');
    const re = new RegExp(`(^|[\\s(¡¿"'>])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[\\s.,;:!?)"'<])`, 'g');
    html = html.replace(re, `$1<${tag}>$2</${tag}>`);
  };
  wrap('*', 'strong');
  wrap('_', 'em');
  wrap('~', 's');
  html = html.replace(
    /\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g,
    (url) => `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`,
  );
  return html;
}

const fmtCache = new Map();
function fmt(opts) {
  const key = JSON.stringify(opts);
  if (!fmtCache.has(key)) {
    try {
      fmtCache.set(key, new Intl.DateTimeFormat('es', { ...opts, timeZone: state.timeZone }));
    } catch {
      fmtCache.set(key, new Intl.DateTimeFormat('es', opts));
    }
  }
  return fmtCache.get(key);
}
const timeOf = (iso) => fmt({ hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
const dayKey = (d) => fmt({ year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
function dayLabel(iso) {
  const d = new Date(iso);
  const today = dayKey(new Date());
  if (dayKey(d) === today) return 'Hoy';
  if (dayKey(d) === dayKey(new Date(Date.now() - 86400000))) return 'Ayer';
  return fmt({ weekday: 'long', day: 'numeric', month: 'long' }).format(d);
}
function contactTime(iso) {
  const d = new Date(iso);
  if (dayKey(d) === dayKey(new Date())) return timeOf(iso);
  return fmt({ day: '2-digit', month: '2-digit' }).format(d);
}
const prettyPhone = (digits) => `+${digits}`;
const initialOf = (c) => ((c.name || '').trim()[0] || '#').toUpperCase();
const AVATAR_COLORS = ['#e07a5f', '#3d85c6', '#6aa84f', '#a64d79', '#e69138', '#45818e', '#8e7cc3'];
const avatarColor = (phone) =>
  AVATAR_COLORS[[...phone].reduce((n, c) => n + c.charCodeAt(0), 0) % AVATAR_COLORS.length];

/** XState value → "booking.confirming" (parallel regions joined with ", "). */
export function stateToString(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  return Object.entries(value)
    .map(([k, v]) => {
      const inner = stateToString(v);
      return typeof v === 'object' && v !== null && Object.keys(v).length > 1 ? `${k}.{${inner}}` : `${k}.${inner}`;
    })
    .join(', ');
}

// ---------- Contacts ----------

function localContacts() {
  try {
    return JSON.parse(localStorage.getItem(LOCAL_CONTACTS_KEY) || '[]');
  } catch {
    return [];
  }
}
function saveLocalContact(contact) {
  const list = localContacts().filter((c) => c.phone !== contact.phone);
  list.unshift(contact);
  try {
    localStorage.setItem(LOCAL_CONTACTS_KEY, JSON.stringify(list.slice(0, 50)));
  } catch {
    /* private mode */
  }
}

async function loadContacts() {
  const data = await api('/simulator/api/contacts');
  const server = data.contacts;
  const known = new Set(server.map((c) => c.phone));
  const extra = localContacts()
    .filter((c) => !known.has(c.phone))
    .map((c) => ({ ...c, demo: false, language: null }));
  state.contacts = [...extra, ...server];
  renderContacts();
}

function currentContact() {
  return (
    state.contacts.find((c) => c.phone === state.phone) || (state.phone ? { phone: state.phone, name: null } : null)
  );
}

function avatarOf(c) {
  const span = el('span', { class: 'avatar', 'aria-hidden': 'true', text: initialOf(c) });
  span.style.background = avatarColor(c.phone); // CSSOM: allowed by the page's CSP, unlike style="…"
  return span;
}

function renderContacts() {
  const ul = $('contacts');
  ul.replaceChildren(
    ...state.contacts.map((c) => {
      const name = c.name || prettyPhone(c.phone);
      const sub = c.last ? `${c.last.direction === 'in' ? 'Tú: ' : ''}${c.last.text}` : c.hint || prettyPhone(c.phone);
      return el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'contact',
            'data-phone': c.phone,
            'aria-current': c.phone === state.phone ? 'true' : 'false',
            'aria-label': `${name}${c.name ? `, ${prettyPhone(c.phone)}` : ''}`,
            onclick: () => selectContact(c.phone),
          },
          avatarOf(c),
          el(
            'span',
            { class: 'contact-main' },
            el(
              'span',
              { class: 'contact-top' },
              el('span', { class: 'contact-name', text: name }),
              c.last ? el('span', { class: 'contact-time', text: contactTime(c.last.at) }) : null,
            ),
            el('span', { class: 'contact-preview', text: sub }),
            c.last && c.hint ? el('span', { class: 'contact-hint', text: c.hint }) : null,
          ),
        ),
      );
    }),
  );
}

function selectContact(phone) {
  if (state.phone !== phone) {
    state.phone = phone;
    state.messages = [];
    state.signature = '';
    state.inspected = null;
    state.stateError = '';
    state.waiting = null;
    state.typingUntil = 0;
    $('messages').replaceChildren();
  }
  if (location.hash !== `#${phone}`) history.replaceState(null, '', `#${phone}`);
  $('app').dataset.view = 'chat';
  $('empty-chat').hidden = true;
  for (const id of ['chat-head', 'messages', 'composer']) $(id).hidden = false;
  renderHeader();
  renderContacts();
  $('text').focus();
  void refresh();
}

function renderHeader() {
  const c = currentContact();
  if (!c) return;
  const avatar = $('chat-avatar');
  avatar.textContent = initialOf(c);
  avatar.style.background = avatarColor(c.phone);
  $('chat-name').textContent = c.name || prettyPhone(c.phone);
  const sub = $('chat-sub');
  if (isTyping()) {
    sub.textContent = 'escribiendo…';
    sub.className = 'typing';
  } else {
    sub.textContent = [prettyPhone(c.phone), c.hint].filter(Boolean).join(' · ');
    sub.className = '';
  }
}

// ---------- Transcript ----------

const isTyping = () => Boolean(state.waiting) || Date.now() < state.typingUntil;

function ticks(status) {
  switch (status) {
    case 'queued':
      return el('span', { class: 'ticks', title: 'En cola', 'aria-label': 'En cola', text: '🕓' });
    case 'sent':
      return el('span', { class: 'ticks', title: 'Enviado', 'aria-label': 'Enviado', text: '✓' });
    case 'delivered':
      return el('span', { class: 'ticks', title: 'Entregado', 'aria-label': 'Entregado', text: '✓✓' });
    case 'read':
      return el('span', { class: 'ticks read', title: 'Leído', 'aria-label': 'Leído', text: '✓✓' });
    case 'failed':
      return el('span', { class: 'ticks failed', title: 'No enviado', 'aria-label': 'No enviado', text: '⚠' });
    default:
      return null;
  }
}
const inboxTicks = (status) =>
  status === 'pending' ? ticks('delivered') : status === 'failed' ? ticks('failed') : ticks('read');

function meta(item, tickEl) {
  return el('span', { class: 'meta' }, el('time', { datetime: item.at, text: timeOf(item.at) }), tickEl);
}

function renderPersonMessage(item) {
  const m = item.message;
  const c = m && m.content;
  let body;
  let tag = null;
  if (!c) body = el('span', { class: 'body', text: '(mensaje ilegible)' });
  else if (c.kind === 'text') body = el('span', { class: 'body', html: formatWhatsApp(c.text) });
  else if (c.kind === 'button_reply') {
    tag = '↩︎ Botón';
    body = el('span', { class: 'body', text: c.title });
  } else if (c.kind === 'template_button') {
    tag = '↩︎ Respuesta rápida';
    body = el('span', { class: 'body', text: c.text });
  } else if (c.kind === 'list_reply') {
    tag = '↩︎ De la lista';
    body = el(
      'span',
      { class: 'body' },
      el('strong', { text: c.title }),
      c.description ? el('div', { class: 'footer', text: c.description }) : null,
    );
  } else if (c.kind === 'media' && (c.mediaType === 'audio' || c.mediaType === 'voice'))
    body = el('span', { class: 'body voice' }, '🎤', el('span', { class: 'wave', 'aria-hidden': 'true' }), ' 0:04');
  else if (c.kind === 'media') {
    const kind = MEDIA_LABELS[c.mediaType] || c.mediaType;
    body = el('span', { class: 'body', text: `${kind}${c.caption ? ` · ${c.caption}` : ''}` });
  } else body = el('span', { class: 'body', text: `(${c.kind})` });
  const bubble = el(
    'div',
    { class: 'bubble' },
    tag ? el('span', { class: 'tag', text: tag }) : null,
    body,
    meta(item, inboxTicks(item.status)),
  );
  if (item.status === 'failed' && item.error)
    bubble.append(el('div', { class: 'error', text: `El bot no pudo procesarlo: ${item.error}` }));
  return el('div', { class: 'row out', 'data-id': item.id, 'data-direction': 'person' }, bubble);
}

function renderBotMessage(item) {
  const m = item.message;
  const row = el('div', { class: 'row in', 'data-id': item.id, 'data-direction': 'bot', 'data-status': item.status });
  const bubble = el('div', { class: 'bubble' });
  row.append(bubble);
  const contextId = item.waMessageId || undefined;
  if (!m) {
    bubble.append(el('span', { class: 'body', text: '(mensaje ilegible)' }));
  } else if (m.type === 'text') {
    bubble.append(el('span', { class: 'body', html: formatWhatsApp(m.body) }));
  } else if (m.type === 'buttons' || m.type === 'list') {
    if (m.header) bubble.append(el('div', { class: 'header', text: m.header }));
    bubble.append(el('span', { class: 'body', html: formatWhatsApp(m.body) }));
    if (m.footer) bubble.append(el('div', { class: 'footer', text: m.footer }));
  } else if (m.type === 'template') {
    bubble.append(el('span', { class: 'tag', text: `Plantilla · ${m.name} (${m.language})` }));
    const text = m.preview || `${m.name}: ${m.bodyParams.join(' · ')}`;
    bubble.append(el('span', { class: 'body', html: formatWhatsApp(text) }));
  }
  bubble.append(meta(item, ticks(item.status)));
  if (item.status === 'failed')
    bubble.append(
      el('div', {
        class: 'error',
        text: `No se envió${item.errorCode ? ` (${item.errorCode})` : ''}: ${item.errorTitle || 'error desconocido'}`,
      }),
    );

  if (m && m.type === 'buttons') {
    row.append(
      el(
        'div',
        { class: 'actions' },
        m.buttons.map((b) =>
          el('button', {
            type: 'button',
            class: 'reply-btn',
            'data-button-id': b.id,
            text: b.title,
            onclick: () => send({ buttonId: b.id, buttonTitle: b.title, contextId }),
          }),
        ),
      ),
    );
  } else if (m && m.type === 'list') {
    bubble.append(
      el('button', {
        type: 'button',
        class: 'list-open',
        text: `☰ ${m.buttonText}`,
        'aria-label': m.buttonText,
        'aria-haspopup': 'dialog',
        onclick: (e) => openList(m, contextId, e.currentTarget),
      }),
    );
  } else if (m && m.type === 'template' && m.quickReplies && m.quickReplies.length) {
    row.append(
      el(
        'div',
        { class: 'actions' },
        m.quickReplies.map((payload, i) => {
          const label = (item.quickReplyLabels && item.quickReplyLabels[i]) || payload;
          return el('button', {
            type: 'button',
            class: 'reply-btn',
            'data-payload': payload,
            text: label,
            title: payload,
            onclick: () => send({ quickReplyPayload: payload, buttonTitle: label, contextId }),
          });
        }),
      ),
    );
  }
  return row;
}

function renderMessages() {
  const box = $('messages');
  const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  const nodes = [];
  let lastDay = '';
  for (const item of state.messages) {
    const day = dayKey(new Date(item.at));
    if (day !== lastDay) {
      nodes.push(el('div', { class: 'day', role: 'separator', text: dayLabel(item.at) }));
      lastDay = day;
    }
    nodes.push(item.direction === 'in' ? renderPersonMessage(item) : renderBotMessage(item));
  }
  if (isTyping()) {
    nodes.push(
      el(
        'div',
        { class: 'row in typing-row', role: 'status', 'aria-label': 'El bot está escribiendo' },
        el(
          'div',
          { class: 'bubble' },
          el('span', { class: 'dot' }),
          el('span', { class: 'dot' }),
          el('span', { class: 'dot' }),
        ),
      ),
    );
  }
  const active = document.activeElement;
  const activeKey = active && box.contains(active) ? active.dataset.buttonId || active.dataset.payload : null;
  box.replaceChildren(...nodes);
  if (activeKey)
    box
      .querySelector(`[data-button-id="${CSS.escape(activeKey)}"], [data-payload="${CSS.escape(activeKey)}"]`)
      ?.focus({ preventScroll: true });
  if (nearBottom || state.justSent) box.scrollTop = box.scrollHeight;
  state.justSent = false;
}

function renderDesigner() {
  const s = state.inspected;
  $('state-value').textContent = s ? stateToString(s.state) : 'Sin conversación todavía';
  $('state-version').textContent = s ? String(s.machineVersion) : '—';
  $('state-updated').textContent = s ? `${dayLabel(s.updatedAt)} ${timeOf(s.updatedAt)}` : '—';
  $('state-context').textContent = s ? JSON.stringify(s.context, null, 2) : '—';
  $('state-error').textContent = state.stateError || '';
}

function updateWaiting() {
  const w = state.waiting;
  if (!w) return;
  const idx = state.messages.findIndex((m) => m.direction === 'in' && m.id === w.id);
  const answered = idx >= 0 && state.messages.slice(idx + 1).some((m) => m.direction === 'out');
  const inbound = idx >= 0 ? state.messages[idx] : null;
  if (inbound && inbound.status === 'processed' && !w.processedAt) w.processedAt = Date.now();
  const quietAfterProcessing = w.processedAt && Date.now() - w.processedAt > 2500;
  if (
    answered ||
    quietAfterProcessing ||
    (inbound && inbound.status === 'failed') ||
    Date.now() - w.since > WAIT_TIMEOUT_MS
  ) {
    state.waiting = null;
    if (answered) state.typingUntil = 0;
  }
}

let inflight = null;
let again = false;
async function refresh() {
  if (!state.phone) return;
  if (inflight) {
    again = true;
    return inflight;
  }
  const phone = state.phone;
  inflight = (async () => {
    try {
      const data = await api(`/simulator/api/conversations/${encodeURIComponent(phone)}`);
      if (phone !== state.phone) return;
      state.inspected = data.state;
      state.stateError = data.stateError || '';
      const signature = JSON.stringify(data.messages);
      const changed = signature !== state.signature;
      state.messages = data.messages;
      state.signature = signature;
      const wasTyping = isTyping();
      updateWaiting();
      if (changed || wasTyping !== isTyping() || state.renderedTyping !== isTyping()) {
        state.renderedTyping = isTyping();
        renderMessages();
      }
      renderHeader();
      renderDesigner();
      setSendError('');
      void reportReceipts(phone);
    } catch (err) {
      setSendError(`No se pudo cargar la conversación: ${err.message}`);
    }
  })();
  try {
    await inflight;
  } finally {
    inflight = null;
    if (again) {
      again = false;
      void refresh();
    }
  }
}

/** Like a phone: the bot's messages are "delivered" when they arrive and "read" when shown. */
async function reportReceipts(phone) {
  const fresh = state.messages.filter(
    (m) => m.direction === 'out' && m.waMessageId && ['sent', 'delivered'].includes(m.status),
  );
  const visible = document.visibilityState === 'visible';
  for (const status of visible ? ['delivered', 'read'] : ['delivered']) {
    const ids = fresh
      .filter((m) => {
        const done = state.reported.get(m.waMessageId);
        return status === 'delivered' ? !done && m.status === 'sent' : done !== 'read';
      })
      .map((m) => m.waMessageId);
    if (!ids.length) continue;
    for (const id of ids) state.reported.set(id, status);
    try {
      await api('/simulator/api/read', { phone, messageIds: ids, status });
    } catch {
      for (const id of ids) state.reported.delete(id);
      return;
    }
  }
}

// ---------- Sending ----------

function setSendError(text) {
  $('send-error').textContent = text;
}

async function send(payload) {
  const contact = currentContact();
  if (!contact) return;
  try {
    const res = await api('/simulator/api/messages', {
      from: contact.phone,
      ...(contact.name ? { name: contact.name } : {}),
      ...payload,
    });
    state.waiting = { id: res.id, since: Date.now() };
    state.justSent = true;
    setSendError('');
    if (!state.contacts.some((c) => c.phone === contact.phone))
      saveLocalContact({ phone: contact.phone, name: contact.name });
    await refresh();
    schedulePoll(POLL_WAITING_MS);
    void loadContacts().catch(() => {});
    return true;
  } catch (err) {
    setSendError(`No se envió: ${err.message}`);
    return false;
  }
}

// ---------- List picker ----------

let sheetReturnFocus = null;
function openList(message, contextId, opener) {
  sheetReturnFocus = opener;
  $('list-sheet-title').textContent = message.buttonText;
  const body = $('list-sheet-body');
  let n = 0;
  body.replaceChildren(
    ...message.sections.flatMap((section) =>
      [
        section.title ? el('h3', { class: 'sheet-section', text: section.title }) : null,
        ...section.rows.map((row) => {
          const descId = `list-row-desc-${n++}`;
          return el(
            'button',
            {
              type: 'button',
              class: 'list-row',
              'data-row-id': row.id,
              'aria-label': row.title,
              'aria-describedby': row.description ? descId : undefined,
              onclick: () => {
                closeList();
                void send({
                  listRowId: row.id,
                  listRowTitle: row.title,
                  ...(row.description ? { listRowDescription: row.description } : {}),
                  contextId,
                });
              },
            },
            el(
              'span',
              { class: 'list-row-text' },
              el('span', { text: row.title }),
              row.description ? el('span', { class: 'list-row-desc', id: descId, text: row.description }) : null,
            ),
          );
        }),
      ].filter(Boolean),
    ),
  );
  $('list-sheet').hidden = false;
  body.querySelector('button')?.focus();
}
function closeList() {
  $('list-sheet').hidden = true;
  sheetReturnFocus?.focus?.();
  sheetReturnFocus = null;
}

// ---------- Polling and events ----------

let pollTimer = null;
function schedulePoll(ms) {
  clearTimeout(pollTimer);
  const delay =
    ms ?? (document.visibilityState !== 'visible' ? POLL_HIDDEN_MS : state.waiting ? POLL_WAITING_MS : POLL_IDLE_MS);
  pollTimer = setTimeout(async () => {
    await refresh();
    schedulePoll();
  }, delay);
}

let contactsTimer = null;
function refreshContactsSoon() {
  clearTimeout(contactsTimer);
  contactsTimer = setTimeout(() => void loadContacts().catch(() => {}), 400);
}

function connectEvents() {
  if (!('EventSource' in window)) return;
  const source = new EventSource('/simulator/api/events');
  const onEvent = (e) => {
    let ev;
    try {
      ev = JSON.parse(e.data);
    } catch {
      return;
    }
    if (ev.phone !== state.phone) {
      refreshContactsSoon();
      return;
    }
    if (ev.type === 'typing') {
      state.typingUntil = Date.now() + 10000;
      renderHeader();
      if (state.renderedTyping !== true) {
        state.renderedTyping = true;
        renderMessages();
      }
      schedulePoll(POLL_WAITING_MS);
    } else if (ev.type === 'message') {
      state.typingUntil = 0;
      void refresh();
      // The engine records the message id just after sending: look again shortly.
      setTimeout(() => void refresh(), 300);
      refreshContactsSoon();
    }
  };
  for (const type of ['message', 'typing', 'inbound']) source.addEventListener(type, onEvent);
}

// ---------- Wiring ----------

function normalizePhone(raw) {
  const digits = raw
    .trim()
    .replace(/^\+/, '')
    .replace(/[\s().-]/g, '');
  return /^\d{6,15}$/.test(digits) ? digits : null;
}

function setPanel(open) {
  $('app').classList.toggle('panel-closed', !open);
  $('toggle-panel').setAttribute('aria-expanded', String(open));
}

async function main() {
  $('composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('text');
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    const ok = await send({ text });
    if (!ok && !input.value) input.value = text;
    input.focus();
  });
  $('voice').addEventListener('click', () => void send({ media: 'audio' }));
  $('send-image').addEventListener('click', () => void send({ media: 'image' }));
  $('back').addEventListener('click', () => {
    $('app').dataset.view = 'list';
  });
  $('toggle-panel').addEventListener('click', () => setPanel($('app').classList.contains('panel-closed')));
  $('close-panel').addEventListener('click', () => setPanel(false));
  $('list-sheet-close').addEventListener('click', closeList);
  $('list-sheet').addEventListener('click', (e) => {
    if (e.target === e.currentTarget) closeList();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('list-sheet').hidden) closeList();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      void refresh();
      schedulePoll();
    }
  });
  $('new-contact').addEventListener('submit', (e) => {
    e.preventDefault();
    const phone = normalizePhone($('new-phone').value);
    const err = $('new-contact-error');
    if (!phone) {
      err.textContent = 'El teléfono debe tener de 6 a 15 dígitos, con el prefijo del país (p. ej. +34 611 222 333).';
      return;
    }
    err.textContent = '';
    const name = $('new-name').value.trim() || null;
    saveLocalContact({ phone, name });
    if (!state.contacts.some((c) => c.phone === phone))
      state.contacts.unshift({ phone, name, demo: false, language: null });
    else if (name) state.contacts = state.contacts.map((c) => (c.phone === phone && !c.name ? { ...c, name } : c));
    $('new-phone').value = '';
    $('new-name').value = '';
    selectContact(phone);
  });
  if (window.matchMedia('(max-width: 1100px)').matches) setPanel(false);

  try {
    const config = await api('/simulator/api/config');
    state.timeZone = config.timeZone;
    if (config.docs && config.docs.visualizer) $('visualizer-link').href = config.docs.visualizer;
  } catch {
    /* browser time zone then */
  }
  try {
    await loadContacts();
  } catch (err) {
    $('new-contact-error').textContent = `No se pudieron cargar los contactos: ${err.message}`;
  }
  const fromHash = normalizePhone(decodeURIComponent(location.hash.slice(1)));
  if (fromHash) selectContact(fromHash);
  connectEvents();
  schedulePoll();
  setInterval(() => void loadContacts().catch(() => {}), 10000);
}

void main();
