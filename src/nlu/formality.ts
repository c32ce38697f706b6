/** How the person addresses us in Spanish: tú (default), vos (voseo) or usted. */
import { imperatives } from './lexicon.js';
import { list, phrases } from './phrases.js';

const VOS_ACCENTED =
  /(?:^|[^\p{L}])(?:tenés|podés|querés|sabés|sos|hacés|decís|venís|tenés|pensás|preferís|vos)(?=$|[^\p{L}])/iu;
const VOS = phrases(
  list(`vos, tenes, podes, queres, sos, decime, fijate, contame, hacelo, haceme, pasame vos, avisame vos, preferis,
    necesitas vos`),
);
const USTED = phrases([
  ...list(`usted, disculpe, perdone, digame, me puede, me podria, puede usted, podria usted, le agradezco, le escribo,
    le molesto, tiene usted, sabe usted, le consulto, le pregunto, quisiera saber si tiene, quisiera saber si puede,
    sera tan amable, seria tan amable, le importaria, podria darme, podria decirme, podria ayudarme,
    podria indicarme, podria reservarme, podria atenderme, podria comunicar, puede darme, puede decirme,
    puede ayudarme, puede indicarme, tiene hueco, tiene turno, tiene cita, tiene disponibilidad, tiene lugar,
    tendria hueco, tendria turno, tendria algo, me daria, me reserva`),
  // "confírmela", "resérvemela", "cancélela", "cámbiela" (new-user run)
  ...imperatives(['confirm', 'reserv', 'agend', 'cancel', 'cambi', 'anot', 'apunt', 'pas'], ['e']),
]);
/**
 * Vos imperatives with two clitics keep their written stress on the verb's ending: "confirmámela",
 * "reservámela", "cambiámela" (tú: "confírmamela"). "dámela" (one syllable before) is both.
 */
const VOS_CLITICS = /(?:^|[^\p{L}])[a-zñ]{3,}á(?:me|nos)l[ao]s?(?=$|[^\p{L}])/iu;

export function detectFormality(raw: string, t: string): 'tu' | 'vos' | 'usted' {
  if (VOS_ACCENTED.test(raw) || VOS_CLITICS.test(raw) || VOS.test(t)) return 'vos';
  if (USTED.test(t)) return 'usted';
  return 'tu';
}
