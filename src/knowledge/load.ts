/**
 * Loads the business's knowledge file (business.yaml, path in BUSINESS_FILE): parsed with `yaml`,
 * validated with `zod`. Every problem is reported with where it is and what to write instead.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import type { Knowledge } from './types.js';
import { growthSchema } from '../growth/config.js';

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.union([text, z.object({ es: text.optional(), en: text.optional(), pt: text.optional() }).strict()]);
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_" (e.g. "parking-night")');

const schema = z
  .object({
    name: text,
    address: z
      .object({ text, mapUrl: z.url('must be a full https:// link').optional() })
      .strict()
      .optional(),
    phone: text.optional(),
    hoursText: localized.optional(),
    services: z
      .array(
        z
          .object({
            id,
            name: localized,
            price: text.optional(),
            durationMinutes: z
              .number()
              .int()
              .positive()
              .max(24 * 60)
              .optional(),
            description: localized.optional(),
            calEventTypeId: z.number().int().positive().optional(),
            // Growth (issue 16): the "how to prepare" text sent with the 24 h reminder.
            prepare: localized.optional(),
          })
          .strict(),
      )
      .default([]),
    parking: localized.optional(),
    payment: localized.optional(),
    cancellationPolicy: localized.optional(),
    faq: z
      .array(
        z
          .object({
            id,
            questions: z
              .object({ es: z.array(text).optional(), en: z.array(text).optional(), pt: z.array(text).optional() })
              .strict(),
            answer: localized,
          })
          .strict(),
      )
      .default([]),
    // Growth (issue 16): scores, segments, upsell, win-back (src/growth/config.ts).
    growth: growthSchema.optional(),
  })
  .strict();

export class KnowledgeFileError extends Error {
  constructor(file: string, problems: string[]) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    super(`Knowledge file ${file} is not valid:\n${list}\nSee README "Knowledge file" for the format.`);
    this.name = 'KnowledgeFileError';
  }
}

/** Parses and validates the YAML text of a knowledge file. `file` names it in errors. */
export function parseKnowledge(source: string, file = 'business.yaml'): Knowledge {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw new KnowledgeFileError(file, [`it is not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`]);
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`,
    );
    throw new KnowledgeFileError(file, problems);
  }
  const k = result.data as Knowledge;
  const dupes = (ids: string[]) => ids.filter((x, i) => ids.indexOf(x) !== i);
  const problems = [
    ...dupes(k.services.map((s) => s.id)).map((d) => `services: the id "${d}" is used twice`),
    ...dupes(k.faq.map((f) => f.id)).map((d) => `faq: the id "${d}" is used twice`),
    ...k.faq
      .filter((f) => !Object.values(f.questions).some((q) => q?.length))
      .map((f) => `faq.${f.id}.questions: give at least one phrasing`),
    ...growthProblems(k),
  ];
  if (problems.length) throw new KnowledgeFileError(file, problems);
  return k;
}

/** Reads the knowledge file at `path`; a missing or invalid file is a clear error. */
export function loadKnowledge(path: string): Knowledge {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KnowledgeFileError(path, [
      `it can't be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check BUSINESS_FILE`,
    ]);
  }
  return parseKnowledge(source, path);
}

/** Growth (issue 16): upsell offers must name services, and the add-on must be bookable. */
function growthProblems(k: Knowledge): string[] {
  const byId = new Map(k.services.map((s) => [s.id, s]));
  return (k.growth?.upsell.offers ?? []).flatMap((o, i) => {
    const out: string[] = [];
    if (o.after !== '*' && !byId.has(o.after)) out.push(`growth.upsell.offers.${i}.after: no service "${o.after}"`);
    const offered = byId.get(o.offer);
    if (!offered) out.push(`growth.upsell.offers.${i}.offer: no service "${o.offer}"`);
    else if (!offered.calEventTypeId)
      out.push(`growth.upsell.offers.${i}.offer: the service "${o.offer}" needs a calEventTypeId to be booked`);
    return out;
  });
}
