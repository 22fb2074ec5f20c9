/**
 * The role matrix: every workflow endpoint × every kind of caller → the expected status.
 * 401 without a valid identity, 403 for a role that may not act, 404 for a request the caller may not see
 * (never a 403 that would leak it), 409 where the request's state forbids the move, 200/201 otherwise.
 * Each cell that touches a request gets a fresh one, so cells cannot disturb each other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.ts';
import { findUserByTokenHash } from '../../src/store/users.ts';
import { COMMUNITIES, db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson, putJson, type CallOptions } from '../support/worker.ts';
import { createAdmitted, createPending, get, read, submissionBody, withdraw, type RequestView } from './helpers.ts';

beforeAll(loadDemoData);

const CALLERS = {
  owner: { token: TOKENS.department },
  otherDepartment: { token: TOKENS.otherDepartment },
  reviewer: { token: TOKENS.reviewer },
  otherReviewer: { token: TOKENS.otherReviewer },
  community: { token: TOKENS.community },
  otherCommunity: { token: TOKENS.otherCommunity },
  admin: { token: TOKENS.admin },
  noToken: {},
  malformedHeader: { authorization: 'Basic ZGVtby1hZG1pbg==' },
  emptyBearer: { authorization: 'Bearer ' },
  unknownToken: { token: 'demo-dept-gongan' },
} satisfies Record<string, CallOptions>;

type Caller = keyof typeof CALLERS;
const ANONYMOUS: Caller[] = ['noToken', 'malformedHeader', 'emptyBearer', 'unknownToken'];

/** The request a row acts on: none, one pending review, one admitted, one withdrawn. */
type Fixture = 'none' | 'pending' | 'admitted' | 'withdrawn';

interface Row {
  endpoint: string;
  fixture: Fixture;
  send: (target: RequestView | null, as: CallOptions) => Promise<Response>;
  /** Expected status per identified caller; the anonymous ones always get 401. */
  expect: Record<Exclude<Caller, (typeof ANONYMOUS)[number]>, number>;
}

const at = (r: RequestView | null, suffix = '') => `/api/v1/requests/${r!.id}${suffix}`;
const reason = { reason: '工作安排调整，不再需要' };

/** The visibility pattern of a single request aimed at 秋浦街道 杏花社区 by 区民政局. */
const SEE = { otherDepartment: 404, otherReviewer: 404, otherCommunity: 404 } as const;

