/** POST /api/v1/evaluate through the Worker's real fetch handler: the contract's response shape and its 4xx. */
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../src/ruleset/schema.ts';
import { goldenCases } from '../support/golden.ts';
import { call, postJson } from '../support/worker.ts';

interface Body {
  decision: string;
  reasons: Array<Record<string, unknown> & { code: string; evidence: Array<{ field: string; start: number; end: number; text: string }> }>;
  warnings: unknown[];
  facts: Record<string, unknown>;
  rulesVersion: string;
  error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

async function evaluate(body: unknown): Promise<{ status: number; body: Body }> {
  const response = await postJson('/api/v1/evaluate', body);
  return { status: response.status, body: (await response.json()) as Body };
}

describe('POST /api/v1/evaluate: response shape', () => {
  it.each([...REASON_CODES])('answers with the contract shape for %s', async (code) => {
    const example = goldenCases.find(({ golden }) => golden.expect.reasons.includes(code));
    expect(example, `a golden case produces ${code}`).toBeDefined();
    const { status, body } = await evaluate(example!.golden.request);
    expect(status).toBe(200);
    expect(['allow', 'reject', 'needs-review']).toContain(body.decision);
    expect(body.rulesVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(body.facts)).toEqual(
      expect.arrayContaining(['communityRole', 'areas', 'oneVoteVeto', 'funded', 'streetReview', 'listItems']),
    );
    const reason = body.reasons.find((r) => r.code === code);
    expect(reason).toBeDefined();
    for (const key of ['code', 'effect', 'clause', 'quote', 'message', 'fix', 'evidence']) expect(reason).toHaveProperty(key);
    expect(typeof reason!.message).toBe('string');
    expect((reason!.quote as string).length).toBeGreaterThan(0);
    for (const e of reason!.evidence) {
      expect(Object.keys(e).sort()).toEqual(['end', 'field', 'start', 'text']);
    }
  });

  it('orders reasons strongest first and takes the decision from the strongest', async () => {
    const { body } = await evaluate({ description: '请各社区协助城管部门做好拆违宣传，该项工作实行一票否决。' });
    expect(body.decision).toBe('reject');
    expect(body.reasons[0]!.effect).toBe('reject');
    const strength = { allow: 0, 'needs-review': 1, reject: 2 } as Record<string, number>;
    const effects = body.reasons.map((r) => strength[r.effect as string]!);
    expect([...effects].sort((a, b) => b - a)).toEqual(effects);
  });

  it('gives evidence offsets in UTF-16 code units of the original field', async () => {
    const description = '𠮷𠮷（全角）请各社区负责辖区违建拆除。';
    const { body } = await evaluate({ description });
    const evidence = body.reasons.flatMap((r) => r.evidence).filter((e) => e.field === 'description');
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) expect(description.slice(e.start, e.end)).toBe(e.text);
  });

  it('takes only a recorded review as approval, not a claim in the text', async () => {
    const description = '本事项已经街道审核同意。请各社区协助区民政局开展入户调查，区民政局提供调查表和培训。';
    const claimed = await evaluate({ description });
    expect(claimed.body.decision).toBe('needs-review');
    const recorded = await evaluate({ description, streetReview: { status: 'approved' } });
    expect(recorded.body.decision).toBe('allow');
    expect(recorded.body.reasons.map((r) => r.code)).toContain('approved-assistance');
  });
});

describe('POST /api/v1/evaluate: bad input', () => {
  const expectInvalid = async (response: Response, path: string) => {
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body.error?.code).toBe('invalid-request');
    expect(body.error?.issues?.map((i) => i.path)).toContain(path);
    for (const issue of body.error?.issues ?? []) expect(issue.message).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
  };

  it('rejects a body that is not JSON', async () => {
    const response = await call('/api/v1/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Body).error?.code).toBe('invalid-json');
  });

  it('names the field of a wrong type', async () => {
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '请社区协助', funding: { amountYuan: '两千' } }), 'funding.amountYuan');
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '请社区协助', communityRole: 'owner' }), 'communityRole');
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '请社区协助', areas: ['demolition', 'parking'] }), 'areas.1');
    await expectInvalid(await postJson('/api/v1/evaluate', { description: 42 }), 'description');
  });

  it('requires non-blank text in title or description', async () => {
    await expectInvalid(await postJson('/api/v1/evaluate', { title: '   ', description: '\n' }), 'description');
    await expectInvalid(await postJson('/api/v1/evaluate', {}), 'description');
  });

  it('rejects a JSON body that is not an object', async () => {
    for (const body of [null, [], 'text', 3]) {
      const response = await postJson('/api/v1/evaluate', body);
      expect(response.status).toBe(400);
    }
  });

  it('rejects unknown fields and unknown list items by name', async () => {
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '请社区协助', colour: 'red' }), '(body)');
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '请社区协助', listItem: 'no-such-item' }), 'listItem');
  });

  it('limits field lengths and the body size', async () => {
    await expectInvalid(await postJson('/api/v1/evaluate', { description: '社'.repeat(20_001) }), 'description');
    await expectInvalid(await postJson('/api/v1/evaluate', { title: '题'.repeat(201), description: '请社区协助' }), 'title');
    const huge = await call('/api/v1/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as Body).error?.code).toBe('body-too-large');
  });

  it('answers unknown paths with 404 and wrong methods with 405, in JSON', async () => {
    const missing = await call('/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Body).error?.code).toBe('not-found');
    const wrongMethod = await call('/api/v1/evaluate');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(((await wrongMethod.json()) as Body).error?.code).toBe('method-not-allowed');
  });
});
