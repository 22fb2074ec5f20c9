/** Calls the Worker's real fetch handler (the module wrangler.toml names), as a client would. */
import { exports } from 'cloudflare:workers';

interface FetchHandler {
  fetch(request: Request): Promise<Response>;
}

export function call(path: string, init?: RequestInit): Promise<Response> {
  const worker = (exports as unknown as { default: FetchHandler }).default;
  return worker.fetch(new Request(`http://duty-gate.test${path}`, init));
}

export function postJson(path: string, body: unknown): Promise<Response> {
  return call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