const ROWS: Row[] = [
  {
    endpoint: 'POST /api/v1/requests',
    fixture: 'none',
    send: (_, as) => postJson('/api/v1/requests', submissionBody('assistance'), as),
    expect: { owner: 201, otherDepartment: 201, reviewer: 403, otherReviewer: 403, community: 403, otherCommunity: 403, admin: 403 },
  },
  {
    endpoint: 'GET /api/v1/requests',
    fixture: 'none',
    send: (_, as) => call('/api/v1/requests', undefined, as),
    expect: { owner: 200, otherDepartment: 200, reviewer: 200, otherReviewer: 200, community: 200, otherCommunity: 200, admin: 200 },
  },
  {
    endpoint: 'GET /api/v1/requests/:id (pending)',
    fixture: 'pending',
    send: (r, as) => call(at(r), undefined, as),
    expect: { owner: 200, reviewer: 200, community: 200, admin: 200, ...SEE },
  },
  {
    endpoint: 'GET /api/v1/requests/:id/history',
    fixture: 'pending',
    send: (r, as) => call(at(r, '/history'), undefined, as),
    expect: { owner: 200, reviewer: 200, community: 200, admin: 200, ...SEE },
  },
  {
    endpoint: 'PUT /api/v1/requests/:id (revise pending)',
    fixture: 'pending',
    send: (r, as) => putJson(at(r), { ...submissionBody('assistance', { title: '入户调查（修改）' }), version: r!.version }, as),
    expect: { owner: 200, reviewer: 403, community: 403, admin: 403, ...SEE },
  },
  {
    endpoint: 'PUT /api/v1/requests/:id (revise admitted → 409)',
    fixture: 'admitted',
    send: (r, as) => putJson(at(r), { ...submissionBody('statutory'), version: r!.version }, as),
    expect: { owner: 409, reviewer: 403, community: 403, admin: 403, ...SEE },
  },
  {
    endpoint: 'POST /api/v1/requests/:id/withdraw (pending)',
    fixture: 'pending',
    send: (r, as) => postJson(at(r, '/withdraw'), { version: r!.version, ...reason }, as),
    expect: { owner: 200, reviewer: 403, community: 403, admin: 403, ...SEE },
  },
  {
    // A withdrawn request is no longer the community's business: it stops seeing it (404), the others get 409/403.
    endpoint: 'POST /api/v1/requests/:id/withdraw (withdrawn → 409)',
    fixture: 'withdrawn',
    send: (r, as) => postJson(at(r, '/withdraw'), { version: r!.version, ...reason }, as),
    expect: { owner: 409, reviewer: 403, community: 404, admin: 403, ...SEE },
  },
  {
    endpoint: 'POST /api/v1/requests/:id/review (approve pending)',
    fixture: 'pending',
    send: (r, as) => postJson(at(r, '/review'), { action: 'approve', version: r!.version, comment: '同意', fundingConfirmed: true }, as),
    expect: { owner: 403, reviewer: 200, community: 403, admin: 200, ...SEE },
  },
  {
    endpoint: 'POST /api/v1/requests/:id/review (return admitted → 409)',
    fixture: 'admitted',
    send: (r, as) => postJson(at(r, '/review'), { action: 'return', version: r!.version, comment: '请补充' }, as),
    expect: { owner: 403, reviewer: 409, community: 403, admin: 409, ...SEE },
  },
  {
    endpoint: 'POST /api/v1/requests/:id/exit (admitted)',
    fixture: 'admitted',
    send: (r, as) => postJson(at(r, '/exit'), { version: r!.version, ...reason }, as),
    expect: { owner: 403, reviewer: 200, community: 403, admin: 200, ...SEE },
  },
  {
    endpoint: 'POST /api/v1/requests/:id/exit (pending → 409)',
    fixture: 'pending',
    send: (r, as) => postJson(at(r, '/exit'), { version: r!.version, ...reason }, as),
    expect: { owner: 403, reviewer: 409, community: 403, admin: 409, ...SEE },
  },
  {
    endpoint: 'GET /api/v1/reviews',
    fixture: 'none',
    send: (_, as) => call('/api/v1/reviews', undefined, as),
    expect: { owner: 403, otherDepartment: 403, reviewer: 200, otherReviewer: 200, community: 403, otherCommunity: 403, admin: 200 },
  },
  {
    endpoint: 'GET /api/v1/inbox',
    fixture: 'none',
    send: (_, as) => call('/api/v1/inbox', undefined, as),
    expect: { owner: 403, otherDepartment: 403, reviewer: 403, otherReviewer: 403, community: 200, otherCommunity: 200, admin: 403 },
  },
  {
    endpoint: 'POST /api/v1/check',
    fixture: 'pending',
    send: (r, as) => postJson('/api/v1/check', { text: '请社区协助开展入户调查', requestId: r!.id }, as),
    expect: { owner: 403, otherDepartment: 403, reviewer: 403, otherReviewer: 403, community: 200, otherCommunity: 200, admin: 200 },
  },
  {
    endpoint: 'GET /api/v1/reports/summary',
    fixture: 'none',
    send: (_, as) => call('/api/v1/reports/summary', undefined, as),
    expect: { owner: 403, otherDepartment: 403, reviewer: 200, otherReviewer: 200, community: 403, otherCommunity: 403, admin: 200 },
  },
  {
    endpoint: 'GET /api/v1/me',
    fixture: 'none',
    send: (_, as) => call('/api/v1/me', undefined, as),
    expect: { owner: 200, otherDepartment: 200, reviewer: 200, otherReviewer: 200, community: 200, otherCommunity: 200, admin: 200 },
  },
  {
    endpoint: 'GET /api/v1/organisation',
    fixture: 'none',
    send: (_, as) => call('/api/v1/organisation', undefined, as),
    expect: { owner: 200, otherDepartment: 200, reviewer: 200, otherReviewer: 200, community: 200, otherCommunity: 200, admin: 200 },
  },
];

