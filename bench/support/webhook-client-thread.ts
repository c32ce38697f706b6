/** The Meta-like webhook client's thread (see `webhookClient` in ./load.ts): posts and times. */
import { parentPort, workerData } from 'node:worker_threads';
import { inThreadWebhookClient } from './load.js';

const { urls, inFlight } = workerData as { urls: string[]; inFlight: number };
const client = inThreadWebhookClient(urls, inFlight);
parentPort!.on('message', (m: { id: number; raw: string }) => {
  void client.post(m.raw).then((r) => parentPort!.postMessage({ id: m.id, ...r }));
});
