/** Starts Reserva: `npm start`. Prints which providers are active and what to set to go live. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { startProcessingThreads, type ProcessingThread } from './processing/host.js';
import { profileWindow } from './metrics/profile-window.js';
import { queryStats, queryStatsEnabled } from './db/query-stats.js';

async function main() {
  let reserva;
  // Issue 12: turns in their own thread (PROCESSING_THREAD; src/processing/), so that webhooks are
  // acknowledged at once whatever the backlog.
  let processing: ProcessingThread | null = null;
  let threads = 0;
  try {
    // Read once: the thread choice below and buildApp use the same configuration.
    const config = loadConfig(process.env);
    const engineConfig = config.engine;
    if (engineConfig.thread === 'worker') {
      const writeGate = new Int32Array(new SharedArrayBuffer(4));
      reserva = await buildApp({
        config,
        role: 'http',
        writeGate,
        remote: {
          handOver: async (phone, settle) => processing?.handOver(phone, settle),
          backlog: () => processing?.backlog() ?? 0,
          metrics: async () => (processing ? processing.metrics() : []),
        },
      });
      const log = reserva.app.log as unknown as Parameters<typeof startProcessingThreads>[1]['logger'];
      threads = engineConfig.threads;
      processing = startProcessingThreads(threads, {
        logger: log,
        writeGate,
        nice: engineConfig.nice,
        onExit: (code) => process.exit(code),
      });
      await processing.ready;
    } else reserva = await buildApp({ config });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { app, config } = reserva;
  const address = await app.listen({ port: config.port, host: config.host });
  const base = address.replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  app.log.info(
    {
      address,
      database: reserva.db.provider,
      calendar: config.useCalCom ? 'cal.com' : 'demo (built-in)',
      whatsapp: config.useWhatsAppCloud ? 'cloud api' : 'simulator',
    },
    'Reserva is running',
  );
  const lines = [`Reserva is running on ${base}`];
  if (config.simulatorEnabled) lines.push(`  Chat simulator: ${base}/simulator`);
  const demoCalendar = 'built-in demo calendar — set CAL_API_KEY and CAL_EVENT_TYPE_ID to use Cal.com';
  lines.push(`  Calendar: ${config.useCalCom ? `Cal.com (event type ${config.cal.eventTypeId})` : demoCalendar}`);
  const simulator =
    'chat simulator — set WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET ' +
    'and WHATSAPP_VERIFY_TOKEN to go live';
  lines.push(`  WhatsApp: ${config.useWhatsAppCloud ? 'Cloud API' : simulator}`);
  lines.push(`  Database: ${reserva.db.provider}`);
  lines.push(
    processing
      ? `  Processing: ${threads === 1 ? 'its own thread' : `${threads} threads`} ` +
          '(webhooks are acknowledged at once)'
      : '  Processing: in the HTTP thread (PROCESSING_THREAD=worker to give it its own; needs SIMULATOR=0)',
  );
  lines.push(`  Privacy notice: ${reserva.privacy.privacyUrl}`);
  if (!address.startsWith('https:'))
    lines.push('  HTTPS: off — set TLS_CERT_FILE and TLS_KEY_FILE, or run behind a TLS proxy with TRUST_PROXY');
  console.log(lines.join('\n'));

  const profiling = profileWindow(process.env.RESERVA_PROFILE, { onStart: () => processing?.startProfile() });
  // SIGTERM/SIGINT (and an uncaught exception): stop accepting, finish the turns in flight, give up
  // the leases, stop the job worker, close the database. Exit 0 when all closed, 1 when closing
  // failed or took longer than SHUTDOWN_GRACE (default 10s).
  closeWithGrace(
    {
      delay: config.shutdownGraceMs,
      logger: { error: (message: unknown) => app.log.error({ err: message }, 'shutdown did not complete') },
      // A stray rejection is logged, not a reason to stop serving everyone else. SIGUSR2 opens the
      // benchmark's profile window (RESERVA_PROFILE): not a shutdown then.
      skip: process.env.RESERVA_PROFILE ? ['unhandledRejection', 'SIGUSR2'] : ['unhandledRejection'],
    },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'uncaught exception: shutting down');
      else app.log.info({ signal }, 'shutting down: draining requests and background work');
      try {
        await reserva.close();
        await processing?.close();
      } finally {
        await profiling.stop();
        if (queryStatsEnabled && !process.env.RESERVA_PROFILE) {
          const cpu = process.cpuUsage();
          console.error(JSON.stringify({ queryStats: { ...queryStats, cpuMicros: cpu.user + cpu.system } }));
        }
      }
      app.log.info('shut down cleanly');
    },
  );
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
}

void main();