async function fixture(kind: Fixture): Promise<RequestView | null> {
  switch (kind) {
    case 'none':
      return null;
    case 'pending':
      return createPending();
    case 'admitted':
      return createAdmitted();
    case 'withdrawn': {
      const r = await createPending();
      const answer = await withdraw(r.id, r.version);
      expect(answer.status).toBe(200);
      return answer.body.request;
    }
  }
}

/** The request's state and audit trail as the district sees them: unchanged by a refused call. */
async function snapshot(r: RequestView) {
  const [one, history] = await Promise.all([get(at(r), TOKENS.admin), get(at(r, '/history'), TOKENS.admin)]);
  return { status: one.body.request.status, version: one.body.request.version, audit: history.body.history.length };
}

const cells = ROWS.flatMap((row) =>
  (Object.keys(CALLERS) as Caller[]).map((caller) => ({
    row,
    caller,
    status: ANONYMOUS.includes(caller) ? 401 : row.expect[caller as keyof Row['expect']],
  })),
);

describe('role matrix', () => {
  it('covers every endpoint for every caller', () => {
    expect(ROWS.length * Object.keys(CALLERS).length).toBe(cells.length);
    for (const row of ROWS) expect(Object.keys(row.expect).sort()).toEqual(Object.keys(CALLERS).filter((c) => !ANONYMOUS.includes(c as Caller)).sort());
  });

  it.each(cells.map((c) => [c.row.endpoint, c.caller, c.status, c] as const))('%s as %s → %i', async (_endpoint, caller, status, { row }) => {
    const target = await fixture(row.fixture);
    const before = target ? await snapshot(target) : null;
    const response = await row.send(target, CALLERS[caller]);
    const body = (await response.json()) as { error?: { code: string } };
    expect(response.status, JSON.stringify(body)).toBe(status);
    if (status === 401) expect(body.error?.code).toBe('unauthenticated');
    if (status === 403) expect(body.error?.code).toBe('forbidden');
    if (status === 404) expect(body.error?.code).toBe('not-found');
    if (status >= 400) {
      // A refused call changes nothing and leaves no audit row.
      if (target) expect(await snapshot(target)).toEqual(before);
    }
  });
});

