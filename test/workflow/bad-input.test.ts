/**
 * Bad input everywhere in the workflow API: every answer is a clear 4xx in the { error: { code, message, issues } }
 * shape, naming the field at fault, and never a 500; nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, type CallOptions } from '../support/worker.ts';
import { chinaToday, createPending, expectErrorShape, read, submissionBody, type RequestView } from './helpers.ts';

beforeAll(loadDemoData);

const json = (method: string, path: string, body: unknown, options: CallOptions) =>
  call(path, { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }, options);

interface Case {
  name: string;
  body: unknown;
  status?: number;
  /** An issue path the answer must name. */
  path?: string;
  /** The error code, when it is not invalid-request. */
  code?: string;
  /** Text the issues must mention (field names, ids). */
  mentions?: string;
}

async function expectRefused(response: Promise<Response>, c: Case) {
  const answer = await read(response);
  expect(answer.status, JSON.stringify(answer.body)).toBe(c.status ?? 400);
  expect(answer.headers.get('content-type')).toMatch(/application\/json/);
  expectErrorShape(answer.body);
  expect(answer.body.error.code).toBe(c.code ?? (answer.status === 413 ? 'body-too-large' : 'invalid-request'));
  if (c.path) expect(answer.body.error.issues?.map((i) => i.path), JSON.stringify(answer.body.error.issues)).toContain(c.path);
  if (c.mentions) expect(JSON.stringify(answer.body.error.issues)).toContain(c.mentions);
  // Issue messages are read by people: Chinese first, English after.
  for (const issue of answer.body.error.issues ?? []) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  return answer;
}

const countAll = async () =>
  (await db.prepare('SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM audit_log) AS n').first<{ n: number }>())!.n;

const base = submissionBody('assistance');
const huge = 'x'.repeat(130 * 1024);

/** What is wrong with a submission, for both create and revise (revise adds `version`). */
const SUBMISSION_CASES: Case[] = [
  { name: 'not JSON', body: '{"title": "入户调查", ', code: 'invalid-json' },
  { name: 'an empty body', body: '', code: 'invalid-json' },
  { name: 'a JSON array', body: [base], path: '(body)' },
  { name: 'a JSON string', body: '"入户调查"', path: '(body)' },
  { name: 'null', body: 'null', path: '(body)' },
  { name: 'title as a number', body: { ...base, title: 42 }, path: 'title' },
  { name: 'description as an object', body: { ...base, description: { text: '请社区协助' } }, path: 'description' },
  { name: 'no title and no description', body: { targetCommunities: base.targetCommunities }, path: 'description' },
  { name: 'blank title and description', body: { ...base, title: '  ', description: '\n' }, path: 'description' },
  { name: 'a description over 20,000 characters', body: { ...base, description: '请'.repeat(20_001) }, path: 'description' },
  { name: 'communityRole outside the contract', body: { ...base, communityRole: 'helper' }, path: 'communityRole' },
  { name: 'areas with an unknown code', body: { ...base, areas: ['gardening'] }, path: 'areas.0' },
  { name: 'funding.amountYuan as text', body: { ...base, funding: { amountYuan: '两千' } }, path: 'funding.amountYuan' },
  { name: 'a negative funding amount', body: { ...base, funding: { amountYuan: -1 } }, path: 'funding.amountYuan' },
  { name: 'oneVoteVeto as a string', body: { ...base, oneVoteVeto: 'no' }, path: 'oneVoteVeto' },
  { name: 'no targetCommunities', body: { title: base.title, description: base.description }, path: 'targetCommunities' },
  { name: 'targetCommunities empty', body: { ...base, targetCommunities: [] }, path: 'targetCommunities' },
  { name: 'targetCommunities as a string', body: { ...base, targetCommunities: 'qiupu-xinghua' }, path: 'targetCommunities' },
  { name: 'a target that is a number', body: { ...base, targetCommunities: [7] }, path: 'targetCommunities.0' },
  { name: 'more than 200 targets', body: { ...base, targetCommunities: Array.from({ length: 201 }, (_, i) => `c${i}`) }, path: 'targetCommunities' },
  { name: 'an unknown community', body: { ...base, targetCommunities: ['qiupu-xinghua', 'atlantis'] }, path: 'targetCommunities', mentions: 'atlantis' },
  { name: 'a community id in the wrong case', body: { ...base, targetCommunities: ['QIUPU-XINGHUA'] }, path: 'targetCommunities', mentions: 'QIUPU-XINGHUA' },
  { name: 'a deadline in the past', body: { ...base, deadline: chinaToday(-1) }, path: 'deadline' },
  { name: 'a deadline years ago', body: { ...base, deadline: '2020-01-01' }, path: 'deadline' },
  { name: 'a deadline in another format', body: { ...base, deadline: '2030/01/01' }, path: 'deadline' },
  { name: 'a deadline that is no date', body: { ...base, deadline: '2030-02-30' }, path: 'deadline' },
  { name: 'a deadline with a time', body: { ...base, deadline: '2030-01-01T00:00:00Z' }, path: 'deadline' },
  { name: 'a streetReview (the workflow records reviews, not the department)', body: { ...base, streetReview: { status: 'approved' } }, path: '(body)', mentions: 'streetReview' },
  { name: 'an unknown field', body: { ...base, priority: 'urgent' }, path: '(body)', mentions: 'priority' },
  { name: 'legalBasis over 1,000 characters', body: { ...base, legalBasis: '依'.repeat(1_001) }, path: 'legalBasis' },
  { name: 'a body over 128 KiB', body: { ...base, description: huge }, status: 413 },
];

