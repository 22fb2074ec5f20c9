/**
 * Starts a real `wrangler dev` for smoke tests: free ports, a fresh --persist-to directory with the D1 migrations
 * (and optionally the demo seed) applied, its own process group so stopping it also ends workerd, and a last-resort
 * kill if the test runner exits without stopping it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const STARTUP_LIMIT_MS = 60_000;
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

export interface WranglerDev {
  base: string;
  /** Everything wrangler and workerd printed so far. */
  log(): string;
  stop(): Promise<void>;
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

/** Runs a wrangler command to completion, with its output in the error if it fails. */
function wranglerRun(wrangler: string, args: string[]): void {
  try {
    execFileSync(process.execPath, [wrangler, ...args], { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wrangler ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export async function startWranglerDev(options: { seed?: boolean; vars?: Record<string, string> } = {}): Promise<WranglerDev> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const persistDir = mkdtempSync(join(tmpdir(), 'duty-gate-smoke-'));
  // Run wrangler's own script on this Node (22, from the "node" devDependency): the shim's `env node` may be older.
  const wrangler = realpathSync(join(ROOT, 'node_modules/.bin/wrangler'));
  wranglerRun(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir]);
  if (options.seed) wranglerRun(wrangler, ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--file', 'seeds/demo/demo.sql']);
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      wrangler, 'dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--inspector-port', String(inspectorPort),
      '--persist-to', persistDir,
      ...vars,
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: WRANGLER_ENV },
  );
  let log = '';
  let exited = false;
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.once('exit', () => (exited = true));
  const killGroup = (signal: NodeJS.Signals) => {
    if (!child.pid || exited) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  const tail = () => log.split('\n').slice(-40).join('\n');

  const stop = async () => {
    if (!exited) {
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup('SIGTERM');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
      if ((await Promise.race([done, timer])) === 'timeout') {
        killGroup('SIGKILL');
        await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
      }
    }
    process.off('exit', onExit);
    rmSync(persistDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { base, log: () => log, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /healthz within ${STARTUP_LIMIT_MS / 1000} s:\n${tail()}`);
}
