// Reserva staff inbox. Plain ES module, no dependencies. The token lives in sessionStorage only
// (this tab); every API call sends it as a Bearer token; live changes arrive over SSE read with
// fetch (EventSource can't send an Authorization header).
const KEY = 'reserva.admin.token';
const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem(KEY) || '',
  role: null,
  filter: '',
  items: [],
  openId: null,
  open: null,
  stream: null,
};

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return null;
  }
}

async function call(method, path, body) {
  const headers = { authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (res.status === 401) {
    logout(json?.message || 'La sesión ha caducado: pega un token nuevo.');
    throw new Error('unauthorized');
  }
  if (!res.ok) throw Object.assign(new Error(json?.message || `Error ${res.status}`), { status: res.status });
  return json;
}

const fmtTime = (iso) => {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
};
const display = (c) => c.name || `+${c.phone}`;
const STATE_LABEL = {
  handoff: 'Espera a una persona',
  idle: 'Con el bot',
  booking: 'Reservando',
  rescheduling: 'Cambiando cita',
  cancellation: 'Cancelando',
  confirmation: 'Confirmando',
  feedback: 'Valorando',
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// ── login ──────────────────────────────────────────────────────────────────────────────────────
async function login(token) {
  const c = claims(token);
  if (!c || !c.role) throw new Error('Eso no parece un token de Reserva (npm run admin:token).');
  if (c.exp && c.exp * 1000 < Date.now()) throw new Error('Este token ha caducado: crea uno nuevo.');
  state.token = token;
  state.role = c.role;
  await call('GET', '/admin/conversations?limit=1');
  sessionStorage.setItem(KEY, token);
  $('login').hidden = true;
  $('app').hidden = false;
  const until = c.exp ? new Date(c.exp * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : null;
  const role = c.role === 'admin' ? 'administración' : 'solo lectura';
  $('whoami').textContent = `${c.sub || 'staff'} · ${role}${until ? ` · hasta ${until}` : ''}`;
  await refreshList();
  connectLive();
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('contact');
  if (fromHash) await openContact(fromHash);
}

function logout(message) {
  sessionStorage.removeItem(KEY);
  state.token = '';
  state.stream?.abort();
  state.stream = null;
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await login($('token').value.trim());
  } catch (err) {
    if (err.message !== 'unauthorized') $('login-error').textContent = err.message;
  }
});
$('logout').addEventListener('click', () => logout(''));

// ── list ───────────────────────────────────────────────────────────────────────────────────────
async function refreshList() {
  const q = state.filter ? `?state=${state.filter}` : '';
  const [list, waiting] = await Promise.all([
    call('GET', `/admin/conversations${q}`),
    state.filter === 'handoff' ? null : call('GET', '/admin/conversations?state=handoff'),
  ]);
  state.items = list.items;
  const waitingCount = (waiting ?? list).items.length;
  $('waiting-count').textContent = waitingCount ? `(${waitingCount})` : '';
  renderList();
}

function renderList() {
  const ul = $('conversations');
  ul.replaceChildren(
    ...state.items.map((it) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            'aria-current': String(it.contact.id === state.openId),
            dataset: { contact: it.contact.id, state: it.state },
            onclick: () => openContact(it.contact.id),
          },
          el(
            'span',
            { class: 'name' },
            display(it.contact),
            ' ',
            it.state === 'handoff' ? el('span', { class: 'tag handoff' }, 'Espera') : null,
          ),
          el(
            'span',
            { class: 'time' },
            it.waitingSince ? `desde ${fmtTime(it.waitingSince)}` : fmtTime(it.lastActivityAt),
          ),
          el(
            'span',
            { class: 'preview' },
            it.lastMessage
              ? `${it.lastMessage.direction === 'out' ? '↪ ' : ''}${it.lastMessage.text.split('\n')[0]}`
              : STATE_LABEL[it.state] || it.state,
          ),
        ),
      ),
    ),
  );
  $('list-empty').hidden = state.items.length > 0;
}

for (const b of document.querySelectorAll('.filter')) {
  b.addEventListener('click', async () => {
    state.filter = b.dataset.filter;
    for (const o of document.querySelectorAll('.filter')) o.setAttribute('aria-selected', String(o === b));
    await refreshList();
  });
}

// ── one conversation ───────────────────────────────────────────────────────────────────────────
async function openContact(id) {
  state.openId = id;
  history.replaceState(null, '', `#contact=${encodeURIComponent(id)}`);
  $('app').dataset.view = 'chat';
  await refreshOpen(true);
  renderList();
}

const STATUS_LABEL = { read: 'leído', delivered: 'entregado', sent: 'enviado', queued: 'en cola' };
const statusLabel = (m) =>
  m.status === 'failed' ? `no enviado${m.error ? `: ${m.error}` : ''}` : STATUS_LABEL[m.status] || 'en cola';