describe('POST /api/v1/requests', () => {
  it.each(SUBMISSION_CASES.map((c) => [c.name, c] as const))('%s → 4xx', async (_name, c) => {
    const before = await countAll();
    await expectRefused(json('POST', '/api/v1/requests', c.body, { token: TOKENS.department }), c);
    expect(await countAll()).toBe(before);
  });

  it('a deadline of today is accepted (the boundary)', async () => {
    const answer = await read(json('POST', '/api/v1/requests', { ...base, deadline: chinaToday() }, { token: TOKENS.department }));
    expect(answer.status).toBe(201);
    expect(answer.body.request.deadline).toBe(chinaToday());
  });

  it('duplicate targets are stored once', async () => {
    const answer = await read(json('POST', '/api/v1/requests', { ...base, targetCommunities: ['qiupu-xinghua', 'qiupu-xinghua', 'qiupu-baiya'] }, { token: TOKENS.department }));
    expect(answer.status).toBe(201);
    expect(answer.body.request.targets.map((t: { id: string }) => t.id)).toEqual(['qiupu-baiya', 'qiupu-xinghua']);
  });

  // Regression: an unknown listItem in a submission was once accepted silently; it must be refused as /evaluate does.
  it('an unknown listItem → 400 naming listItem, as POST /api/v1/evaluate answers', async () => {
    const before = await countAll();
    await expectRefused(json('POST', '/api/v1/requests', { ...base, listItem: 'no-such-list-item' }, { token: TOKENS.department }), {
      name: 'unknown listItem',
      body: null,
      path: 'listItem',
    });
    expect(await countAll()).toBe(before);
  });
});

describe('PUT /api/v1/requests/:id', () => {
  let pending: RequestView;
  beforeAll(async () => {
    pending = await createPending();
  });

  const withVersion = (c: Case): Case =>
    c.body !== null && typeof c.body === 'object' && !Array.isArray(c.body) ? { ...c, body: { ...(c.body as object), version: 1 } } : c;

  it.each(SUBMISSION_CASES.map((c) => [c.name, withVersion(c)] as const))('%s → 4xx', async (_name, c) => {
    const before = await countAll();
    await expectRefused(json('PUT', `/api/v1/requests/${pending.id}`, c.body, { token: TOKENS.department }), c);
    expect(await countAll()).toBe(before);
  });

  it.each([
    ['no version', { ...base }, 'version'],
    ['version as a string', { ...base, version: '1' }, 'version'],
    ['version 0', { ...base, version: 0 }, 'version'],
    ['a fractional version', { ...base, version: 1.5 }, 'version'],
  ] as const)('%s → 400 naming version', async (name, body, path) => {
    await expectRefused(json('PUT', `/api/v1/requests/${pending.id}`, body, { token: TOKENS.department }), { name, body, path });
  });
});

