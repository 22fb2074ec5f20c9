/**
 * The document covers exactly what the app serves: walks the Hono router (app.routes) of the Worker's own app and
 * compares its /api/* and /healthz operations with the paths of GET /api/v1/openapi.json. A route added without
 * documenting it, or a documented route that is gone, fails here by name. Web pages outside /api are not API.
 */
import { describe, expect, it } from 'vitest';
import app from '../../src/index.ts';
import { call } from '../support/worker.ts';
import { documentedOperations, servedDocument } from './support.ts';

/** Hono's ":id" and ":id{[0-9]+}" as OpenAPI's "{id}". */
export function openApiPath(honoPath: string): string {
  if (/:[^/]+\?/.test(honoPath)) throw new Error(`optional parameter in ${honoPath}: document both paths and teach this test`);
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}').replace(/(.)\/$/, '$1');
}

const isApi = (path: string) => path === '/healthz' || path.startsWith('/api/');

interface RouteEntry {
  method: string;
  path: string;
}

/** Operations the router really serves: one per method and path; "ALL" entries are middleware and 405 answers. */
function servedOperations(routes: readonly RouteEntry[]): string[] {
  const keys = routes.filter((r) => r.method !== 'ALL' && isApi(r.path)).map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  return [...new Set(keys)].sort();
}

/** Paths that only answer 405 (an app.all without a method route) would be served but undocumentable. */
function methodOnlyPaths(routes: readonly RouteEntry[]): string[] {
  const withMethods = new Set(routes.filter((r) => r.method !== 'ALL').map((r) => openApiPath(r.path)));
  return [...new Set(routes.filter((r) => r.method === 'ALL' && isApi(r.path) && !r.path.includes('*')).map((r) => openApiPath(r.path)))]
    .filter((path) => !withMethods.has(path))
    .sort();
}

describe('the OpenAPI document covers every route the app serves', () => {
  it('reads the router: the API has routes and they are normalised to OpenAPI paths', () => {
    const served = servedOperations(app.routes);
    expect(served.length).toBeGreaterThan(15);
    expect(served).toContain('POST /api/v1/evaluate');
    expect(served).toContain('GET /api/v1/requests/{id}');
    expect(served).toContain('GET /healthz');
    expect(served.every((key) => !key.includes(':'))).toBe(true);
  });

  it('documents every served operation, and serves every documented one', async () => {
    const served = servedOperations(app.routes);
    const documented = documentedOperations(await servedDocument()).map((o) => o.key).sort();
    const notDocumented = served.filter((key) => !documented.includes(key));
    const notServed = documented.filter((key) => !served.includes(key));
    expect(
      { notDocumented, notServed },
      `served but missing from /api/v1/openapi.json (add them to src/api/openapi/routes.ts): ${notDocumented.join(', ') || 'none'}; ` +
        `documented but not served: ${notServed.join(', ') || 'none'}`,
    ).toEqual({ notDocumented: [], notServed: [] });
  });

  it('has no API path that answers only 405', () => {
    expect(methodOnlyPaths(app.routes)).toEqual([]);
  });

  it('answers 405 with Allow for a documented path asked with another method', async () => {
    const response = await call('/api/v1/openapi.json', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('normalises Hono parameters', () => {
    expect(openApiPath('/api/v1/requests/:id/history')).toBe('/api/v1/requests/{id}/history');
    expect(openApiPath('/api/v1/rules/:version{sha256:[0-9a-f]+}')).toBe('/api/v1/rules/{version}');
    expect(openApiPath('/api/v1/requests/')).toBe('/api/v1/requests');
    expect(() => openApiPath('/api/v1/x/:id?')).toThrow(/optional/);
  });
});
