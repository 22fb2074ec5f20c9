/**
 * Who may open which page: 200 for the right role, a redirect to /login (and back after) without a session, a
 * 403 page for a role that may not, and a 404 page for a request the viewer may not see (as the API does).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData, TOKENS } from '../support/demo-data.ts';
import { createPending, type RequestView } from '../workflow/helpers.ts';
import { get, post, signIn } from './support.ts';

beforeAll(loadDemoData);

type Who = keyof typeof TOKENS;
const cookies = {} as Record<Who, string>;
let pending: RequestView;

beforeAll(async () => {
  for (const who of Object.keys(TOKENS) as Who[]) cookies[who] = await signIn(TOKENS[who]);
  pending = await createPending();
});

const ALL: Who[] = ['department', 'otherDepartment', 'reviewer', 'otherReviewer', 'community', 'otherCommunity', 'admin'];

/** Page → the roles that get 200; everyone else signed in gets 403. */
const PAGES: Array<[string, Who[]]> = [
  ['/department/requests/new', ['department', 'otherDepartment']],
  ['/department/requests', ['department', 'otherDepartment']],
  ['/department/requests?status=pending-review', ['department', 'otherDepartment']],
  ['/reviews', ['reviewer', 'otherReviewer', 'admin']],
  ['/inbox', ['community', 'otherCommunity']],
  ['/check', ['community', 'otherCommunity', 'admin']],
  ['/supervision', ['reviewer', 'otherReviewer', 'admin']],
  ['/supervision/months.csv', ['reviewer', 'otherReviewer', 'admin']],
  ['/supervision/reasons.csv', ['reviewer', 'otherReviewer', 'admin']],
  ['/supervision/burden.csv', ['reviewer', 'otherReviewer', 'admin']],
  ['/duty-list', ALL],
  ['/duty-list?example=1', ALL],
  ['/duty-list/verdicts.csv', ALL],
];

describe.each(PAGES)('%s', (path, allowed) => {
  it('redirects to /login without a session, coming back after', async () => {
    const page = await get(path);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it.each(ALL)('as %s', async (who) => {
    const page = await get(path, cookies[who]);
    const expected = allowed.includes(who) ? 200 : 403;
    expect(page.status, page.html.slice(0, 300)).toBe(expected);
    if (expected === 403) expect(page.html).toContain('当前账号无权访问此页面');
  });
});

describe('public pages', () => {
  it('/rules and /login answer without a session', async () => {
    expect((await get('/rules')).status).toBe(200);
    expect((await get('/login')).status).toBe(200);
    expect((await get('/duty-list/example.csv')).status).toBe(200);
  });

  it('/ sends each role home, and the anonymous to /login', async () => {
    expect((await get('/')).location).toBe('/login');
    const homes: Array<[Who, string]> = [['department', '/department/requests'], ['reviewer', '/reviews'], ['community', '/inbox'], ['admin', '/supervision']];
    for (const [who, home] of homes) expect((await get('/', cookies[who])).location).toBe(home);
  });

  it('signing in returns to the page asked for; a foreign next is ignored', async () => {
    expect((await post('/login', { token: TOKENS.reviewer, next: '/supervision?from=2026-01-01' })).location).toBe('/supervision?from=2026-01-01');
    expect((await post('/login', { token: TOKENS.reviewer, next: '//evil.example/x' })).location).toBe('/reviews');
    expect((await post('/login', { token: TOKENS.reviewer, next: 'https://evil.example/' })).location).toBe('/reviews');
  });

  it('a wrong token is refused next to the field', async () => {
    const page = await post('/login', { token: 'demo-nobody' });
    expect(page.status).toBe(401);
    expect(page.html).toContain('令牌无效');
    expect(page.html).toContain('id="error-token"');
    expect(page.headers.get('set-cookie')).toBeNull();
    const empty = await post('/login', { token: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('请输入令牌');
  });
});

describe('a request page', () => {
  const SEES: Record<Who, number> = {
    department: 200,
    otherDepartment: 404,
    reviewer: 200,
    otherReviewer: 404,
    community: 200,
    otherCommunity: 404,
    admin: 200,
  };

  it.each(ALL)('as %s', async (who) => {
    const page = await get(`/requests/${pending.id}`, cookies[who]);
    expect(page.status).toBe(SEES[who]);
    if (SEES[who] === 404) expect(page.html).not.toContain(pending.id);
  });

  it('shows each role only its own forms', async () => {
    const forms = async (who: Who) => {
      const html = (await get(`/requests/${pending.id}`, cookies[who])).html;
      return ['review-approve', 'review-reject', 'review-return', 'withdraw-form', 'exit-form', 'revise-link'].filter((id) => html.includes(`id="${id}"`));
    };
    expect(await forms('department')).toEqual(['withdraw-form', 'revise-link']);
    expect(await forms('reviewer')).toEqual(['review-approve', 'review-reject', 'review-return']);
    expect(await forms('admin')).toEqual(['review-approve', 'review-reject', 'review-return']);
    expect(await forms('community')).toEqual([]);
  });

  it('redirects to /login without a session', async () => {
    const page = await get(`/requests/${pending.id}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/login?next=${encodeURIComponent(`/requests/${pending.id}`)}`);
  });

  it('refuses form posts from roles that may not act, without changing anything', async () => {
    const review = { action: 'approve', version: '1', comment: '同意', fundingConfirmed: 'true' };
    expect((await post(`/requests/${pending.id}/review`, review, cookies.department)).status).toBe(403);
    expect((await post(`/requests/${pending.id}/review`, review, cookies.community)).status).toBe(403);
    expect((await post(`/requests/${pending.id}/review`, review, cookies.otherReviewer)).status).toBe(404);
    expect((await post(`/requests/${pending.id}/withdraw`, { version: '1', reason: '撤回' }, cookies.reviewer)).status).toBe(403);
    expect((await post(`/requests/${pending.id}/withdraw`, { version: '1', reason: '撤回' }, cookies.otherDepartment)).status).toBe(404);
    expect((await post(`/requests/${pending.id}/exit`, { version: '1', reason: '退出' }, cookies.department)).status).toBe(403);
    expect((await get(`/requests/${pending.id}/revise`, cookies.reviewer)).status).toBe(403);
    expect((await get(`/requests/${pending.id}/revise`, cookies.otherDepartment)).status).toBe(404);
    expect((await post(`/requests/${pending.id}/review`, review)).status).toBe(303);
    const page = await get(`/requests/${pending.id}`, cookies.admin);
    expect(page.html).toContain('data-status="pending-review"');
  });

  it('an unknown request is a 404 page', async () => {
    const page = await get('/requests/req_doesnotexist', cookies.admin);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
