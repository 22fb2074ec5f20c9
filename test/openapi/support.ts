/** The OpenAPI tests' shared pieces: the document as the Worker serves it, and validation against its schemas. */
import { Validator } from '@cfworker/json-schema';
import { expect } from 'vitest';
import { call } from '../support/worker.ts';

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface OpenApi {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

let served: Promise<OpenApi> | undefined;

/** GET /api/v1/openapi.json through the Worker's real fetch handler. */
export function servedDocument(): Promise<OpenApi> {
  served ??= (async () => {
    const response = await call('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return (await response.json()) as OpenApi;
  })();
  return served;
}

/** Every operation of the document, as "METHOD /path" with its object. */
export function documentedOperations(doc: OpenApi): Array<{ key: string; method: string; path: string; op: Json }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => isObject(item[method])).map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op: item[method]! })),
  );
}

/** The schema the document gives for an answer: operation, status and media type. */
export function responseSchema(doc: OpenApi, method: string, path: string, status: number, mediaType = 'application/json'): Json {
  const op = doc.paths[path]?.[method.toLowerCase()];
  expect(op, `${method} ${path} is documented`).toBeDefined();
  const response = (op!.responses as Record<string, Json>)[String(status)];
  expect(response, `${method} ${path} documents status ${status}`).toBeDefined();
  const media = (response!.content as Record<string, Json> | undefined)?.[mediaType];
  expect(media, `${method} ${path} ${status} documents ${mediaType}`).toBeDefined();
  return media!.schema as Json;
}

/**
 * A JSON Schema (2020-12) validator for one schema of the document; its $refs (#/components/schemas/…) resolve
 * against the document's components.
 */
export function validatorFor(doc: OpenApi, schema: Json): Validator {
  return new Validator({ $schema: 'https://json-schema.org/draft/2020-12/schema', components: doc.components, ...schema }, '2020-12', false);
}

/** Asserts the value matches the schema, naming the first errors that are not just "a subschema had errors". */
export function expectValid(validator: Validator, value: unknown, what: string): void {
  const result = validator.validate(value);
  const errors = result.errors.filter((e) => !/subschema|did not match|does not match schema|unevaluated/i.test(e.error) || e === result.errors.at(-1));
  expect(result.valid, `${what}: ${errors.slice(0, 6).map((e) => `${e.instanceLocation} ${e.error}`).join('; ')}`).toBe(true);
}
