/**
 * The audit trail: every state change has exactly one append-only row (who, role, before/after, rulesVersion where
 * the engine ran), written in the same D1 batch as the change, so a failed write leaves neither.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { createRequest } from '../../src/store/requests.ts';
import type { Identity } from '../../src/workflow/types.ts';
import { db, loadDemoData, TOKENS, USERS } from '../support/demo-data.ts';
import { postJson } from '../support/worker.ts';
import { approve, createPending, exit, get, review, revise, withdraw, type RequestView } from './helpers.ts';

beforeAll(loadDemoData);

interface HistoryRow {
  id: number;
  at: string;
  actorId: string;
  actorRole: string;
  requestId: string;
  action: string;
  before: { status: string; version: number } | null;
  after: { status: string; version: number; decision?: string; comment?: string };
  rulesVersion: string | null;
}

const history = async (id: string, token: string = TOKENS.admin) => {
  const answer = await get(`/api/v1/requests/${id}/history`, token);
  expect(answer.status).toBe(200);
  expect(answer.body.requestId).toBe(id);
  return answer.body.history as HistoryRow[];
};

describe('a scripted scenario leaves one audit row per change, in order', () => {
  let main: RequestView;
  let other: RequestView;
  let rulesVersion: string;

  beforeAll(async () => {
    main = await createPending();
    rulesVersion = main.rulesVersion;
    const steps = [
      () => revise(main.id, 1, 'assistance', { title: '入户调查（第二稿）' }),
      () => review(main.id, { action: 'return', version: 2, comment: '请写明调查表数量' }),
      () => revise(main.id, 2, 'assistance', { title: '入户调查（第三稿）', funding: { conditions: '区民政局提供调查表500份' } }),
      () => approve(main.id, 3),
      () => exit(main.id, 3, TOKENS.admin),
    ];
    for (const step of steps) {
      const answer = await step();
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    other = await createPending({ title: '另一个事项' });
    expect((await withdraw(other.id, 1)).status).toBe(200);
  });

  it('the main request: create, revise, return, revise, approve, exit — each once, with actor, role, before and after', async () => {
    const rows = await history(main.id);
    const expected: Array<[string, string, string, { status: string; version: number } | null, { status: string; version: number }, boolean]> = [
      ['create', USERS.department, 'department', null, { status: 'pending-review', version: 1 }, true],
      ['revise', USERS.department, 'department', { status: 'pending-review', version: 1 }, { status: 'pending-review', version: 2 }, true],
      ['return', USERS.reviewer, 'street-reviewer', { status: 'pending-review', version: 2 }, { status: 'returned', version: 2 }, false],
      ['revise', USERS.department, 'department', { status: 'returned', version: 2 }, { status: 'pending-review', version: 3 }, true],
      ['approve', USERS.reviewer, 'street-reviewer', { status: 'pending-review', version: 3 }, { status: 'admitted', version: 3 }, true],
      ['exit', USERS.admin, 'admin', { status: 'admitted', version: 3 }, { status: 'exited', version: 3 }, false],
    ];
    expect(rows.map((r) => r.action)).toEqual(expected.map(([action]) => action));
    rows.forEach((row, i) => {
      const [action, actor, role, before, after, engineRan] = expected[i]!;
      expect(row.requestId).toBe(main.id);
      expect(row.actorId, action).toBe(actor);
      expect(row.actorRole, action).toBe(role);
      expect(row.before, action).toEqual(before);
      expect(row.after, action).toMatchObject(after);
      expect(row.rulesVersion, action).toBe(engineRan ? rulesVersion : null);
      expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });
    // Where the engine ran, the row says what it decided; where people decided, it carries their comment.
    expect(rows.map((r) => r.after.decision)).toEqual(['needs-review', 'needs-review', undefined, 'needs-review', 'allow', undefined]);
    expect(rows[2]!.after.comment).toBe('请写明调查表数量');
    expect(rows[5]!.after.comment).toBe('居民反对，退出社区');
  });

  it('rows are in the order they happened: ids and times ascend', async () => {
    const rows = await history(main.id);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.id).toBeGreaterThan(rows[i - 1]!.id);
      expect(rows[i]!.at >= rows[i - 1]!.at).toBe(true);
    }
  });

  it('every status the request passed through is linked: each row starts where the previous one ended', async () => {
    const rows = await history(main.id);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.before).toEqual({ status: rows[i - 1]!.after.status, version: rows[i - 1]!.after.version });
    }
    const now = await get(`/api/v1/requests/${main.id}`, TOKENS.admin);
    expect(rows.at(-1)!.after).toMatchObject({ status: now.body.request.status, version: now.body.request.version });
  });

  it('the withdrawn request: create, withdraw, with the reason', async () => {
    const rows = await history(other.id);
    expect(rows.map((r) => [r.action, r.actorId, r.before?.status ?? null, r.after.status])).toEqual([
      ['create', USERS.department, null, 'pending-review'],
      ['withdraw', USERS.department, 'pending-review', 'withdrawn'],
    ]);
    expect(rows[1]!.rulesVersion).toBeNull();
    expect(rows[1]!.after.comment).toBe('工作安排调整，撤回');
  });

  it('the audit table holds exactly these rows for the two requests (nothing written elsewhere)', async () => {
    const { results } = await db
      .prepare('SELECT request_id, count(*) AS n FROM audit_log WHERE request_id IN (?, ?) GROUP BY request_id')
      .bind(main.id, other.id)
      .all<{ request_id: string; n: number }>();
    expect(Object.fromEntries(results.map((r) => [r.request_id, r.n]))).toEqual({ [main.id]: 6, [other.id]: 2 });
  });

  it('versions, reviews and audit agree: 3 versions, 3 review rows (return, approve, exit)', async () => {
    const one = await get(`/api/v1/requests/${main.id}`, TOKENS.department);
    expect(one.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(one.body.reviews.map((v: { action: string; version: number }) => [v.action, v.version])).toEqual([
      ['return', 2],
      ['approve', 3],
      ['exit', 3],
    ]);
  });

  it('the history is readable by whoever may see the request, and 404 for others', async () => {
    expect((await history(main.id, TOKENS.department)).length).toBe(6);
    expect((await history(main.id, TOKENS.reviewer)).length).toBe(6);
    expect((await get(`/api/v1/requests/${main.id}/history`, TOKENS.otherDepartment)).status).toBe(404);
    expect((await get(`/api/v1/requests/${main.id}/history`, TOKENS.otherReviewer)).status).toBe(404);
  });

  it('refused moves leave no audit row', async () => {
    const before = (await history(main.id)).length;
    expect((await approve(main.id, 3)).status).toBe(409);
    expect((await exit(main.id, 3)).status).toBe(409);
    expect((await revise(main.id, 3)).status).toBe(409);
    expect((await withdraw(main.id, 3)).status).toBe(409);
    expect((await history(main.id)).length).toBe(before);
  });
});

describe('nothing is ever changed or deleted', () => {
  let id: string;
  beforeAll(async () => {
    id = (await createPending()).id;
  });

  it.each([
    ['UPDATE audit_log', `UPDATE audit_log SET action = 'forged' WHERE request_id = ?`, /append-only/],
    ['DELETE FROM audit_log', `DELETE FROM audit_log WHERE request_id = ?`, /append-only/],
    ['DELETE FROM requests', `DELETE FROM requests WHERE id = ?`, /never deleted/],
    ['DELETE FROM request_versions', `DELETE FROM request_versions WHERE request_id = ?`, /never deleted/],
  ])('%s is refused by a trigger', async (_label, sql, message) => {
    const before = await history(id);
    await expect(db.prepare(sql).bind(id).run()).rejects.toThrow(message);
    expect(await history(id)).toEqual(before);
  });

  it('a batch that tries to delete an audit row rolls back whole', async () => {
    const before = await history(id);
    const title = (await get(`/api/v1/requests/${id}`, TOKENS.admin)).body.request.title;
    await expect(
      db.batch([
        db.prepare(`UPDATE requests SET title = 'tampered' WHERE id = ?`).bind(id),
        db.prepare(`DELETE FROM audit_log WHERE request_id = ?`).bind(id),
      ]),
    ).rejects.toThrow(/append-only/);
    expect((await get(`/api/v1/requests/${id}`, TOKENS.admin)).body.request.title).toBe(title);
    expect(await history(id)).toEqual(before);
  });
});

describe('a failing write leaves neither the change nor its audit row', () => {
  const department: Identity = { userId: USERS.department, name: '区民政局 李科长', role: 'department', departmentId: 'minzheng', streetId: null, communityId: null };

  it('createRequest with a target community that violates the foreign key writes no request, version, target or audit row', async () => {
    const id = `req_fk_${Date.now()}`;
    const body = { title: '外键失败', description: '请各社区协助区民政局开展入户调查，区民政局提供调查表。' };
    const result = evaluate(body, defaultRuleSet);
    const now = new Date().toISOString();
    await expect(
      createRequest(db, {
        id,
        op: `op_fk_${Date.now()}`,
        actor: department,
        departmentId: 'minzheng',
        title: body.title,
        body: { ...body, targetCommunities: ['no-such-community'] },
        result,
        ruleSet: defaultRuleSet,
        status: 'pending-review',
        targets: ['qiupu-xinghua', 'no-such-community'],
        deadline: null,
        reviewDue: null,
        idempotencyKey: null,
        idempotencyHash: null,
        now,
      }),
    ).rejects.toThrow(/FOREIGN KEY/i);
    const count = async (sql: string) => (await db.prepare(sql).bind(id).first<{ n: number }>())!.n;
    expect(await count('SELECT count(*) AS n FROM requests WHERE id = ?')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM request_versions WHERE request_id = ?')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM request_targets WHERE request_id = ?')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE request_id = ?')).toBe(0);
  });

  it('the same call with a known community writes all four, so the failure above was the foreign key alone', async () => {
    const id = `req_ok_${Date.now()}`;
    const body = { title: '外键成功', description: '请各社区协助区民政局开展入户调查，区民政局提供调查表。' };
    const outcome = await createRequest(db, {
      id,
      op: `op_ok_${Date.now()}`,
      actor: department,
      departmentId: 'minzheng',
      title: body.title,
      body,
      result: evaluate(body, defaultRuleSet),
      ruleSet: defaultRuleSet,
      status: 'pending-review',
      targets: ['qiupu-xinghua'],
      deadline: null,
      reviewDue: null,
      idempotencyKey: null,
      idempotencyHash: null,
      now: new Date().toISOString(),
    });
    expect(outcome).toEqual({ created: true });
    const count = async (sql: string) => (await db.prepare(sql).bind(id).first<{ n: number }>())!.n;
    expect(await count('SELECT count(*) AS n FROM requests WHERE id = ?')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM request_versions WHERE request_id = ?')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM request_targets WHERE request_id = ?')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM audit_log WHERE request_id = ?')).toBe(1);
  });

  it('through the API an unknown community is a 400 before anything is written', async () => {
    const before = (await db.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>())!.n;
    const response = await postJson(
      '/api/v1/requests',
      { title: '入户调查', description: '请各社区协助区民政局开展入户调查，区民政局提供调查表。', targetCommunities: ['no-such-community'] },
      { token: TOKENS.department },
    );
    expect(response.status).toBe(400);
    expect((await db.prepare('SELECT count(*) AS n FROM audit_log').first<{ n: number }>())!.n).toBe(before);
  });
});
