/** POST /api/v1/evaluate/batch: JSON items and CSV duty lists, one bad item among good ones. */
import { describe, expect, it } from 'vitest';
import seedCsv from '../../seeds/attachment-2-duty-list.csv?raw';
import { call, postJson } from '../support/worker.ts';

interface BatchBody {
  results: Array<{ decision?: string; reasons?: Array<{ code: string }>; error?: { code: string; issues: Array<{ path: string }> }; row?: Record<string, unknown> }>;
  summary: Record<string, number>;
  error?: { code: string; issues?: Array<{ path: string; message: string }> };
}

const postCsv = (csv: string) =>
  call('/api/v1/evaluate/batch', { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv });

describe('POST /api/v1/evaluate/batch', () => {
  it('evaluates items in input order and gives a bad item an error in its place', async () => {
    const response = await postJson('/api/v1/evaluate/batch', {
      items: [
        { description: '请各社区负责辖区违建拆除工作。' },
        { description: 7 },
        { description: '请各社区组织召开居民会议，讨论小区停车管理公约。' },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as BatchBody;
    expect(body.results).toHaveLength(3);
    expect(body.results[0]!.decision).toBe('reject');
    expect(body.results[1]!.error?.code).toBe('invalid-request');
    expect(body.results[1]!.error?.issues[0]!.path).toBe('items.1.description');
    expect(body.results[2]!.decision).toBe('allow');
    expect(body.summary).toEqual({ allow: 1, reject: 1, 'needs-review': 0, invalid: 1 });
  });

  it('refuses an empty or oversized batch', async () => {
    for (const items of [[], Array.from({ length: 501 }, () => ({ title: '事项' }))]) {
      const response = await postJson('/api/v1/evaluate/batch', { items });
      expect(response.status).toBe(400);
      expect(((await response.json()) as BatchBody).error?.issues?.[0]!.path).toBe('items');
    }
    expect((await postJson('/api/v1/evaluate/batch', { list: [] })).status).toBe(400);
  });

  it('checks the seed duty list (attachment 2) row by row', async () => {
    const response = await postCsv(seedCsv);
    expect(response.status).toBe(200);
    const body = (await response.json()) as BatchBody;
    expect(body.results).toHaveLength(20);
    for (const result of body.results) {
      expect(result.decision).toBe('allow');
      expect(result.reasons!.map((r) => r.code)).toEqual(['not-addressed']);
      expect(result.row).toHaveProperty('serial');
      expect(result.row).toHaveProperty('deadline');
    }
  });

  it('reads a community named in 责任单位 or 配合单位, with or without a BOM', async () => {
    const csv = '\ufeff序号,事项,工作内容,牵头单位,责任单位,配合单位\n'
      + '1,违建拆除,辖区违法建设限期拆除,区城管局,各社区,\n'
      + '2,入户宣传,协助开展拆违政策宣传，区城管局提供宣传材料,区城管局,区城管局,各社区\n'
      + '3,执法检查,开展占道经营执法检查,区城管局,区城管局、各镇街道,\n';
    const body = (await (await postCsv(csv)).json()) as BatchBody;
    expect(body.results.map((r) => r.decision)).toEqual(['reject', 'needs-review', 'allow']);
    expect(body.results[0]!.reasons!.map((r) => r.code)).toContain('forbidden-responsibility');
    expect(body.results[1]!.reasons!.map((r) => r.code)).toContain('street-review-required');
    expect(body.results[2]!.reasons!.map((r) => r.code)).toEqual(['not-addressed']);
  });

  it('answers malformed or unusable CSV with 400 naming the problem', async () => {
    const unclosed = await postCsv('事项,工作内容\n"拆违,请社区协助\n');
    expect(unclosed.status).toBe(400);
    expect(((await unclosed.json()) as BatchBody).error?.issues?.[0]!.message).toContain('第 2 行');
    const noColumns = await postCsv('姓名,电话\n张三,123\n');
    expect(noColumns.status).toBe(400);
    const headerOnly = await postCsv('事项,工作内容\n');
    expect(headerOnly.status).toBe(400);
  });
});

describe('GET /api/v1/rules and /healthz', () => {
  it('publishes the rule set, its version and the four lists', async () => {
    const health = (await (await call('/healthz')).json()) as { status: string; rulesVersion: string };
    expect(health.status).toBe('ok');
    const response = await call('/api/v1/rules');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${health.rulesVersion}"`);
    const rules = (await response.json()) as Record<string, unknown> & { rulesVersion: string; lists: Record<string, unknown> };
    expect(rules.rulesVersion).toBe(health.rulesVersion);
    expect(Object.keys(rules.lists).sort()).toEqual(['assistanceByLaw', 'certificates', 'negativeList', 'statutoryDuties']);
    expect(rules).toHaveProperty('clauses');
    expect(rules).toHaveProperty('rules');
  });
});
