/**
 * The admission workflow end to end against a real `wrangler dev` (workerd as production runs it, local D1 on disk):
 * a department submits, the street approves, the community finds it admitted in its inbox and checks a pasted demand,
 * the district reads the summary (JSON and CSV), and the history holds the audit rows.
 *
 * Setup as a new user would do it, but in a fresh temporary --persist-to directory: apply the migrations, load the
 * demo seed, start wrangler dev with the demo tokens allowed. Plain Node (vitest.smoke.config.ts): `npm run test:smoke`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

const TOKENS = {
  department: 'demo-dept-minzheng',
  reviewer: 'demo-reviewer-qiupu',
  community: 'demo-community-xinghua',
  admin: 'demo-admin',
} as const;

let dev: WranglerDev;
let base = '';

beforeAll(async () => {
  dev = await startWranglerDev({ seed: true, vars: { ALLOW_DEMO_TOKENS: 'true', SESSION_SECRET: 'x' } });
  base = dev.base;
});

afterAll(async () => {
  await dev?.stop();
});

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** One call as curl would make it: a bearer token, JSON in and out. */
async function api(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text), headers: response.headers };
  } catch {
    throw new Error(`${method} ${path}: ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
}

describe('admission workflow on wrangler dev: submit → review → inbox → check → summary → history', () => {
  const demand = {
    title: '困难群众入户调查',
    description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。',
    communityRole: 'assist',
    funding: { amountYuan: 2000, conditions: '区民政局提供调查表和培训' },
    targetCommunities: ['qiupu-xinghua'],
  };
  let id = '';
  let rulesVersion = '';

  it('knows the demo accounts (seed loaded, demo tokens allowed); no token is 401', async () => {
    const me = await api('GET', '/api/v1/me', TOKENS.department);
    expect(me.status).toBe(200);
    expect(me.body.identity).toMatchObject({ userId: 'dept-minzheng', role: 'department', departmentId: 'minzheng' });
    expect((await api('GET', '/api/v1/requests')).status).toBe(401);
    const org = await api('GET', '/api/v1/organisation', TOKENS.community);
    expect(org.body.communities.some((c: { id: string }) => c.id === 'meijie-liujie')).toBe(true);
  });

  it('the department submits: 201, pending review, a retry with the same Idempotency-Key replays it', async () => {
    const key = `e2e-${Date.now()}`;
    const created = await api('POST', '/api/v1/requests', TOKENS.department, demand, { 'idempotency-key': key });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.request).toMatchObject({ status: 'pending-review', version: 1, decision: 'needs-review' });
    expect(created.body.request.reviewDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(created.body.decision.reasons.map((r: { code: string }) => r.code)).toContain('street-review-required');
    id = created.body.request.id;
    rulesVersion = created.body.decision.rulesVersion;
    const retry = await api('POST', '/api/v1/requests', TOKENS.department, demand, { 'idempotency-key': key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.request.id).toBe(id);
  });

  it('the street reviewer finds it in its queue and approves it, confirming the funding', async () => {
    const queue = await api('GET', '/api/v1/reviews', TOKENS.reviewer);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const withoutFunding = await api('POST', `/api/v1/requests/${id}/review`, TOKENS.reviewer, { action: 'approve', version: 1, comment: '同意' });
    expect(withoutFunding.status).toBe(400);
    const approved = await api('POST', `/api/v1/requests/${id}/review`, TOKENS.reviewer, {
      action: 'approve',
      version: 1,
      comment: '同意准入，街道落实工作条件',
      fundingConfirmed: true,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'admitted', decision: 'allow' });
    const again = await api('POST', `/api/v1/requests/${id}/review`, TOKENS.admin, { action: 'approve', version: 1, comment: '再次批准', fundingConfirmed: true });
    expect(again.status).toBe(409);
  });

  it('the community sees it admitted in its inbox', async () => {
    const inbox = await api('GET', '/api/v1/inbox', TOKENS.community);
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((r: { id: string }) => r.id === id);
    expect(item).toMatchObject({ status: 'admitted', departmentName: '区民政局' });
  });

  it('the community checks a pasted demand with the request id: admitted, do it', async () => {
    const text = '@所有人 各位书记：请协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。';
    const checked = await api('POST', '/api/v1/check', TOKENS.community, { text, requestId: id });
    expect(checked.status).toBe(200);
    // The text alone is assistance awaiting review; read with the record's approval and funding it is admitted work.
    const evaluated = await api('POST', '/api/v1/evaluate', undefined, { description: text });
    expect(evaluated.body.decision).toBe('needs-review');
    expect(checked.body.decision.decision).toBe('allow');
    expect(checked.body.decision.reasons.map((r: { code: string }) => r.code)).toContain('approved-assistance');
    expect(checked.body.record).toMatchObject({ found: true, forThisCommunity: true, request: { id, status: 'admitted' } });
    expect(checked.body.advice.code).toBe('admitted');
    const noRecord = await api('POST', '/api/v1/check', TOKENS.community, { text: '请各社区负责辖区违建拆除，实行一票否决。' });
    expect(noRecord.body.decision.decision).toBe('reject');
    expect(noRecord.body.advice.code).toBe('no-record');
  });

  it('the district reads the summary as JSON and as CSV', async () => {
    const json = await api('GET', '/api/v1/reports/summary?groupBy=street', TOKENS.admin);
    expect(json.status).toBe(200);
    expect(json.body.totals).toMatchObject({ total: 1, admitted: 1, allow: 1, pendingReview: 0 });
    expect(json.body.groups).toEqual([expect.objectContaining({ id: 'qiupu', name: '秋浦街道', total: 1, admitted: 1 })]);
    const response = await fetch(`${base}/api/v1/reports/summary?groupBy=street&format=csv`, { headers: { authorization: `Bearer ${TOKENS.admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toMatch(/^编号,名称,申请总数,/);
    expect(lines[1]).toMatch(/^qiupu,秋浦街道,1,/);
  });

  it('the history holds one audit row per change: create then approve, with actors and the rules version', async () => {
    const history = await api('GET', `/api/v1/requests/${id}/history`, TOKENS.department);
    expect(history.status).toBe(200);
    expect(history.body.history.map((h: { action: string; actorId: string; actorRole: string }) => [h.action, h.actorId, h.actorRole])).toEqual([
      ['create', 'dept-minzheng', 'department'],
      ['approve', 'reviewer-qiupu', 'street-reviewer'],
    ]);
    expect(history.body.history[0]).toMatchObject({ before: null, after: { status: 'pending-review', version: 1 }, rulesVersion });
    expect(history.body.history[1]).toMatchObject({ before: { status: 'pending-review', version: 1 }, after: { status: 'admitted' }, rulesVersion });
  });

  it('logged no uncaught error from the Worker', () => {
    expect(dev.log()).not.toMatch(/Uncaught|unhandled error|✘ \[ERROR\]/);
  });
});
