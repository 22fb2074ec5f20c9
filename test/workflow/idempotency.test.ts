/**
 * Idempotency-Key on POST /api/v1/requests: a retry returns the first result instead of creating a duplicate.
 * Keys are scoped to the caller (the same key from another account is another request).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson } from '../support/worker.ts';
import { read, submissionBody, type ErrorBody, type RequestView } from './helpers.ts';

beforeAll(loadDemoData);

type Created = { request: RequestView; decision: { decision: string; rulesVersion: string } } & ErrorBody;

const post = (body: unknown, key?: string, token: string = TOKENS.department) =>
  read<Created>(postJson('/api/v1/requests', body, { token, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) }));

async function countRequests(where = '1 = 1', ...args: unknown[]): Promise<number> {
  const row = await db.prepare(`SELECT count(*) AS n FROM requests WHERE ${where}`).bind(...args).first<{ n: number }>();
  return row!.n;
}

let keySeq = 0;
const freshKey = () => `test-key-${Date.now()}-${++keySeq}`;

describe('Idempotency-Key', () => {
  it('the same key and body twice → one request; the retry answers 200, Idempotent-Replayed: true, the same id', async () => {
    const key = freshKey();
    const body = submissionBody('assistance');
    const first = await post(body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await post(body, key);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.request.id).toBe(first.body.request.id);
    expect(second.body.decision).toEqual(first.body.decision);
    expect(second.headers.get('location')).toBe(`/api/v1/requests/${first.body.request.id}`);
    expect(await countRequests('idempotency_key = ?', key)).toBe(1);
    // One version and one create audit row: the replay wrote nothing.
    const versions = await db.prepare('SELECT count(*) AS n FROM request_versions WHERE request_id = ?').bind(first.body.request.id).first<{ n: number }>();
    expect(versions!.n).toBe(1);
    const audit = await db.prepare('SELECT count(*) AS n FROM audit_log WHERE request_id = ?').bind(first.body.request.id).first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it('the same body with its keys in another order is the same body', async () => {
    const key = freshKey();
    const body = submissionBody('assistance');
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await post(body, key)).status).toBe(201);
    const again = await post(reordered, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a replay after the request moved on returns the request as it is now, with the first decision', async () => {
    const key = freshKey();
    const body = submissionBody('assistance');
    const first = await post(body, key);
    const approved = await read(
      postJson(`/api/v1/requests/${first.body.request.id}/review`, { action: 'approve', version: 1, comment: '同意', fundingConfirmed: true }, { token: TOKENS.reviewer }),
    );
    expect(approved.status).toBe(200);
    const replay = await post(body, key);
    expect(replay.status).toBe(200);
    expect(replay.body.request.id).toBe(first.body.request.id);
    expect(replay.body.request.status).toBe('admitted');
    expect(replay.body.decision.decision).toBe('needs-review');
  });

  it('the same key with a different body → 422, and nothing new', async () => {
    const key = freshKey();
    expect((await post(submissionBody('assistance'), key)).status).toBe(201);
    const before = await countRequests();
    const other = await post(submissionBody('assistance', { title: '另一个事项' }), key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency-key-reused');
    expect(other.body.error.message.length).toBeGreaterThan(0);
    expect(await countRequests()).toBe(before);
  });

  it('no key → two identical requests', async () => {
    const before = await countRequests();
    const body = submissionBody('statutory', { title: `无键提交 ${freshKey()}` });
    const a = await post(body);
    const b = await post(body);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.request.id).not.toBe(b.body.request.id);
    expect(await countRequests()).toBe(before + 2);
  });

  it('keys belong to the caller: the same key from another department creates its own request', async () => {
    const key = freshKey();
    const mine = await post(submissionBody('assistance'), key, TOKENS.department);
    const theirs = await post(submissionBody('assistance'), key, TOKENS.otherDepartment);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.request.id).not.toBe(mine.body.request.id);
    expect(theirs.body.request.departmentId).toBe('chengguan');
  });

  it('two submissions with one key at once → one request', async () => {
    const key = freshKey();
    const body = submissionBody('assistance');
    const answers = await Promise.all([post(body, key), post(body, key), post(body, key)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.request.id)).size).toBe(1);
    expect(await countRequests('idempotency_key = ?', key)).toBe(1);
  });

  it('a rejected body (400) does not use up the key', async () => {
    const key = freshKey();
    const bad = await post({ ...submissionBody('assistance'), targetCommunities: [] }, key);
    expect(bad.status).toBe(400);
    expect((await post(submissionBody('assistance'), key)).status).toBe(201);
  });

  it.each([
    ['a control character', 'abc\u0001def'],
    ['a tab', 'abc\tdef'],
    ['a space', 'abc def'],
    ['201 characters', 'k'.repeat(201)],
  ])('a key with %s → 400 naming Idempotency-Key', async (_label, key) => {
    const before = await countRequests();
    // Workers' Headers pass control characters and UTF-8 through, so the Worker itself must refuse them.
    const response = await call(
      '/api/v1/requests',
      { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(submissionBody('assistance')) },
      { token: TOKENS.department },
    );
    const answer = await read<ErrorBody>(response);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid-request');
    expect(answer.body.error.issues!.map((i) => i.path)).toContain('Idempotency-Key');
    expect(await countRequests()).toBe(before);
  });

  it('a key of exactly 200 printable characters is accepted', async () => {
    const key = `${freshKey()}-`.padEnd(200, 'x');
    expect((await post(submissionBody('assistance'), key)).status).toBe(201);
    expect((await post(submissionBody('assistance'), key)).status).toBe(200);
  });

  it('an empty key header → 400', async () => {
    const answer = await read<ErrorBody>(
      call('/api/v1/requests', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': '' }, body: JSON.stringify(submissionBody()) }, { token: TOKENS.department }),
    );
    expect(answer.status).toBe(400);
  });
});
