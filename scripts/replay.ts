/**
 * `npm run replay -- --rules <dir> [--log <file.ndjson>] [--persist-to <dir>] [--from D] [--to D] [--examples N] [--json]`
 *
 * Re-evaluates recorded decisions with a candidate rule set (a copy of rules/) and reports which decisions would
 * change and why. Reads an exported decision log (GET /api/v1/decisions/export) with --log, otherwise the local D1
 * of `npm run dev` through `wrangler d1 execute DB --local --json`. Never writes a decision.
 * Exit codes: 0 report produced; 2 candidate rule set invalid; 3 bad arguments or input.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIFECYCLE_TEXT } from '../src/messages.ts';
import { loadCandidate, parseReplayArgs, rowsFromWranglerJson } from '../src/replay/cli.ts';
import { chinaRange, DECISION_LOG_ALL, entryFromRow, inRange, parseDecisionLog, type DecisionLogEntry } from '../src/replay/log.ts';
import { replay } from '../src/replay/replay.ts';
import { formatReplayReport } from '../src/replay/report-text.ts';

const TEXT = LIFECYCLE_TEXT.cli;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(code: number, lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(code);
}

const parsed = parseReplayArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(TEXT.help);
  process.exit(0);
}
if (parsed.kind === 'usage-error') fail(3, [parsed.message, '', TEXT.help]);
const args = parsed.args;

const rulesDir = resolve(args.rules);
if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory()) fail(3, [TEXT.dirNotFound(args.rules)]);
const candidate = loadCandidate((relative) => {
  const path = join(rulesDir, relative);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
});
if (!candidate.ok) fail(2, [TEXT.invalidRuleSet(args.rules), ...candidate.problems.map((p) => `- ${p}`)]);

let entries: DecisionLogEntry[];
let source: string;
if (args.log) {
  if (!existsSync(args.log)) fail(3, [TEXT.fileNotFound(args.log)]);
  const log = parseDecisionLog(readFileSync(args.log, 'utf8'));
  if (log.errors.length > 0) fail(3, log.errors.slice(0, 20).map((e) => TEXT.badLogLine(e.line, e.message)));
  entries = log.entries;
  source = LIFECYCLE_TEXT.replay.sourceLog(args.log);
} else {
  // wrangler's own entry run by this Node (the project's Node 22), whatever `node` the PATH holds.
  const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const command = [wrangler, 'd1', 'execute', 'DB', '--local', '--json', '--command', DECISION_LOG_ALL.replace(/\s+/g, ' ').trim()];
  if (args.persistTo) command.push('--persist-to', resolve(args.persistTo));
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, command, {
      cwd: root,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const error = e as { stderr?: string; stdout?: string; message: string };
    fail(3, [TEXT.wranglerFailed(`${error.stdout ?? ''}${error.stderr ?? ''}`.trim().slice(0, 2000) || error.message)]);
  }
  try {
    entries = rowsFromWranglerJson(stdout).map(entryFromRow);
  } catch (e) {
    fail(3, [TEXT.wranglerFailed(e instanceof Error ? e.message : String(e))]);
  }
  source = LIFECYCLE_TEXT.replay.sourceLocal;
}

const range = chinaRange(args.from ?? undefined, args.to ?? undefined);
const chosen = entries.filter((e) => inRange(e.at, range));
const report = replay(chosen, candidate.ruleSet, { examples: args.examples, from: args.from, to: args.to });
process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplayReport(report, source));
