/**
 * The documented shapes are the real ones: answers of the running Worker, for every documented operation and the
 * usual errors, validated against the JSON Schema that GET /api/v1/openapi.json publishes for that status.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_EXAMPLE, EVALUATE_EXAMPLES, SUBMISSION_EXAMPLE } from '../../src/api/openapi/examples.ts';
import { bundledRuleFiles } from '../../src/ruleset/bundle.ts';
import { COMMUNITIES, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson, putJson } from '../support/worker.ts';
import { documentedOperations, expectValid, responseSchema, servedDocument, validatorFor, type OpenApi } from './support.ts';

let doc: OpenApi;
const seen = new Set<string>();

beforeAll(async () => {
  await loadDemoData();
  doc = await servedDocument();
});

/** Checks an answer against the document: its status is documented for the operation and its body matches. */
async function expectDocumented(method: string, path: string, response: Response, mediaType = 'application/json'): Promise<unknown> {
  const text = new TextDecoder().decode(await response.arrayBuffer());
  const status = response.status;
  seen.add(`${method} ${path}`);
  if (status === 204) {
    expect(Object.keys((doc.paths[path]![method.toLowerCase()]!.responses as object))).toContain('204');
    return null;
  }
  expect(response.headers.get('content-type') ?? '').toContain(mediaType.replace('application/x-ndjson', 'application/x-ndjson'));
  const validator = validatorFor(doc, responseSchema(doc, method, path, status, mediaType));
  if (mediaType === 'application/x-ndjson') {
    const lines = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
    for (const [i, line] of lines.entries()) expectValid(validator, line, `${method} ${path} ${status} line ${i + 1}`);
    return lines;
  }
  const body = mediaType === 'application/json' ? (JSON.parse(text) as unknown) : text;
  expectValid(validator, body, `${method} ${path} ${status}`);
  return body;
}

const auth = (token: string) => ({ token });

