/** Calls the Worker's real fetch handler (the module wrangler.toml names), as a client would. */
import { exports } from 'cloudflare:workers';

interface FetchHandler {
  fetch(request: Request): Promise<Response>;
}

export interface CallOptions {
  /** A bearer token: sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** A raw Authorization header value, for malformed ones (wins over `token`). */
  authorization?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

function withAuth(init: RequestInit | undefined, options: CallOptions | undefined): RequestInit | undefined {
  if (!options) return init;
  const headers = new Headers(init?.headers);
  if (options.authorization !== undefined) headers.set('authorization', options.authorization);
  else if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return { ...init, headers };
}

export function call(path: string, init?: RequestInit, options?: CallOptions): Promise<Response> {
  const worker = (exports as unknown as { default: FetchHandler }).default;
  return worker.fetch(new Request(`http://duty-gate.test${path}`, withAuth(init, options)));
}

export function postJson(path: string, body: unknown, options?: CallOptions): Promise<Response> {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, options);
}

export function putJson(path: string, body: unknown, options?: CallOptions): Promise<Response> {
  return call(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, options);
}
