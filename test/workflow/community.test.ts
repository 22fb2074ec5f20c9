/**
 * The community's side: the inbox shows what is admitted, pending or rejected for it; the check answers the
 * engine's decision on a pasted demand plus, for a request id, its admission status and what to do.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData, TOKENS } from '../support/demo-data.ts';
import { postJson } from '../support/worker.ts';
import { approve, create, createAdmitted, createPending, createRejected, exit, get, read, review, withdraw, type RequestView } from './helpers.ts';

beforeAll(loadDemoData);

const check = (body: Record<string, unknown>, token: string = TOKENS.community) => read(postJson('/api/v1/check', body, { token }));

/** One request in every state, all aimed at 杏花社区 (秋浦街道). */
let byStatus: Record<string, RequestView>;

beforeAll(async () => {
  const ok = async (answer: Promise<{ status: number; body: { request: RequestView } }>) => {
    const a = await answer;
    expect(a.status).toBe(200);
    return a.body.request;
  };
  const pending = await createPending();
  const approved = await ok(approve((await createPending()).id, 1));
  const admittedByEngine = await createAdmitted();
  const rejected = await createRejected();
  const refused = await ok(review((await createPending()).id, { action: 'reject', version: 1, comment: '不予准入' }));
  const returned = await ok(review((await createPending()).id, { action: 'return', version: 1, comment: '请补充' }));
  const withdrawn = await ok(withdraw((await createPending()).id, 1));
  const exited = await ok(exit((await createAdmitted()).id, 1));
  byStatus = { pending, approved, admittedByEngine, rejected, refused, returned, withdrawn, exited };
});

describe('GET /api/v1/inbox', () => {
  it('shows admitted, pending, rejected, refused and exited requests aimed at the community; not returned or withdrawn ones', async () => {
    const inbox = await get('/api/v1/inbox', TOKENS.community);
    expect(inbox.status).toBe(200);
    const ids = new Set((inbox.body.items as RequestView[]).map((r) => r.id));
    for (const key of ['pending', 'approved', 'admittedByEngine', 'rejected', 'refused', 'exited']) expect(ids.has(byStatus[key]!.id), key).toBe(true);
    for (const key of ['returned', 'withdrawn']) expect(ids.has(byStatus[key]!.id), key).toBe(false);
    const approved = (inbox.body.items as RequestView[]).find((r) => r.id === byStatus.approved!.id)!;
    expect(approved).toMatchObject({ status: 'admitted', decision: 'allow', departmentId: 'minzheng' });
  });

  it('another community of another street sees none of them', async () => {
    const inbox = await get('/api/v1/inbox', TOKENS.otherCommunity);
    expect(inbox.body.items).toEqual([]);
  });

  it('GET /requests as the community shows the same set as the inbox', async () => {
    const inbox = await get('/api/v1/inbox', TOKENS.community);
    const list = await get('/api/v1/requests?limit=100', TOKENS.community);
    expect((list.body.items as RequestView[]).map((r) => r.id).sort()).toEqual((inbox.body.items as RequestView[]).map((r) => r.id).sort());
  });
});

describe('POST /api/v1/check', () => {
  const text = '各社区：请协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。';

  it.each([
    ['approved', 'admitted'],
    ['admittedByEngine', 'admitted'],
    ['pending', 'pending'],
    ['returned', 'pending'],
    ['rejected', 'rejected'],
    ['refused', 'rejected'],
    ['withdrawn', 'ended'],
    ['exited', 'ended'],
  ])('a %s request → advice %s, with its record', async (key, advice) => {
    const request = byStatus[key]!;
    const answer = await check({ text, requestId: request.id });
    expect(answer.status).toBe(200);
    expect(answer.body.advice.code).toBe(advice);
    expect(answer.body.advice.message).toMatch(/[\u4e00-\u9fff]/);
    expect(answer.body.record).toMatchObject({ found: true, forThisCommunity: true, request: { id: request.id, status: request.status, departmentName: '区民政局' } });
  });

  it('the decision is the engine\'s on the pasted text, whatever the record says', async () => {
    const assistance = await check({ text });
    expect(assistance.body.decision.decision).toBe('needs-review');
    expect(assistance.body.decision.reasons.map((r: { code: string }) => r.code)).toContain('street-review-required');
    const veto = await check({ text: '请各社区负责辖区违建拆除，该项工作实行一票否决。', requestId: byStatus.approved!.id });
    expect(veto.body.decision.decision).toBe('reject');
    expect(veto.body.advice.code).toBe('admitted');
  });

  it('no request id → no record, the community may refuse', async () => {
    const answer = await check({ text });
    expect(answer.body.record).toBeNull();
    expect(answer.body.advice.code).toBe('no-record');
    expect(answer.body.advice.message).toContain('有权拒绝');
  });

  it('a request aimed at another community is no record for this one, and its existence is not revealed', async () => {
    const answer = await check({ text, requestId: byStatus.approved!.id }, TOKENS.otherCommunity);
    expect(answer.status).toBe(200);
    expect(answer.body.advice.code).toBe('no-record');
    expect(answer.body.record).toEqual({ found: false, forThisCommunity: false });
  });

  it('the district may check any record', async () => {
    const answer = await check({ text, requestId: byStatus.refused!.id }, TOKENS.admin);
    expect(answer.body.record).toMatchObject({ found: true, forThisCommunity: true, request: { status: 'refused' } });
  });
});

describe('a new duty (not-on-lists) approved by the street', () => {
  // The engine's not-on-lists is needs-review whether or not a street approved, so the approval's re-run still says
  // needs-review. The street's approval is the admission (准入审核), so the request is admitted; it keeps the
  // engine's decision as re-run (needs-review) and its reason, which the reports count under needsReview.
  it('is admitted, and the community is told to do it', async () => {
    const duty = await create('assistance', 'pending-review', { title: '加装电梯资金筹集', description: '请各社区负责老旧小区加装电梯的资金筹集工作。', communityRole: undefined });
    expect(duty.reasonCodes).toEqual(['not-on-lists']);
    const approved = await approve(duty.id, 1);
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'admitted', decision: 'needs-review', reasonCodes: ['not-on-lists'] });
    const answer = await check({ text: '请各社区负责老旧小区加装电梯的资金筹集工作。', requestId: duty.id });
    expect(answer.body.advice.code).toBe('admitted');
  });
});
