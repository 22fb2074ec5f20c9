/**
 * Smoke test against a real `wrangler dev`: the Worker as production runs it (workerd, wrangler.toml's flags),
 * not the Workers test pool, which turns on Node-compat flags by itself and so can hide a Worker that fails to start.
 * Runs in plain Node (vitest.smoke.config.ts): `npm run test:smoke`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

interface Evidence {
  field: string;
  start: number;
  end: number;
  text: string;
}
interface DecisionBody {
  decision: string;
  reasons: Array<{ code: string; effect: string; evidence: Evidence[] }>;
  rulesVersion: string;
}
interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

let dev: WranglerDev;
let base = '';

beforeAll(async () => {
  dev = await startWranglerDev();
  base = dev.base;
});

afterAll(async () => {
  await dev?.stop();
});

async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; type: string; body: T; headers: Headers }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body, headers: response.headers };
}

const postJson = <T>(path: string, body: unknown) =>
  getJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('wrangler dev (real workerd)', () => {
  let rulesVersion = '';

  it('answers /healthz with ok and the rules version', async () => {
    const { status, type, body } = await getJson<{ status: string; rulesVersion: string }>('/healthz');
    expect(status).toBe(200);
    expect(type).toMatch(/application\/json/);
    expect(body.status).toBe('ok');
    expect(body.rulesVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    rulesVersion = body.rulesVersion;
  });

  it('rejects a one-vote-veto demand, with evidence offsets into the original text', async () => {
    // Full-width punctuation and digits, curly quotes and a character outside the BMP: offsets must survive folding.
    const request = {
      title: '关于做好森林防火值守工作的通知',
      description: '𠮷各村（社区）：\n区里刚开会明确，今年森林防火纳入“一票否决”事项，各社区要落实２４小时值守，收到请回复！',
    };
    const { status, body } = await postJson<DecisionBody>('/api/v1/evaluate', request);
    expect(status).toBe(200);
    expect(body.decision).toBe('reject');
    expect(body.rulesVersion).toBe(rulesVersion);
    const veto = body.reasons.find((r) => r.code === 'one-vote-veto');
    expect(veto, JSON.stringify(body.reasons.map((r) => r.code))).toBeDefined();
    expect(veto!.effect).toBe('reject');
    const evidence = body.reasons.flatMap((r) => r.evidence).filter((e) => e.field === 'title' || e.field === 'description');
    expect(veto!.evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      const original = request[e.field as 'title' | 'description'];
      expect(original.slice(e.start, e.end), `${e.field} ${e.start}-${e.end}`).toBe(e.text);
    }
    expect(veto!.evidence.some((e) => e.text.includes('一票否决'))).toBe(true);
  });

  it('answers a bad body with 400 invalid-request naming the path', async () => {
    const { status, body } = await postJson<ErrorBody>('/api/v1/evaluate', {
      description: '请社区协助',
      funding: { amountYuan: '两千' },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.issues?.map((i) => i.path)).toContain('funding.amountYuan');
  });

  it('checks the seed duty list (attachment 2) posted as text/csv: 20 rows, none addressed to a community', async () => {
    const csv = readFileSync(join(ROOT, 'seeds/attachment-2-duty-list.csv'), 'utf8');
    const { status, body } = await getJson<{ results: DecisionBody[]; summary: Record<string, number> }>(
      '/api/v1/evaluate/batch',
      { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv },
    );
    expect(status).toBe(200);
    expect(body.results).toHaveLength(20);
    for (const result of body.results) {
      expect(result.reasons.map((r) => r.code)).toEqual(['not-addressed']);
      expect(result.decision).toBe('allow');
    }
    expect(body.summary.allow).toBe(20);
  });

  it('serves the rule set under the same rules version', async () => {
    const { status, body, headers } = await getJson<{ rulesVersion: string; rules: unknown[] }>('/api/v1/rules');
    expect(status).toBe(200);
    expect(body.rulesVersion).toBe(rulesVersion);
    expect(body.rules.length).toBeGreaterThan(0);
    expect(headers.get('etag')).toBe(`"${rulesVersion}"`);
  });

  it('answers an unknown path with a 404 in JSON', async () => {
    const { status, type, body } = await getJson<ErrorBody>('/api/v1/no-such-path');
    expect(status).toBe(404);
    expect(type).toMatch(/application\/json/);
    expect(body.error.code).toBe('not-found');
  });

  it('logged no uncaught error from the Worker', () => {
    expect(dev.log()).not.toMatch(/Uncaught|unhandled error|✘ \[ERROR\]/);
  });
});
