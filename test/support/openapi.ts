/**
 * Checks recorded HTTP requests/responses against Cal.com's OpenAPI 3.0 spec with ajv.
 *
 * OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a `null` type; `example`/`deprecated` are
 * ignored (ajv strict mode off). `oneOf` becomes `anyOf` because the spec's polymorphic schemas are
 * not mutually exclusive (NestJS emits them without discriminators: a plain booking matches both
 * BookingOutput and GetSeatedBookingOutput), so `oneOf` would reject every real response. To keep
 * request checks sharp, bodies are also checked for properties the intended schema doesn't declare.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const SPEC_PATH = resolve(process.cwd(), '../shared/specs/calcom-api-v2.openapi.json');
export const specAvailable = existsSync(SPEC_PATH);

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Operation {
  template: string;
  method: string;
  op: Json;
}

function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (
      k === 'example' ||
      k === 'examples' ||
      k === 'deprecated' ||
      k === 'nullable' ||
      k === 'discriminator' ||
      k === 'xml'
    )
      continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\//, 'spec#/');
    else if (k === 'oneOf') out.anyOf = convert(v);
    else out[k] = convert(v);
  }
  // Spec quirk: NestJS writes `type: object` for literal `true` fields (e.g. bookingFields[].isDefault,
  // example/default true). Such a schema says nothing about objects, so leave the value unconstrained.
  const hint = node.default ?? node.example;
  if (node.type === 'object' && !node.properties && hint !== undefined && (typeof hint !== 'object' || hint === null))
    delete out.type;
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (!out.type) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export class OpenApiChecker {
  readonly spec: Json;
  private ajv: Ajv;
  private cache = new Map<string, ValidateFunction>();

  constructor(path = SPEC_PATH) {
    this.spec = JSON.parse(readFileSync(path, 'utf8'));
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    const addFormats =
      (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (a: Ajv) => void)(this.ajv);
    const schemas = convert(this.spec.components.schemas);
    // Spec quirk: EmailDefaultFieldOutput.required is typed `object` but Cal.com sends a boolean (its
    // own description: "Can be set to false only for organization team event types…").
    const emailRequired = schemas.EmailDefaultFieldOutput_2024_06_14?.properties?.required;
    if (emailRequired?.type === 'object' && !emailRequired.properties) emailRequired.type = ['boolean', 'object'];
    this.ajv.addSchema({ $id: 'spec', components: { schemas } });
  }

  /** The spec operation for a concrete path, preferring templates with more literal segments. */
  find(method: string, path: string): Operation | undefined {
    const candidates = Object.keys(this.spec.paths)
      .filter((t) => new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(path))
      .sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length);
    for (const t of candidates) {
      const op = this.spec.paths[t][method.toLowerCase()];
      if (op) return { template: t, method: method.toUpperCase(), op };
    }
    return undefined;
  }

  validate(schema: Json, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(convert(schema));
      this.cache.set(key, fn);
    }
    return fn(value)
      ? []
      : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Resolves `#/components/...` refs and merges allOf, for walking a schema by hand. */
  deref(schema: Json): Json {
    let s = schema;
    while (s?.$ref)
      s = s.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((o: Json, k: string) => o[k], this.spec);
    if (s?.allOf) {
      const merged: Json = { ...s, properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
      delete merged.allOf;
      for (const part of s.allOf.map((p: Json) => this.deref(p))) {
        Object.assign(merged.properties, part.properties ?? {});
        merged.required.push(...(part.required ?? []));
        if (part.type) merged.type = part.type;
      }
      return merged;
    }
    return s;
  }

  /** Properties present in `value` that `schema` does not declare (recursively), e.g. typos. */
  unknownProperties(schema: Json, value: unknown, at = ''): string[] {
    const s = this.deref(schema);
    if (!s || value === null || typeof value !== 'object') return [];
    if (Array.isArray(value))
      return s.items ? value.flatMap((v, i) => this.unknownProperties(s.items, v, `${at}/${i}`)) : [];
    if (!s.properties || s.additionalProperties) return [];
    const out: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!(k in s.properties)) out.push(`${at}/${k}`);
      else out.push(...this.unknownProperties(s.properties[k], v, `${at}/${k}`));
    }
    return out;
  }

  /** Everything wrong with one request (empty when it conforms). `bodySchemaRef` names the intended variant. */
  checkRequest(
    req: {
      method: string;
      path: string;
      headers: Record<string, string>;
      query: Record<string, string>;
      body: unknown;
    },
    bodySchemaRef?: string,
  ): string[] {
    const found = this.find(req.method, req.path);
    if (!found) return [`${req.method} ${req.path}: no such operation in the spec`];
    const problems: string[] = [];
    const params: Json[] = found.op.parameters ?? [];
    const where = `${found.method} ${found.template}`;
    for (const p of params.filter((x) => x.in === 'header')) {
      const value = req.headers[p.name.toLowerCase()];
      if (p.required && value === undefined) problems.push(`${where}: required header ${p.name} missing`);
      if (p.name === 'cal-api-version' && value !== p.schema?.default)
        problems.push(`${where}: cal-api-version is ${value}, the spec wants ${p.schema?.default}`);
    }
    const declared = new Map(params.filter((x) => x.in === 'query').map((x) => [x.name, x]));
    for (const [name, raw] of Object.entries(req.query)) {
      const p = declared.get(name);
      if (!p) {
        problems.push(`${where}: query parameter ${name} is not in the spec`);
        continue;
      }
      const value = coerce(p.schema, raw);
      problems.push(...this.validate(p.schema, value).map((e) => `${where}: query ${name}=${raw}: ${e}`));
    }
    for (const p of declared.values())
      if (p.required && !(p.name in req.query)) problems.push(`${where}: required query parameter ${p.name} missing`);
    const reqBody = found.op.requestBody;
    if (reqBody) {
      const schema = reqBody.content?.['application/json']?.schema;
      if (req.body === undefined) {
        if (reqBody.required) problems.push(`${where}: request body required`);
      } else {
        problems.push(...this.validate(schema, req.body).map((e) => `${where}: body ${e}`));
        const intended = bodySchemaRef ? { $ref: `#/components/schemas/${bodySchemaRef}` } : schema;
        if (bodySchemaRef)
          problems.push(...this.validate(intended, req.body).map((e) => `${where}: body as ${bodySchemaRef}: ${e}`));
        problems.push(
          ...this.unknownProperties(intended, req.body).map((p) => `${where}: body property ${p} is not in the spec`),
        );
      }
    } else if (req.body !== undefined) {
      problems.push(`${where}: sends a body but the operation takes none`);
    }
    return problems;
  }

  /** Checks a response against the operation's schema for that status; undefined if the spec has none. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] | undefined {
    const found = this.find(method, path);
    const schema = found?.op.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return undefined;
    // GET /v2/slots: the spec's schema describes `data` (a date → slots map), not the envelope.
    const target = found!.template === '/v2/slots' ? (body as { data?: unknown })?.data : body;
    return this.validate(schema, target).map((e) => `${found!.method} ${found!.template} → ${status}: ${e}`);
  }
}

function coerce(schema: Json, raw: string): unknown {
  const type = schema?.type;
  if (type === 'number' || type === 'integer') return raw.trim() === '' ? raw : Number(raw);
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'array') return raw.split(',').map((x) => coerce(schema.items, x));
  return raw;
}
