/**
 * Smoke test against a real `wrangler dev`: the Worker as production runs it (workerd, wrangler.toml's flags),
 * not the Workers test pool, which turns on Node-compat flags by itself and so can hide a Worker that fails to start.
 * Runs in plain Node (vitest.smoke.config.ts): `npm run test:smoke`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STARTUP_LIMIT_MS = 60_000;
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

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

/** A port nothing listens on right now (the OS picks it; closed again before wrangler binds it). */
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

/** Ends wrangler and its workerd: they share the process group wrangler was started in. */
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

// Last resort if the runner dies without running afterAll.
const onExit = () => killGroup('SIGKILL');
process.once('exit', onExit);

function tail(): string {
  return log.split('\n').slice(-40).join('\n');
}

/** D1 bindings that declare migrations get them applied to this run's own local state, as a deployment would. */
function applyD1Migrations(wrangler: string, persistTo: string): void {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  for (const block of toml.split(/^\s*\[\[d1_databases\]\]\s*$/m).slice(1)) {
    const section = block.split(/^\s*\[/m)[0]!; // up to the next table
    const binding = /^\s*binding\s*=\s*"([^"]+)"/m.exec(section)?.[1];
    const dir = /^\s*migrations_dir\s*=\s*"([^"]+)"/m.exec(section)?.[1] ?? 'migrations';
    if (!binding || !existsSync(join(ROOT, dir))) continue;
    try {
      execFileSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', binding, '--local', '--persist-to', persistTo], {
        cwd: ROOT,
        env: WRANGLER_ENV,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`wrangler d1 migrations apply ${binding} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
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
  persistDir = mkdtempSync(join(tmpdir(), 'duty-gate-smoke-'));
  // Run wrangler's own script on this Node (22, from the "node" devDependency): the shim's `env node` may be older.
  const wrangler = realpathSync(join(ROOT, 'node_modules/.bin/wrangler'));
  applyD1Migrations(wrangler, persistDir);
  child = spawn(
    process.execPath,
    [
      wrangler, 'dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--inspector-port', String(inspectorPort),
      '--persist-to', persistDir,
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: ROOT,
      detached: true, // its own process group, so afterAll can end workerd with it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: WRANGLER_ENV,
    },
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
    expect(log).not.toMatch(/Uncaught|unhandled error|✘ \[ERROR\]/);
  });
});
