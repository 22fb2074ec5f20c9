/**
 * Three request schemas are private to their route modules (sign-in in src/api/routes/session.ts, the export
 * query and the replay body in src/api/routes/decisions.ts), so the document describes them with copies kept in
 * src/api/openapi/routes.ts. These probes hold the copies to what the Worker really accepts and refuses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportQuerySchema, replayBodySchema, signInSchema } from '../../src/api/openapi/routes.ts';
import { loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson } from '../support/worker.ts';

beforeAll(loadDemoData);

const accepted = (status: number) => status !== 400;

describe('the documented copies of private request schemas agree with the Worker', () => {
  it.each([
    [{ token: TOKENS.admin }],
    [{ token: '  demo-admin  ' }],
    [{}],
    [{ token: '' }],
    [{ token: 'x'.repeat(201) }],
    [{ token: TOKENS.admin, extra: 1 }],
    [{ token: 42 }],
  ])('POST /api/v1/session %j', async (body) => {
    const response = await postJson('/api/v1/session', body);
    expect(accepted(response.status)).toBe(signInSchema.safeParse(body).success);
  });

  it.each(['', '?from=2026-01-01', '?from=2026-01-01&to=2026-12-31', '?from=2026-13-01', '?to=2026-02-30', '?from=2026-12-31&to=2026-01-01', '?since=2026-01-01', '?from=20260101'])(
    'GET /api/v1/decisions/export%s',
    async (query) => {
      const response = await call(`/api/v1/decisions/export${query}`, undefined, { token: TOKENS.admin });
      await response.arrayBuffer();
      expect(accepted(response.status)).toBe(exportQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query))).success);
    },
  );

  it.each([
    [{ files: {} }],
    [{ files: {}, from: '2026-01-01', to: '2026-12-31', examples: 3 }],
    [{ files: {}, examples: 101 }],
    [{ files: {}, examples: 1.5 }],
    [{ files: { nope: {} } }],
    [{ files: {}, from: '2026-12-31', to: '2026-01-01' }],
    [{ files: {}, from: '2026-02-30' }],
    [{ files: {}, other: true }],
    [{}],
  ])('POST /api/v1/replay %j', async (body) => {
    const response = await postJson('/api/v1/replay', body, { token: TOKENS.admin });
    expect(accepted(response.status)).toBe(replayBodySchema.safeParse(body).success);
  });
});
