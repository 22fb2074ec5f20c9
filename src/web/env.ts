/** The web pages' context: the Worker's bindings, who is signed in, and the CSP nonce of this response. */
import type { Context } from 'hono';
import type { AppEnv, Env } from '../env.ts';
import type { Identity } from '../workflow/types.ts';

export interface WebEnv {
  Bindings: Env;
  Variables: { identity: Identity | null; secureHeadersNonce?: string };
}

export type WebContext = Context<WebEnv>;

/** Values of a parsed form (c.req.parseBody({ all: true })). */
export type FormBody = Record<string, string | File | Array<string | File>>;

/** One text value of a form field ('' when absent or a file). */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every text value of a repeated field (checkboxes). */
export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string');
}

/** A local path to return to after signing in; anything else (other hosts, //evil) is dropped. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/** The same context as the API's handlers see it (the session helpers take that type). */
export const asAppContext = (c: WebContext) => c as unknown as Context<AppEnv>;
