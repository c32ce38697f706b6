import { understand } from './src/nlu/index.js';
const ref = '2026-11-25T10:00:00+01:00';
for (const t of process.argv.slice(2)) { const u = understand(t, { reference: ref, timeZone: 'Europe/Madrid' }); console.log(JSON.stringify(t), u.language, u.intent, u.when?.start?.slice(0,16), u.when?.end?.slice(0,16), u.when?.grain); }
