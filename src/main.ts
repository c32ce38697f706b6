/** Starts Reserva: `npm start`. Prints which providers are active and what to set to go live. */
import { buildApp } from './app.js';
import { ConfigError } from './config.js';

async function main() {
  let reserva;
  try {
    reserva = await buildApp();
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
  lines.push(`  Calendar: ${config.useCalCom ? `Cal.com (event type ${config.cal.eventTypeId})` : 'built-in demo calendar — set CAL_API_KEY and CAL_EVENT_TYPE_ID to use Cal.com'}`);
  lines.push(`  WhatsApp: ${config.useWhatsAppCloud ? 'Cloud API' : 'chat simulator — set WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN to go live'}`);
  lines.push(`  Database: ${reserva.db.provider}`);
  lines.push(`  Privacy notice: ${reserva.privacy.privacyUrl}`);
  if (!address.startsWith('https:')) lines.push('  HTTPS: off — set TLS_CERT_FILE and TLS_KEY_FILE, or run behind a TLS proxy with TRUST_PROXY');
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await reserva.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
}

void main();
