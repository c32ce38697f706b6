// Reserva insights page: figures from GET /admin/metrics drawn with Chart.js (served from
// node_modules) and the funnel drawn on each exported statechart. The token lives in sessionStorage.
import { drawStatechart } from '/admin/insights/statechart.js';

const KEY = 'reserva.admin.token';
const $ = (id) => document.getElementById(id);
const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
const charts = {};
let machines = null;

function showLogin(message) {
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

function query() {
  const p = new URLSearchParams();
  if ($('from').value) p.set('from', new Date(`${$('from').value}T00:00:00Z`).toISOString());
  if ($('to').value) p.set('to', new Date(Date.parse(`${$('to').value}T00:00:00Z`) + 86_400_000).toISOString());
  p.set('granularity', $('granularity').value);
  return p.toString();
}

function chart(id, config) {
  charts[id]?.destroy();
  charts[id] = new window.Chart($(id), {
    ...config,
    options: { animation: false, responsive: true, ...(config.options || {}) },
  });
  $(id).dataset.rendered = 'true';
}

function table(id, head, rows) {
  const t = $(id);
  t.replaceChildren();
  const tr = document.createElement('tr');
  for (const h of head) tr.append(Object.assign(document.createElement('th'), { textContent: h }));
  t.append(tr);
  for (const r of rows) {
    const row = document.createElement('tr');
    for (const c of r) row.append(Object.assign(document.createElement('td'), { textContent: String(c) }));
    t.append(row);
  }
}

function render(m) {
  const kpis = [
    ['Entregados', pct(m.deliveryRate)],
    ['Leídos', pct(m.readRate)],
    ['Clics', pct(m.clickThroughRate)],
    ['Reservas hechas', m.bookings],
    ['Citas en el periodo', m.appointments],
    ['Ausencias', pct(m.noShowRate)],
    ['Cancelaciones', pct(m.cancellationRate)],
    ['Traspasos', m.handoffs.total],
    ['Bajas', m.optOuts],
  ];
  $('kpis').replaceChildren(
    ...kpis.map(([label, value]) => {
      const d = document.createElement('div');
      d.className = 'kpi';
      d.append(
        Object.assign(document.createElement('b'), { textContent: String(value) }),
        Object.assign(document.createElement('span'), { textContent: label }),
      );
      return d;
    }),
  );
  // Kinds that went out in the period (every known kind is listed, with zeros).
  const kinds = Object.keys(m.byMessageKind).filter((k) => m.byMessageKind[k].total > 0);
  const r = (k, f) => (m.byMessageKind[k][f] ?? 0) * 100;
  chart('chart-kinds', {
    type: 'bar',
    data: {
      labels: kinds,
      datasets: [
        { label: 'Entrega %', data: kinds.map((k) => r(k, 'deliveryRate')) },
        { label: 'Lectura %', data: kinds.map((k) => r(k, 'readRate')) },
        { label: 'Clics %', data: kinds.map((k) => r(k, 'clickThroughRate')) },
      ],
    },
  });
  chart('chart-series', {
    type: 'line',
    data: {
      labels: m.series.map((s) => s.period),
      datasets: [
        { label: 'Reservas hechas', data: m.series.map((s) => s.bookings) },
        { label: 'Citas (por fecha de la cita)', data: m.series.map((s) => s.appointments) },
        { label: 'Cancelaciones', data: m.series.map((s) => s.cancelled) },
        { label: 'Ausencias', data: m.series.map((s) => s.noShows) },
      ],
    },
  });
  const paths = {
    confirmedFromReminder: 'Confirmó al recordatorio',
    remindedOther: 'Respondió otra cosa',
    remindedSilent: 'Recordado, sin respuesta',
    notReminded: 'Sin recordatorio',
  };
  chart('chart-paths', {
    type: 'bar',
    data: {
      labels: Object.values(paths),
      datasets: [
        { label: 'Ausencias %', data: Object.keys(paths).map((p) => (m.byReminderPath[p].noShowRate ?? 0) * 100) },
        {
          label: 'Cancelaciones %',
          data: Object.keys(paths).map((p) => (m.byReminderPath[p].cancellationRate ?? 0) * 100),
        },
      ],
    },
  });
  chart('chart-feedback', {
    type: 'bar',
    data: {
      labels: ['1', '2', '3', '4', '5'],
      datasets: [
        { label: 'Valoraciones', data: ['1', '2', '3', '4', '5'].map((k) => m.feedback.distribution[k] ?? 0) },
      ],
    },
  });
  const box = $('statecharts');
  box.replaceChildren();
  for (const [name, machine] of Object.entries(machines)) {
    const section = document.createElement('section');
    section.className = 'statechart';
    section.append(Object.assign(document.createElement('h3'), { textContent: name }));
    section.append(drawStatechart(name, machine, m.funnel[name]));
    box.append(section);
  }
  table('failures', ['Código', 'Mensajes'], Object.entries(m.failuresByErrorCode));
  table(
    'unknown',
    ['Cuándo', 'Texto'],
    m.unknownIntents.items.map((u) => [u.at.slice(0, 16).replace('T', ' '), u.text]),
  );
  document.body.dataset.ready = 'true';
}

async function load() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return showLogin();
  const headers = { authorization: `Bearer ${token}` };
  const res = await fetch(`/admin/metrics?${query()}`, { headers });
  if (res.status === 401 || res.status === 403) {
    sessionStorage.removeItem(KEY);
    return showLogin((await res.json().catch(() => ({}))).message);
  }
  if (!res.ok) return showLogin(`Error ${res.status}`);
  machines ??= await (await fetch('/admin/insights/machines.json')).json();
  $('login').hidden = true;
  $('app').hidden = false;
  render(await res.json());
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, $('token').value.trim());
  load();
});
for (const id of ['from', 'to', 'granularity']) $(id).addEventListener('change', load);
$('csv').addEventListener('click', async (e) => {
  e.preventDefault();
  const res = await fetch(`/admin/metrics.csv?${query()}`, {
    headers: { authorization: `Bearer ${sessionStorage.getItem(KEY)}` },
  });
  const url = URL.createObjectURL(await res.blob());
  Object.assign(document.createElement('a'), { href: url, download: 'reserva-metrics.csv' }).click();
});
load();