describe('answers match the documented schemas', () => {
  it('public operations', async () => {
    await expectDocumented('GET', '/healthz', await call('/healthz'));
    for (const { value } of Object.values(EVALUATE_EXAMPLES)) await expectDocumented('POST', '/api/v1/evaluate', await postJson('/api/v1/evaluate', value));
    await expectDocumented('POST', '/api/v1/evaluate', await postJson('/api/v1/evaluate', { funding: { amountYuan: '2000' } }));
    await expectDocumented('POST', '/api/v1/evaluate', await call('/api/v1/evaluate', { method: 'POST', body: '{' }));
    await expectDocumented('POST', '/api/v1/evaluate/batch', await postJson('/api/v1/evaluate/batch', { items: [EVALUATE_EXAMPLES.statutory.value, { title: '' }] }));
    await expectDocumented('POST', '/api/v1/evaluate/batch', await call('/api/v1/evaluate/batch', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV_EXAMPLE }));
    await expectDocumented('POST', '/api/v1/evaluate/batch', await postJson('/api/v1/evaluate/batch', { items: [] }));
    const rules = (await expectDocumented('GET', '/api/v1/rules', await call('/api/v1/rules'))) as { rulesVersion: string };
    await expectDocumented('GET', '/api/v1/rules/{version}', await call(`/api/v1/rules/${rules.rulesVersion}`));
    await expectDocumented('GET', '/api/v1/rules/{version}', await call(`/api/v1/rules/sha256:${'0'.repeat(64)}`));
    await expectDocumented('GET', '/api/v1/rules/{version}', await call('/api/v1/rules/not-a-version'));
  });

  it('the workflow, from submission to exit, and its errors', async () => {
    const dept = auth(TOKENS.department);
    const body = { ...SUBMISSION_EXAMPLE, targetCommunities: [COMMUNITIES.xinghua] };
    const created = (await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', body, { ...dept, headers: { 'Idempotency-Key': 'openapi-answers-1' } }))) as {
      request: { id: string; version: number };
    };
    await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', body, { ...dept, headers: { 'Idempotency-Key': 'openapi-answers-1' } }));
    await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', { ...body, title: '另一件' }, { ...dept, headers: { 'Idempotency-Key': 'openapi-answers-1' } }));
    await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', body));
    await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', body, auth(TOKENS.community)));
    await expectDocumented('POST', '/api/v1/requests', await postJson('/api/v1/requests', { ...body, targetCommunities: [] }, dept));

    const { id } = created.request;
    await expectDocumented('GET', '/api/v1/requests', await call('/api/v1/requests?limit=5', undefined, dept));
    await expectDocumented('GET', '/api/v1/requests', await call('/api/v1/requests?limit=0', undefined, dept));
    await expectDocumented('GET', '/api/v1/requests/{id}', await call(`/api/v1/requests/${id}`, undefined, dept));
    await expectDocumented('GET', '/api/v1/requests/{id}', await call('/api/v1/requests/req_nope', undefined, dept));
    await expectDocumented('GET', '/api/v1/requests/{id}/history', await call(`/api/v1/requests/${id}/history`, undefined, auth(TOKENS.admin)));
    await expectDocumented('GET', '/api/v1/reviews', await call('/api/v1/reviews', undefined, auth(TOKENS.reviewer)));
    await expectDocumented('GET', '/api/v1/reviews', await call('/api/v1/reviews', undefined, dept));

    const reviewer = auth(TOKENS.reviewer);
    await expectDocumented('POST', '/api/v1/requests/{id}/review', await postJson(`/api/v1/requests/${id}/review`, { action: 'approve', version: 1, comment: '同意' }, reviewer));
    await expectDocumented('POST', '/api/v1/requests/{id}/review', await postJson(`/api/v1/requests/${id}/review`, { action: 'approve', version: 1, comment: '同意，经费已落实', fundingConfirmed: true }, reviewer));
    await expectDocumented('POST', '/api/v1/requests/{id}/review', await postJson(`/api/v1/requests/${id}/review`, { action: 'return', version: 1, comment: '请补充' }, reviewer));
    await expectDocumented('GET', '/api/v1/requests/{id}', await call(`/api/v1/requests/${id}`, undefined, dept));

    const community = auth(TOKENS.community);
    await expectDocumented('GET', '/api/v1/inbox', await call('/api/v1/inbox', undefined, community));
    await expectDocumented('POST', '/api/v1/check', await postJson('/api/v1/check', { text: '请社区协助入户宣传拆违政策', requestId: id }, community));
    await expectDocumented('POST', '/api/v1/check', await postJson('/api/v1/check', { text: '请社区开具亲属关系证明' }, community));
    await expectDocumented('POST', '/api/v1/requests/{id}/exit', await postJson(`/api/v1/requests/${id}/exit`, { version: 1, reason: '宣传任务已结束' }, reviewer));

    // A request the engine rejects: the department may revise it, or withdraw it; no one may approve it.
    const rejected = (await (await postJson('/api/v1/requests', { title: '违建拆除', description: '请各社区负责辖区违建拆除。', targetCommunities: [COMMUNITIES.xinghua] }, dept)).json()) as { request: { id: string } };
    const rid = rejected.request.id;
    await expectDocumented('PUT', '/api/v1/requests/{id}', await putJson(`/api/v1/requests/${rid}`, { ...body, version: 1 }, dept));
    await expectDocumented('PUT', '/api/v1/requests/{id}', await putJson(`/api/v1/requests/${rid}`, { ...body, version: 1 }, dept));
    await expectDocumented('POST', '/api/v1/requests/{id}/withdraw', await postJson(`/api/v1/requests/${rid}/withdraw`, { version: 2, reason: '改由部门自行组织' }, dept));
    const forbidden = (await (await postJson('/api/v1/requests', { description: '请各社区负责辖区违建拆除，经费由区城管局提供。', communityRole: 'assist', targetCommunities: [COMMUNITIES.xinghua] }, dept)).json()) as { request: { id: string; status: string } };
    if (forbidden.request.status === 'pending-review') {
      await expectDocumented('POST', '/api/v1/requests/{id}/review', await postJson(`/api/v1/requests/${forbidden.request.id}/review`, { action: 'approve', version: 1, comment: '同意', fundingConfirmed: true }, reviewer));
    }
  });

  it('reports, sessions, organisation and the rule-set lifecycle', async () => {
    const admin = auth(TOKENS.admin);
    await expectDocumented('GET', '/api/v1/reports/summary', await call('/api/v1/reports/summary?groupBy=street', undefined, admin));
    await expectDocumented('GET', '/api/v1/reports/summary', await call('/api/v1/reports/summary?format=csv', undefined, admin), 'text/csv');
    await expectDocumented('GET', '/api/v1/reports/summary', await call('/api/v1/reports/summary?groupBy=nope', undefined, admin));
    await expectDocumented('GET', '/api/v1/me', await call('/api/v1/me', undefined, auth(TOKENS.reviewer)));
    await expectDocumented('GET', '/api/v1/me', await call('/api/v1/me'));
    await expectDocumented('GET', '/api/v1/organisation', await call('/api/v1/organisation', undefined, admin));
    await expectDocumented('POST', '/api/v1/session', await postJson('/api/v1/session', { token: TOKENS.department }));
    await expectDocumented('POST', '/api/v1/session', await postJson('/api/v1/session', { token: 'not-a-token' }));
    await expectDocumented('DELETE', '/api/v1/session', await call('/api/v1/session', { method: 'DELETE' }));
    const lines = (await expectDocumented('GET', '/api/v1/decisions/export', await call('/api/v1/decisions/export', undefined, admin), 'application/x-ndjson')) as unknown[];
    expect(lines.length).toBeGreaterThan(0);
    await expectDocumented('GET', '/api/v1/decisions/export', await call('/api/v1/decisions/export', undefined, auth(TOKENS.department)));
    const replay = await postJson('/api/v1/replay', { files: bundledRuleFiles, examples: 2 }, admin);
    expect(replay.status).toBe(200);
    const report = (await expectDocumented('POST', '/api/v1/replay', replay)) as { totals: { entries: number } };
    expect(report.totals.entries).toBeGreaterThan(0);
    await expectDocumented('POST', '/api/v1/replay', await postJson('/api/v1/replay', { files: { negativeList: { list: 'negative-list' } } }, admin));
    await expectDocumented('GET', '/api/v1/openapi.json', await call('/api/v1/openapi.json'));
  });

  it('touched every documented operation except the docs page', () => {
    const untouched = documentedOperations(doc).map((o) => o.key).filter((key) => !seen.has(key));
    expect(untouched).toEqual(['GET /api/v1/docs']);
  });
});
