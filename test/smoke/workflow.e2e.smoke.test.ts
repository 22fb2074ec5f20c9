/**
 * The admission workflow end to end against a real `wrangler dev` (workerd as production runs it, local D1 on disk):
 * a department submits, the street approves, the community finds it admitted in its inbox and checks a pasted demand,
 * the district reads the summary (JSON and CSV), and the history holds the audit rows.
 *
 * Setup as a new user would do it, but in a fresh temporary --persist-to directory: apply the migrations, load the
 * demo seed, start wrangler dev with the demo tokens allowed. Plain Node (vitest.smoke.config.ts): `npm run test:smoke`.
 *
 * The start/stop helpers follow test/smoke/wrangler-dev.smoke.test.ts (free ports, own process group, SIGTERM then
 * SIGKILL, a last-resort kill on exit); that file keeps them private, so they are repeated here.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STARTUP_LIMIT_MS = 60_000;
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

const TOKENS = {
  department: 'demo-dept-minzheng',
  reviewer: 'demo-reviewer-qiupu',
  community: 'demo-community-xinghua',
  admin: 'demo-admin',
} as const;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

let child: ChildProcess | undefined;
let exited = false;
let log = '';
let persistDir: string | undefined;
let base = '';

function killGroup(signal: NodeJS.Signals): void {
  if (!child?.pid || exited) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopWrangler(): Promise<void> {
  if (!child || exited) return;
  const done = new Promise<void>((r) => child!.once('exit', () => r()));
  killGroup('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
  if ((await Promise.race([done, timer])) === 'timeout') {
    killGroup('SIGKILL');
    await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
  }
}

const onExit = () => killGroup('SIGKILL');
process.once('exit', onExit);

const tail = () => log.split('\n').slice(-40).join('\n');

/** Runs a wrangler command to completion, with its output in the error if it fails. */
function wranglerRun(wrangler: string, args: string[]): void {
  try {
    execFileSync(process.execPath, [wrangler, ...args], { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wrangler ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before answering /healthz:\n${tail()}`);
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /healthz within ${STARTUP_LIMIT_MS / 1000} s:\n${tail()}`);
}

beforeAll(async () => {
  const port = await freePort();
  const inspectorPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  persistDir = mkdtempSync(join(tmpdir(), 'duty-gate-e2e-'));
  const wrangler = realpathSync(join(ROOT, 'node_modules/.bin/wrangler'));
  wranglerRun(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir]);
  wranglerRun(wrangler, ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', 'seeds/demo/demo.sql']);
  child = spawn(
    process.execPath,
    [
      wrangler, 'dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--inspector-port', String(inspectorPort),
      '--persist-to', persistDir,
      '--var', 'ALLOW_DEMO_TOKENS:true',
      '--var', 'SESSION_SECRET:x',
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: WRANGLER_ENV },
  );
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.once('exit', () => (exited = true));
  try {
    await waitForHealth();
  } catch (error) {
    await stopWrangler();
    throw error;
  }
});

afterAll(async () => {
  await stopWrangler();
  process.off('exit', onExit);
  if (persistDir) rmSync(persistDir, { recursive: true, force: true });
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
    // The text alone is assistance awaiting review; the record is what says it was admitted.
    expect(checked.body.decision.decision).toBe('needs-review');
    const evaluated = await api('POST', '/api/v1/evaluate', undefined, { description: text });
    expect(checked.body.decision).toEqual(evaluated.body);
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
    expect(log).not.toMatch(/Uncaught|unhandled error|✘ \[ERROR\]/);
  });
});