describe('who sees a request in lists, queues and inboxes', () => {
  let pending: RequestView;
  beforeAll(async () => {
    pending = await createPending();
  });

  const listedIn = async (path: string, token: string) => {
    const answer = await get(path, token);
    expect(answer.status).toBe(200);
    return (answer.body.items as RequestView[]).some((r) => r.id === pending.id);
  };

  it.each([
    ['owner', TOKENS.department, true],
    ['otherDepartment', TOKENS.otherDepartment, false],
    ['reviewer', TOKENS.reviewer, true],
    ['otherReviewer', TOKENS.otherReviewer, false],
    ['community', TOKENS.community, true],
    ['otherCommunity', TOKENS.otherCommunity, false],
    ['admin', TOKENS.admin, true],
  ] as const)('GET /requests?limit=100 as %s lists it: %s', async (_who, token, expected) => {
    expect(await listedIn('/api/v1/requests?limit=100', token)).toBe(expected);
  });

  it.each([
    ['reviewer', TOKENS.reviewer, true],
    ['otherReviewer', TOKENS.otherReviewer, false],
    ['admin', TOKENS.admin, true],
  ] as const)('GET /reviews as %s queues it: %s', async (_who, token, expected) => {
    expect(await listedIn('/api/v1/reviews', token)).toBe(expected);
  });

  it.each([
    ['community', TOKENS.community, true],
    ['otherCommunity', TOKENS.otherCommunity, false],
  ] as const)('GET /inbox as %s shows it: %s', async (_who, token, expected) => {
    expect(await listedIn('/api/v1/inbox', token)).toBe(expected);
  });

  it('a request aimed at communities of two streets is seen by both streets and both communities', async () => {
    const both = await createPending({ targetCommunities: [COMMUNITIES.xinghua, COMMUNITIES.liujie] });
    for (const token of [TOKENS.reviewer, TOKENS.otherReviewer, TOKENS.community, TOKENS.otherCommunity]) {
      expect((await get(at(both), token)).status, token).toBe(200);
    }
  });

  it('/me answers who the token belongs to', async () => {
    const me = await get('/api/v1/me', TOKENS.reviewer);
    expect(me.body.identity).toMatchObject({ userId: 'reviewer-qiupu', role: 'street-reviewer', streetId: 'qiupu' });
  });
});

describe('the target community sees a request only while it concerns it', () => {
  // COMMUNITY_VISIBLE (src/workflow/access.ts): admitted, pending-review, rejected, refused, exited.
  it.each([
    ['pending-review', 200],
    ['returned', 404],
    ['withdrawn', 404],
  ] as const)('status %s → %i', async (status, expected) => {
    const r = await createPending();
    if (status === 'returned') {
      const returned = await read(postJson(at(r, '/review'), { action: 'return', version: r.version, comment: '请补充经费说明' }, { token: TOKENS.reviewer }));
      expect(returned.status).toBe(200);
    }
    if (status === 'withdrawn') expect((await withdraw(r.id, r.version)).status).toBe(200);
    expect((await get(at(r), TOKENS.community)).status).toBe(expected);
    // The reviewer and the owner keep seeing it whatever its state.
    expect((await get(at(r), TOKENS.reviewer)).status).toBe(200);
    expect((await get(at(r), TOKENS.department)).status).toBe(200);
  });

  it('an unknown request id is 404 for everyone, the district included', async () => {
    for (const token of Object.values(TOKENS)) expect((await get('/api/v1/requests/req_doesnotexist', token)).status).toBe(404);
  });
});

describe('identity by session cookie, and demo tokens outside development', () => {
  it('a signed session cookie carries the identity a token proved; a forged one is no identity', async () => {
    const signIn = await read(postJson('/api/v1/session', { token: TOKENS.reviewer }));
    expect(signIn.status).toBe(200);
    expect(signIn.body.identity.userId).toBe('reviewer-qiupu');
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^dg_session=/);
    expect((await call('/api/v1/reviews', { headers: { cookie } })).status).toBe(200);
    expect((await call('/api/v1/inbox', { headers: { cookie } })).status).toBe(403);
    const [name, value] = cookie.split('=');
    const forged = `${name}=${encodeURIComponent(decodeURIComponent(value!).replace('reviewer-qiupu', 'admin'))}`;
    expect((await call('/api/v1/reviews', { headers: { cookie: forged } })).status).toBe(401);
  });

  it('a wrong token does not start a session', async () => {
    const signIn = await read(postJson('/api/v1/session', { token: 'demo-dept-gongan' }));
    expect(signIn.status).toBe(401);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });

  it('demo tokens are accepted only when ALLOW_DEMO_TOKENS is "true" (tests and npm run dev)', async () => {
    const hash = await hashToken(TOKENS.admin);
    expect(await findUserByTokenHash(db, hash, true)).toMatchObject({ userId: 'admin', role: 'admin' });
    expect(await findUserByTokenHash(db, hash, false)).toBeNull();
  });
});