describe('review, withdraw and exit bodies', () => {
  let pending: RequestView;
  beforeAll(async () => {
    pending = await createPending();
  });

  const REVIEW_CASES: Case[] = [
    { name: 'not JSON', body: 'approve', code: 'invalid-json' },
    { name: 'an unknown action', body: { action: 'admit', version: 1, comment: '同意' }, path: 'action' },
    { name: 'no action', body: { version: 1, comment: '同意' }, path: 'action' },
    { name: 'no version', body: { action: 'reject', comment: '不同意' }, path: 'version' },
    { name: 'version as a string', body: { action: 'reject', version: '1', comment: '不同意' }, path: 'version' },
    { name: 'no comment', body: { action: 'reject', version: 1 }, path: 'comment' },
    { name: 'a one-character comment', body: { action: 'reject', version: 1, comment: '否' }, path: 'comment' },
    { name: 'a comment of blanks', body: { action: 'reject', version: 1, comment: '    ' }, path: 'comment' },
    { name: 'a comment over 2,000 characters', body: { action: 'reject', version: 1, comment: '否'.repeat(2_001) }, path: 'comment' },
    { name: 'approve without fundingConfirmed', body: { action: 'approve', version: 1, comment: '同意' }, path: 'fundingConfirmed' },
    { name: 'fundingConfirmed as 1', body: { action: 'approve', version: 1, comment: '同意', fundingConfirmed: 1 }, path: 'fundingConfirmed' },
    { name: 'an unknown field', body: { action: 'reject', version: 1, comment: '不同意', score: 3 }, path: '(body)', mentions: 'score' },
    { name: 'a body over 16 KiB', body: { action: 'reject', version: 1, comment: 'x'.repeat(17 * 1024) }, status: 413 },
  ];

  it.each(REVIEW_CASES.map((c) => [c.name, c] as const))('review: %s → 4xx', async (_name, c) => {
    const before = await countAll();
    await expectRefused(json('POST', `/api/v1/requests/${pending.id}/review`, c.body, { token: TOKENS.reviewer }), c);
    expect(await countAll()).toBe(before);
  });

  const END_CASES: Case[] = [
    { name: 'no reason', body: { version: 1 }, path: 'reason' },
    { name: 'a reason of blanks', body: { version: 1, reason: '   ' }, path: 'reason' },
    { name: 'a reason over 2,000 characters', body: { version: 1, reason: '因'.repeat(2_001) }, path: 'reason' },
    { name: 'no version', body: { reason: '工作调整' }, path: 'version' },
    { name: 'a negative version', body: { version: -1, reason: '工作调整' }, path: 'version' },
    { name: 'an unknown field', body: { version: 1, reason: '工作调整', force: true }, path: '(body)', mentions: 'force' },
    { name: 'not JSON', body: 'withdraw', code: 'invalid-json' },
    { name: 'a body over 16 KiB', body: { version: 1, reason: 'x'.repeat(17 * 1024) }, status: 413 },
  ];

  it.each(END_CASES.map((c) => [c.name, c] as const))('withdraw: %s → 4xx', async (_name, c) => {
    await expectRefused(json('POST', `/api/v1/requests/${pending.id}/withdraw`, c.body, { token: TOKENS.department }), c);
  });

  it.each(END_CASES.map((c) => [c.name, c] as const))('exit: %s → 4xx', async (_name, c) => {
    // The request is pending, so a valid body would be 409; these must fail validation first.
    await expectRefused(json('POST', `/api/v1/requests/${pending.id}/exit`, c.body, { token: TOKENS.reviewer }), c);
  });

  it('the request is untouched by all of the above', async () => {
    const one = await read(call(`/api/v1/requests/${pending.id}`, undefined, { token: TOKENS.admin }));
    expect(one.body.request).toMatchObject({ status: 'pending-review', version: 1 });
  });
});

