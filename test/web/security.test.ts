/**
 * The pages' security: a strict CSP with a per-response nonce on the one script tag, no inline code anywhere,
 * CSRF protection (hono/csrf) on every form post, the session cookie's attributes, and the API left as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITIES, db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call } from '../support/worker.ts';
import { get, ORIGIN, post, signIn } from './support.ts';

beforeAll(loadDemoData);

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('Content-Security-Policy', () => {
  it('is strict and carries a fresh nonce that the script tag uses', async () => {
    const first = await get('/login');
    const second = await get('/login');
    const csp = first.headers.get('content-security-policy');
    expect(csp).toBeTruthy();
    const d = directives(csp!);
    const nonce = d.get('script-src')!.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(first.html).toContain(`<script src="/assets/app.js?v=`);
    expect(first.html).toContain(`nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
  });

  it('every page of every role has only external scripts, no inline handlers and no style attributes', async () => {
    const pages: Array<[string | null, string]> = [
      [null, '/login'],
      [null, '/rules'],
      [TOKENS.department, '/department/requests/new'],
      [TOKENS.department, '/department/requests'],
      [TOKENS.reviewer, '/reviews'],
      [TOKENS.admin, '/supervision'],
      [TOKENS.community, '/inbox'],
      [TOKENS.community, '/check'],
      [TOKENS.community, '/duty-list?example=1'],
    ];
    for (const [token, path] of pages) {
      const page = await get(path, token ? await signIn(token) : undefined);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-security-policy'), path).toContain("'nonce-");
      for (const script of page.html.match(/<script\b[^>]*>/g) ?? []) expect(script, path).toMatch(/\bsrc="\/assets\/app\.js\?v=[0-9a-f]+"/);
      expect(page.html, path).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(page.html, path).not.toMatch(/\son[a-z]+=/i);
      expect(page.html, path).not.toMatch(/\sstyle=/i);
      expect(page.html, path).not.toMatch(/javascript:/i);
      expect(page.html, path).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    }
  });

  it('serves its own CSS and script, cacheable under the versioned URL', async () => {
    const login = await get('/login');
    const js = /src="(\/assets\/app\.js\?v=[0-9a-f]+)"/.exec(login.html)![1]!;
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(login.html)![1]!;
    const script = await get(js.replace(/&amp;/g, '&'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.html).toContain('/api/v1/evaluate');
    const style = await get(css);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    expect(style.html).toContain(':focus-visible');
    expect((await get('/assets/app.js')).headers.get('cache-control')).not.toContain('immutable');
  });
});

describe('CSRF protection on form posts', () => {
  it('refuses a sign-in posted from another site, or with no origin at all', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {} as Record<string, string>]) {
      const answer = await post('/login', { token: TOKENS.admin }, undefined, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.html).toContain('表单来源校验失败');
    }
  });

  it('accepts same-origin posts by Origin or by Sec-Fetch-Site', async () => {
    expect((await post('/login', { token: TOKENS.admin })).status).toBe(303);
    expect((await post('/login', { token: TOKENS.admin }, undefined, { 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  it('a signed-in department cannot be made to submit a request from another site', async () => {
    const cookie = await signIn(TOKENS.department);
    const before = await db.prepare('SELECT count(*) AS n FROM requests').first<{ n: number }>();
    const fields = { intent: 'submit', title: '跨站提交', description: '请各社区召开居民会议。', targetCommunities: [COMMUNITIES.xinghua] };
    const forged = await post('/department/requests/new', fields, cookie, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const multipart = new FormData();
    multipart.set('title', '跨站提交');
    const forgedMultipart = await call('/department/requests/new', { method: 'POST', redirect: 'manual', headers: { cookie, origin: 'https://evil.example' }, body: multipart });
    expect(forgedMultipart.status).toBe(403);
    const after = await db.prepare('SELECT count(*) AS n FROM requests').first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
    expect((await post('/department/requests/new', fields, cookie)).status).toBe(303);
  });

  it('guards sign-out and every other form action', async () => {
    const cookie = await signIn(TOKENS.reviewer);
    for (const path of ['/logout', '/requests/req_x/review', '/requests/req_x/exit', '/requests/req_x/withdraw', '/requests/req_x/revise', '/check', '/duty-list', '/duty-list/verdicts.csv']) {
      const answer = await post(path, { comment: 'x' }, cookie, { origin: 'https://evil.example' });
      expect(answer.status, path).toBe(403);
    }
  });
});

describe('the session cookie', () => {
  it('is signed, HttpOnly, SameSite=Lax, path /, and sign-out clears it', async () => {
    const answer = await post('/login', { token: TOKENS.community });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/inbox');
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^dg_session=[^;]+\.[^;]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const session = /dg_session=[^;]+/.exec(cookie)![0];
    const out = await post('/logout', {}, session);
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login?signedOut=1');
    expect(out.headers.get('set-cookie')).toMatch(/dg_session=;.*Max-Age=0/i);
  });

  it('a tampered cookie is no session', async () => {
    const session = await signIn(TOKENS.admin);
    expect(session).toMatch(/^dg_session=admin%7C/);
    for (const tampered of [session.replace('dg_session=admin', 'dg_session=dept-minzheng'), `${session}x`]) {
      const page = await get('/department/requests', tampered);
      expect(page.status).toBe(303);
      expect(page.location).toMatch(/^\/login/);
    }
  });
});

describe('the API is untouched by the pages', () => {
  it('API answers carry no page headers, and unknown API paths stay JSON', async () => {
    const evaluate = await call('/api/v1/evaluate', { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ description: '请社区召开居民会议' }) });
    expect(evaluate.status).toBe(200);
    expect(evaluate.headers.get('content-security-policy')).toBeNull();
    const health = await call('/healthz');
    expect(health.headers.get('content-security-policy')).toBeNull();
    const missing = await call('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not-found' } });
    const outside = await call('/no-such-page');
    expect(outside.status).toBe(404);
  });

  it('unknown paths inside the pages\' areas get a page', async () => {
    const cookie = await signIn(TOKENS.department);
    const missing = await get('/department/nothing-here', cookie);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(missing.html).toContain('未找到');
  });
});