async function refreshOpen(scroll) {
  if (!state.openId) return;
  const d = await call('GET', `/admin/contacts/${encodeURIComponent(state.openId)}`);
  state.open = d;
  $('placeholder').hidden = true;
  $('chat-body').hidden = false;
  $('chat-name').textContent = display(d.contact);
  $('chat-meta').textContent = [
    `+${d.contact.phone}`,
    d.contact.language,
    d.bookings.filter((b) => b.status === 'accepted').length
      ? `${d.bookings.filter((b) => b.status === 'accepted').length} cita(s)`
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const st = d.conversation?.state ?? 'idle';
  const chip = $('chat-state');
  chip.textContent = STATE_LABEL[st] || st;
  chip.className = `tag state ${st === 'handoff' ? 'handoff' : ''}`;
  const isAdmin = state.role === 'admin';
  $('take-over').hidden = !isAdmin || st === 'handoff';
  $('release').hidden = !isAdmin || st !== 'handoff';
  $('composer').hidden = !isAdmin;
  const banner = $('window-banner');
  banner.hidden = d.window.open;
  banner.textContent = d.window.open
    ? ''
    : d.window.template
      ? 'La ventana de 24 h de WhatsApp está cerrada: tu mensaje saldrá como plantilla aprobada.'
      : 'La ventana de 24 h de WhatsApp está cerrada: no se puede escribir hasta que la persona escriba ' +
        '(o configura STAFF_TEMPLATE_NAME).';
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(
    ...d.messages.map((m) =>
      el(
        'li',
        { class: `msg${m.status === 'failed' ? ' failed' : ''}`, dataset: { direction: m.direction, id: m.id } },
        m.text,
        el(
          'span',
          { class: 'meta' },
          fmtTime(m.at),
          m.direction === 'out' ? ` · ${statusLabel(m)}` : '',
        ),
      ),
    ),
  );
  if (scroll || atBottom) list.scrollTop = list.scrollHeight;
}

async function act(button, fn) {
  $('send-error').textContent = '';
  button.disabled = true;
  try {
    await fn();
    await Promise.all([refreshOpen(true), refreshList()]);
  } catch (err) {
    if (err.message !== 'unauthorized') $('send-error').textContent = err.message;
  } finally {
    button.disabled = false;
  }
}

$('take-over').addEventListener('click', (e) =>
  act(e.currentTarget, () => call('POST', `/admin/contacts/${encodeURIComponent(state.openId)}/handoff`)),
);
$('release').addEventListener('click', (e) =>
  act(e.currentTarget, () => call('DELETE', `/admin/contacts/${encodeURIComponent(state.openId)}/handoff`)),
);
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('reply').value.trim();
  if (!text) return;
  void act($('send'), async () => {
    await call('POST', `/admin/contacts/${encodeURIComponent(state.openId)}/messages`, { text });
    $('reply').value = '';
    autosize();
  });
});
const autosize = () => {
  const t = $('reply');
  t.style.height = 'auto';
  t.style.height = `${Math.min(t.scrollHeight, 160)}px`;
};
$('reply').addEventListener('input', autosize);
$('reply').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('composer').requestSubmit();
  }
});
$('back').addEventListener('click', () => {
  $('app').dataset.view = 'list';
  state.openId = null;
  history.replaceState(null, '', '#');
  renderList();
});

// ── live ───────────────────────────────────────────────────────────────────────────────────────
let pending = null;
function onChange(change) {
  const touchesOpen =
    state.open &&
    (change.contactIds.includes(state.open.contact.id) || change.phones.includes(state.open.contact.phone));
  clearTimeout(pending);
  pending = setTimeout(() => {
    void refreshList().catch(() => {});
    if (touchesOpen) void refreshOpen(false).catch(() => {});
  }, 150);
}

async function connectLive() {
  state.stream?.abort();
  const ctrl = new AbortController();
  state.stream = ctrl;
  try {
    const res = await fetch('/admin/events', {
      headers: { authorization: `Bearer ${state.token}`, accept: 'text/event-stream' },
      signal: ctrl.signal,
    });
    if (res.status === 401) return logout('La sesión ha caducado: pega un token nuevo.');
    if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
    $('live').classList.add('on');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'change' && data) onChange(JSON.parse(data));
      }
    }
  } catch (err) {
    if (ctrl.signal.aborted) return;
  } finally {
    $('live').classList.remove('on');
  }
  if (!ctrl.signal.aborted && state.token) setTimeout(() => state.stream === ctrl && connectLive(), 2000);
}

if (state.token) {
  $('token').value = state.token;
  login(state.token).catch((err) => {
    if (err.message !== 'unauthorized') logout(err.message);
  });
}
