/**
 * The bench fakes (fake Graph + fake Cal.com, bench/support/load.ts) in a process of their own, so
 * bench/cpu-micro.ts can count the client's CPU and the fakes' CPU apart. Prints one JSON line
 * ({ pid, graphUrl, calUrl, apiKey, eventTypeId, token, phoneNumberId }) and runs until stdin closes.
 */
import { startFakes } from './load.js';

const fakes = await startFakes();
process.stdout.write(
  JSON.stringify({
    pid: process.pid,
    graphUrl: fakes.graph.url,
    calUrl: fakes.cal.url,
    apiKey: fakes.cal.apiKey,
    eventTypeId: fakes.cal.eventTypeId,
    token: 'bench-graph-token',
    phoneNumberId: '100000000000001',
  }) + '\n',
);
// The fakes keep every request for tests' assertions; a long micro-bench would only grow them.
setInterval(() => {
  fakes.graph.sent.length = 0;
  fakes.graph.reads.length = 0;
  fakes.graph.requests.length = 0;
  fakes.cal.requests.length = 0;
}, 1000).unref();
process.stdin.resume();
process.stdin.on('end', () => {
  void fakes.close().then(() => process.exit(0));
});
