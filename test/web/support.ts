/** Driving the web pages as a browser would: form posts from this origin, the session cookie carried along. */
import { expect } from 'vitest';
import { call } from '../support/worker.ts';

export const ORIGIN = 'http://duty-gate.test';

export interface Page {
  status: number;
  html: string;
  headers: Headers;
  location: string | null;
}

async function toPage(response: Response): Promise<Page> {
  return { status: response.status, html: await response.text(), headers: response.headers, location: response.headers.get('location') };
}

export async function get(path: string, cookie?: string): Promise<Page> {
  return toPage(await call(path, { headers: cookie ? { cookie } : {}, redirect: 'manual' }));
}

export type Fields = Record<string, string | string[]>;

export function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
}

/** A form post as a browser sends it from one of our pages (Origin = this site), unless told otherwise. */
export async function post(path: string, fields: Fields, cookie?: string, headers: Record<string, string> = { origin: ORIGIN }): Promise<Page> {
  return toPage(
    await call(path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
      body: encode(fields),
    }),
  );
}

export async function postMultipart(path: string, form: FormData, cookie?: string): Promise<Page> {
  return toPage(await call(path, { method: 'POST', redirect: 'manual', headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) }, body: form }));
}

/** Signs in through POST /login and returns the session cookie to send along. */
export async function signIn(token: string): Promise<string> {
  const answer = await post('/login', { token });
  expect(answer.status, answer.html.slice(0, 500)).toBe(303);
  const cookie = answer.headers.get('set-cookie') ?? '';
  const session = /dg_session=[^;]+/.exec(cookie)?.[0];
  expect(session, cookie).toBeDefined();
  return session!;
}

/** The text content of the first element with this id (tags stripped, entities of the escaper decoded). */
export function textOf(html: string, id: string): string | null {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return null;
  const open = html.lastIndexOf('<', start);
  const tag = /^<([a-zA-Z0-9]+)/.exec(html.slice(open))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  let end = html.length;
  while ((m = re.exec(html))) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      end = m.index;
      break;
    }
  }
  return decode(html.slice(html.indexOf('>', start) + 1, end).replace(/<[^>]*>/g, ''));
}

export function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The request id a successful submission redirected to. */
export function requestIdOf(page: Page): string {
  expect(page.status, page.html.slice(0, 800)).toBe(303);
  const id = /^\/requests\/(req_[a-z0-9]+)/.exec(page.location ?? '')?.[1];
  expect(id, page.location ?? '').toBeDefined();
  return id!;
}
