/**
 * Matching a business question against the knowledge file (pure): a custom FAQ entry by phrasing
 * overlap, and whether a topic (price, parking…) has an answer in the file at all.
 */
import type { QuestionTopic } from '../../machines/types.js';
import { clean } from '../nlu/index.js';
import type { Knowledge } from './types.js';

/**
 * Words that carry no meaning for matching ("¿dónde está el…?" ≈ "dónde está"): articles, pronouns,
 * possessives, courtesy, everyday verbs and ages ("de 4 años").
 */
const STOP = new Set(
  `el la los las un una unos unas de del a al en y o que se me te lo le mi mis tu tus su sus es son por para con
  hay puedo puede pueden podeis podemos podria teneis tienen tiene tengo tener quiero hacer pero tambien hola
  gracias buenas pregunta una duda si ya ok vale bueno
  the an of to in and or is are do does you i can could may my your it for with there get have has be ok so
  hi hello thanks please question also will would
  o os as um uma do da dos das no na nos nas e com voces voce posso pode tem meu minha meus minhas seu sua
  oi ola obrigado obrigada pergunta tambem
  anos ano years year old meses`.split(/\s+/),
);

/**
 * Words (and two-word phrases) that mean the same for matching, in es / en / pt: "hijo", "hija",
 * "niños", "filha", "criança", "kids" are all `child`; "ir con", "llevar", "traer", "bring" are all
 * `bring` (new-user run: "pero puedo ir con mi hijo??" missed "¿Puedo llevar a mi hijo?").
 */
const CONCEPTS: Record<string, string> = {};
const PAIRS: Record<string, string> = {};
for (const [concept, forms] of Object.entries({
  child: `hijo hija hijos hijas nino nina ninos ninas nene nena nenes nenas crio cria crios peque peques pequeno
    pequena bebe bebes menor menores child children kid kids my_son our_son a_son my_sons daughter daughters baby
    babies toddler filho filha filhos filhas crianca criancas menino menina meninos meninas`,
  bring: `llevar llevo lleve traer traigo traiga bring bringing take levar levo trazer trago ir_con venir_con
    vengo_con voy_con come_with go_with ir_com vir_com venho_com vou_com acompanado acompanada accompanied
    acompanhado acompanhada`,
  attend: `atender atendeis atienden atiende atendemos atendem atende see treat treats attend atendimento`,
  wheelchair: `silla_de wheelchair cadeira_de`,
  accessible: `accesible accesibles accessible acessivel acessiveis access acceso acesso`,
})) {
  for (const form of forms.split(/\s+/).filter(Boolean)) {
    if (form.includes('_')) PAIRS[form.replace('_', ' ')] = concept;
    else CONCEPTS[form] = concept;
  }
}
// ("son" alone is Spanish "are": only "my son" is a child)
/** Concepts every phrasing shares with everyday questions: a match needs one more word in common. */
const WEAK = new Set(['bring', 'attend']);

/** The content words of a text (cleaned by the NLU's clean(): accents, "vcs", "q", "pq", "tb"), as concepts. */
function words(s: string): string[] {
  const toks = clean(s).split(' ');
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i]!;
    const pair = PAIRS[`${w} ${toks[i + 1] ?? ''}`];
    if (pair) {
      out.push(pair);
      i++;
      continue;
    }
    if (w.length > 1 && !STOP.has(w)) out.push(CONCEPTS[w] ?? w);
  }
  return out;
}

/** The whole question, and each of its sentences ("hola! una pregunta: ¿puedo ir con mi hijo? gracias"). */
function parts(question: string): Set<string>[] {
  const pieces = [question, ...question.split(/[?!.\n¿¡:;]+/)];
  return pieces.map((p) => new Set(words(p))).filter((p) => p.size > 0);
}

/**
 * The FAQ entry whose phrasings share the most meaningful words with the question (Dice
 * coefficient ≥ 0.5 over the question's — or one of its sentences' — and the phrasing's content
 * words, with at least one shared word that is not an everyday verb like "bring" or "attend"), or
 * undefined.
 */
export function matchFaq(k: Knowledge, question: string): string | undefined {
  const qs = parts(question);
  if (!qs.length) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const entry of k.faq) {
    for (const phrasings of Object.values(entry.questions)) {
      for (const phrasing of phrasings ?? []) {
        const p = new Set(words(phrasing));
        if (!p.size) continue;
        for (const q of qs) {
          let common = 0;
          let strong = false;
          for (const w of p)
            if (q.has(w)) {
              common++;
              if (!WEAK.has(w)) strong = true;
            }
          const score = (2 * common) / (p.size + q.size);
          if (strong && score >= 0.5 && (!best || score > best.score)) best = { id: entry.id, score };
        }
      }
    }
  }
  return best?.id;
}

/** Does the knowledge file say anything about this topic? */
export function answerableTopic(k: Knowledge | undefined, topic: QuestionTopic): boolean {
  if (!k) return false;
  switch (topic) {
    case 'price':
    case 'services':
      return k.services.length > 0;
    case 'address':
      return Boolean(k.address);
    case 'parking':
      return k.parking !== undefined;
    case 'payment':
      return k.payment !== undefined;
    case 'cancellation_policy':
      return k.cancellationPolicy !== undefined;
    case 'hours':
      return k.hoursText !== undefined;
    case 'other':
      return false;
  }
}