describe('GET /api/v1/requests filters and cursor', () => {
  it.each([
    ['status=bogus', 'status'],
    ['decision=maybe', 'decision'],
    ['from=2026-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['cursor=%21%21%21not-base64', 'cursor'],
    [`cursor=${btoa('no separator')}`, 'cursor'],
    [`cursor=${'A'.repeat(201)}`, 'cursor'],
    ['department=' + 'd'.repeat(65), 'department'],
    ['sort=created_at', '(body)'],
  ])('?%s → 400 naming %s', async (query, path) => {
    await expectRefused(call(`/api/v1/requests?${query}`, undefined, { token: TOKENS.admin }), { name: query, body: null, path });
  });

  it('a valid cursor pages through without repeats or gaps', async () => {
    for (let i = 0; i < 5; i++) await createPending({ title: `分页 ${i}` });
    const all = await read(call('/api/v1/requests?limit=100', undefined, { token: TOKENS.department }));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: RequestView[]; nextCursor: string | null } } = await read(call(`/api/v1/requests?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, { token: TOKENS.department }));
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.body.items.map((r: RequestView) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.body.items.map((r: RequestView) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters narrow the list: status, decision, department, street, community', async () => {
    const list = async (q: string) =>
      (await read(call(`/api/v1/requests?limit=100&${q}`, undefined, { token: TOKENS.admin }))).body.items as RequestView[];
    for (const r of await list('status=pending-review')) expect(r.status).toBe('pending-review');
    for (const r of await list('decision=needs-review')) expect(r.decision).toBe('needs-review');
    expect((await list('department=minzheng')).length).toBeGreaterThan(0);
    expect(await list('department=chengguan')).toEqual([]);
    for (const r of await list('street=qiupu')) expect(r.targets.some((t) => t.streetId === 'qiupu')).toBe(true);
    expect(await list('community=meijie-liujie')).toEqual([]);
    expect((await list(`from=${chinaToday(1)}`)).length).toBe(0);
  });
});

describe('inbox, check and report inputs', () => {
  const CHECK_CASES: Case[] = [
    { name: 'not JSON', body: '请社区协助', code: 'invalid-json' },
    { name: 'no text', body: {}, path: 'text' },
    { name: 'text as a number', body: { text: 12 }, path: 'text' },
    { name: 'blank text', body: { text: '   ' }, path: 'text' },
    { name: 'text over 20,000 characters', body: { text: '请'.repeat(20_001) }, path: 'text' },
    { name: 'requestId as a number', body: { text: '请社区协助', requestId: 5 }, path: 'requestId' },
    { name: 'requestId over 64 characters', body: { text: '请社区协助', requestId: 'r'.repeat(65) }, path: 'requestId' },
    { name: 'an unknown field', body: { text: '请社区协助', community: 'qiupu-xinghua' }, path: '(body)', mentions: 'community' },
    { name: 'a body over 128 KiB', body: { text: huge }, status: 413 },
  ];

  it.each(CHECK_CASES.map((c) => [c.name, c] as const))('POST /check: %s → 4xx', async (_name, c) => {
    await expectRefused(json('POST', '/api/v1/check', c.body, { token: TOKENS.community }), c);
  });

  it('POST /check with an id that matches no record → 200 no-record (the community may refuse)', async () => {
    const answer = await read(json('POST', '/api/v1/check', { text: '请社区协助开展入户调查', requestId: 'req_unknown' }, { token: TOKENS.community }));
    expect(answer.status).toBe(200);
    expect(answer.body.record).toEqual({ found: false, forThisCommunity: false });
    expect(answer.body.advice.code).toBe('no-record');
  });

  it('GET /inbox ignores query strings it does not use, and is 405 for POST', async () => {
    expect((await call('/api/v1/inbox?x=1', undefined, { token: TOKENS.community })).status).toBe(200);
    const post = await read(json('POST', '/api/v1/inbox', {}, { token: TOKENS.community }));
    expect(post.status).toBe(405);
    expectErrorShape(post.body);
  });

  it.each([
    ['groupBy=person', 'groupBy'],
    ['format=xml', 'format'],
    ['from=01-01-2026', 'from'],
    ['to=2026-02-31', 'to'],
    ['street=qiupu', '(body)'],
  ])('GET /reports/summary?%s → 400 naming %s', async (query, path) => {
    await expectRefused(call(`/api/v1/reports/summary?${query}`, undefined, { token: TOKENS.admin }), { name: query, body: null, path });
  });

  it.each([
    ['DELETE', '/api/v1/requests/req_x'],
    ['PATCH', '/api/v1/requests/req_x'],
    ['GET', '/api/v1/requests/req_x/review'],
    ['PUT', '/api/v1/requests/req_x/history'],
    ['POST', '/api/v1/reviews'],
    ['GET', '/api/v1/check'],
    ['POST', '/api/v1/reports/summary'],
  ])('%s %s → 405 with Allow', async (method, path) => {
    const response = await call(path, { method }, { token: TOKENS.admin });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBeTruthy();
    expectErrorShape(await response.json());
  });
});
