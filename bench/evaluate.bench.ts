/**
 * `npm run bench`: how fast the engine decides, in Node, in-process. Not a test: it prints figures and targets.
 *
 *  - Corpus: every golden case request (rules/cases/*.json) plus synthetic demands built deterministically by
 *    concatenating golden descriptions to ~500, ~1,000, ~2,000 and ~3,000 characters.
 *  - evaluate() = text reading + facts + rules + reasons, timed per call with process.hrtime.bigint after a warm-up.
 *  - Next to it, on the same facts: json-rules-engine run alone (the reference semantics of decision-rules.json)
 *    and our compiled closures alone. Not timed: both must fire the same rules for every case.
 *  - Start-up: compiling the rule set in-process, and importing it in a fresh Node (through tsx, and as the
 *    production bundle wrangler builds), with the heap used after it.
 *
 * Options (environment): BENCH_SECONDS (measuring time per row, default 1.5), BENCH_NO_BUNDLE=1 (skip the
 * wrangler bundle start-up figures).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { evaluateRequestSchema, type EvaluateRequest } from '../src/contract/evaluate-request.ts';
import { decide } from '../src/engine/decide.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { assembleFacts } from '../src/engine/facts/assemble.ts';
import { compileRuleSet, type CompiledRuleSet } from '../src/engine/rule-set.ts';
import type { Facts } from '../src/engine/rules/compile.ts';
import { bundledRuleFiles } from '../src/ruleset/bundle.ts';
import { goldenCasesFileSchema } from '../src/ruleset/schema.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const WARMUP_SECONDS = Math.min(1, SECONDS);
const TARGET_EVALS_500 = 20_000;
const TARGET_STARTUP_MS = 10;

// ---------------------------------------------------------------------------------------------------------------
// Start-up, in-process. Measured first, before anything else has compiled a rule set (this file imports no module
// that compiles one at load), so the first call is as cold as this process allows.
const compileT0 = process.hrtime.bigint();
const ruleSet: CompiledRuleSet = compileRuleSet(bundledRuleFiles);
const compileColdMs = Number(process.hrtime.bigint() - compileT0) / 1e6;
const heapAfterCompileMB = process.memoryUsage().heapUsed / 2 ** 20;
const compileWarmMs = median(
  Array.from({ length: 15 }, () => {
    const t0 = process.hrtime.bigint();
    compileRuleSet(bundledRuleFiles);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Corpus.
interface Item {
  id: string;
  request: EvaluateRequest;
  chars: number;
  synthetic: boolean;
}

const charsOf = (r: EvaluateRequest) => (r.title ?? '').length + (r.description ?? '').length + (r.funding?.conditions ?? '').length;

const golden: Item[] = readdirSync(join(ROOT, 'rules/cases'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) => goldenCasesFileSchema.parse(JSON.parse(readFileSync(join(ROOT, 'rules/cases', file), 'utf8'))).cases)
  .flatMap((c) => {
    // A case whose request the API would refuse (a 400 case) is not an evaluation: left out.
    const parsed = evaluateRequestSchema.safeParse(c.request);
    return parsed.success ? [{ id: c.id, request: parsed.data, chars: charsOf(parsed.data), synthetic: false }] : [];
  });

/** Golden descriptions strung together from `start` until about `target` characters: deterministic, realistic text. */
function synthetic(target: number, start: number): string {
  const parts = [...new Set(golden.map((g) => g.request.description?.trim() ?? '').filter((d) => d.length > 0))];
  let text = '';
  for (let k = 0; k < parts.length && text.length < target * 0.95; k++) {
    const part = parts[(start + k * 7) % parts.length]!;
    if (text.length + part.length + 1 <= target * 1.1) text += (text ? '\n' : '') + part;
  }
  return text;
}

const syntheticItems: Item[] = [
  ...Array.from({ length: 16 }, (_, i) => ({ target: 500, start: i * 13 })),
  ...Array.from({ length: 4 }, (_, i) => ({ target: 1_000, start: 5 + i * 41 })),
  ...Array.from({ length: 4 }, (_, i) => ({ target: 2_000, start: 11 + i * 53 })),
  ...Array.from({ length: 4 }, (_, i) => ({ target: 3_000, start: 17 + i * 61 })),
].map(({ target, start }, i) => {
  const request = evaluateRequestSchema.parse({ title: '关于做好有关工作的通知', description: synthetic(target, start) });
  return { id: `synthetic-${target}-${i}`, request, chars: charsOf(request), synthetic: true };
});

const corpus = [...golden, ...syntheticItems];
const around500 = corpus.filter((item) => item.chars >= 400 && item.chars <= 650);
const bands: Array<[string, number, number]> = [
  ['< 250 chars', 0, 249],
  ['250–999 chars', 250, 999],
  ['1,000–1,999 chars', 1_000, 1_999],
  ['2,000–3,300 chars', 2_000, 3_300],
];

// ---------------------------------------------------------------------------------------------------------------
// Timing helpers.
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  count: number;
  perSecond: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
  /** Per-call samples (µs) with the index of the input they belong to, for slicing by length. */
  samples: Float64Array;
  inputs: Int32Array;
}

/** Runs `fn` over the inputs round after round: a warm-up, then SECONDS of measured rounds, each call timed. */
function timeSync<T>(inputs: readonly T[], fn: (input: T) => unknown, seconds = SECONDS): Timing {
  return summarise(inputs.length, seconds, (record) => {
    for (let i = 0; i < inputs.length; i++) {
      const t0 = process.hrtime.bigint();
      fn(inputs[i]!);
      record(i, process.hrtime.bigint() - t0);
    }
  });
}

async function timeAsync<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>, seconds = SECONDS): Promise<Timing> {
  const rounds: Array<Array<[number, bigint]>> = [];
  const run = async (budget: number, keep: boolean) => {
    const end = process.hrtime.bigint() + BigInt(Math.round(budget * 1e9));
    let wall = 0n;
    do {
      const round: Array<[number, bigint]> = [];
      const w0 = process.hrtime.bigint();
      for (let i = 0; i < inputs.length; i++) {
        const t0 = process.hrtime.bigint();
        await fn(inputs[i]!);
        round.push([i, process.hrtime.bigint() - t0]);
      }
      wall += process.hrtime.bigint() - w0;
      if (keep) rounds.push(round);
    } while (process.hrtime.bigint() < end);
    return wall;
  };
  await run(WARMUP_SECONDS, false);
  const wall = await run(seconds, true);
  return fromSamples(rounds.flat(), wall);
}

function summarise(n: number, seconds: number, round: (record: (input: number, ns: bigint) => void) => void): Timing {
  const keep: Array<[number, bigint]> = [];
  const discard = () => {};
  const warmEnd = process.hrtime.bigint() + BigInt(Math.round(WARMUP_SECONDS * 1e9));
  do round(discard);
  while (process.hrtime.bigint() < warmEnd);
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  let wall = 0n;
  do {
    const w0 = process.hrtime.bigint();
    round((i, ns) => keep.push([i, ns]));
    wall += process.hrtime.bigint() - w0;
  } while (process.hrtime.bigint() < end && n > 0);
  return fromSamples(keep, wall);
}

function fromSamples(pairs: Array<[number, bigint]>, wallNs: bigint): Timing {
  const samples = new Float64Array(pairs.length);
  const inputs = new Int32Array(pairs.length);
  pairs.forEach(([i, ns], k) => {
    samples[k] = Number(ns) / 1e3;
    inputs[k] = i;
  });
  const sorted = samples.slice().sort();
  const wallS = Number(wallNs) / 1e9;
  return {
    count: pairs.length,
    perSecond: pairs.length / wallS,
    meanUs: (wallS * 1e6) / pairs.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    samples,
    inputs,
  };
}

/** The same timing restricted to the calls whose input passes `keep` (throughput from the calls' own time). */
function slice(timing: Timing, keep: (input: number) => boolean): Timing {
  const chosen: number[] = [];
  for (let k = 0; k < timing.count; k++) if (keep(timing.inputs[k]!)) chosen.push(timing.samples[k]!);
  const samples = Float64Array.from(chosen);
  const sorted = samples.slice().sort();
  const total = chosen.reduce((a, b) => a + b, 0);
  return {
    count: chosen.length,
    perSecond: chosen.length / (total / 1e6),
    meanUs: total / chosen.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    samples,
    inputs: new Int32Array(0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up in a fresh Node: import the rule set module and report time and heap after it.
interface StartUp {
  importMs: number;
  heapAfterMB: number;
  heapDeltaMB: number;
}

const CHILD = (url: string) => `
  globalThis.gc(); const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const m = await import(${JSON.stringify(url)});
  const t1 = performance.now();
  if (!m.defaultRuleSet && !m.default) throw new Error('nothing exported');
  globalThis.gc(); const h1 = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ importMs: t1 - t0, heapAfterMB: h1 / 2 ** 20, heapDeltaMB: (h1 - h0) / 2 ** 20 }));
`;

function childStartUp(url: string, viaTsx: boolean, runs = 5): StartUp | string {
  const results: StartUp[] = [];
  for (let i = 0; i < runs; i++) {
    const args = [...(viaTsx ? ['--import', 'tsx'] : []), '--expose-gc', '--input-type=module', '-e', CHILD(url)];
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) return `failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ')}`;
    results.push(JSON.parse(line) as StartUp);
  }
  // The first run also fills tsx's transform cache; the median is the usual start.
  return {
    importMs: median(results.map((r) => r.importMs)),
    heapAfterMB: median(results.map((r) => r.heapAfterMB)),
    heapDeltaMB: median(results.map((r) => r.heapDeltaMB)),
  };
}

/** compileRuleSet's steps, each timed once in a fresh Node (first call: what a cold isolate pays). Median of 5. */
function childCompileSteps(runs = 5): Record<string, number> | string {
  const url = (file: string) => JSON.stringify(pathToFileURL(join(ROOT, file)).href);
  const code = `
    const { bundledRuleFiles } = await import(${url('src/ruleset/bundle.ts')});
    const { validateRuleSet } = await import(${url('src/ruleset/load.ts')});
    const { ruleSetVersion } = await import(${url('src/ruleset/version.ts')});
    const lexicon = await import(${url('src/engine/lexicon.ts')});
    const buildMatcher = lexicon.buildTextMatcher ?? lexicon.buildMatcher;
    const { compileRules } = await import(${url('src/engine/rules/compile.ts')});
    const t0 = performance.now(); const data = validateRuleSet(bundledRuleFiles);
    const t1 = performance.now(); ruleSetVersion(data);
    const t2 = performance.now(); buildMatcher(data);
    const t3 = performance.now(); compileRules(data.decisionRules.rules);
    const t4 = performance.now();
    console.log(JSON.stringify({ validate: t1 - t0, version: t2 - t1, matcher: t3 - t2, rules: t4 - t3 }));
  `;
  const results: Array<Record<string, number>> = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      const message = /^\w*Error: .*$/m.exec(child.stderr)?.[0] ?? 'no output';
      return `failed (${message.slice(0, 60)})`;
    }
    results.push(JSON.parse(line) as Record<string, number>);
  }
  return Object.fromEntries(Object.keys(results[0]!).map((k) => [k, median(results.map((r) => r[k]!))]));
}

/** The module as wrangler bundles it for production (esbuild, JSON inlined), built into a temporary directory. */
function bundled(entry: string, dir: string): string | { error: string } {
  const wrangler = realpathSync(join(ROOT, 'node_modules/.bin/wrangler'));
  const out = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', dir, entry], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
  });
  const file = entry.replace(/^.*\//, '').replace(/\.ts$/, '.js');
  if (out.status !== 0) return { error: `wrangler deploy --dry-run failed: ${out.stderr.trim().split('\n').slice(-2).join(' ')}` };
  return pathToFileURL(join(dir, file)).href;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting.
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const us = (n: number) => (n < 1 ? fmt(n, 3) : n < 100 ? fmt(n, 1) : fmt(n, 0));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const timingRow = (label: string, items: number, t: Timing, target = ''): string[] => [
  label,
  fmt(items),
  fmt(t.perSecond),
  us(t.meanUs),
  us(t.p50Us),
  us(t.p99Us),
  target,
];
const TIMING_HEADERS = ['what', 'inputs', 'per second', 'mean µs', 'p50 µs', 'p99 µs', 'target'];

// ---------------------------------------------------------------------------------------------------------------
// Agreement (not timed): json-rules-engine and the compiled closures fire the same rules on the same facts.
const ruleJson = JSON.parse(readFileSync(join(ROOT, 'rules/decision-rules.json'), 'utf8')) as { rules: RuleProperties[] };
// allowUndefinedFacts: false on purpose: every fact a rule reads must be present (assembleFacts gives all of them).
const engine = new Engine(structuredClone(ruleJson.rules), { allowUndefinedFacts: false });
const factsOf = corpus.map((item) => assembleFacts(item.request, ruleSet).facts as Facts);

const disagreements: string[] = [];
for (let i = 0; i < corpus.length; i++) {
  const { results } = await engine.run({ ...factsOf[i] });
  const reference = results.map((r) => r.name as string).sort();
  const compiled = ruleSet.rules.filter((r) => r.matches(factsOf[i]!)).map((r) => r.rule.name).sort();
  if (reference.join() !== compiled.join()) {
    disagreements.push(`${corpus[i]!.id}: json-rules-engine [${reference.join(', ')}] vs compiled [${compiled.join(', ')}]`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements.
console.log(`duty-gate bench · Node ${process.version} · ${process.arch} · ${SECONDS} s per row after ${WARMUP_SECONDS} s warm-up`);
console.log(
  `corpus: ${golden.length} golden cases (${fmt(Math.min(...golden.map((g) => g.chars)))}–${fmt(Math.max(...golden.map((g) => g.chars)))} chars, median ${fmt(median(golden.map((g) => g.chars)))}),` +
    ` ${syntheticItems.length} synthetic (${fmt(Math.min(...syntheticItems.map((g) => g.chars)))}–${fmt(Math.max(...syntheticItems.map((g) => g.chars)))} chars);` +
    ` ${around500.length} inputs of 400–650 chars`,
);

const overall = timeSync(corpus, (item) => evaluate(item.request, ruleSet));
const at500 = timeSync(around500, (item) => evaluate(item.request, ruleSet));
const at500Validated = timeSync(around500, (item) => evaluate(evaluateRequestSchema.parse(item.request), ruleSet));
const goldenOnly = timeSync(golden, (item) => evaluate(item.request, ruleSet));
const readingOnly = timeSync(golden, (item) => assembleFacts(item.request, ruleSet));
const findings = golden.map((item) => assembleFacts(item.request, ruleSet));
const decideOnly = timeSync(findings, (f) => decide(f, ruleSet));
const goldenFacts = factsOf.slice(0, golden.length);
const closures = timeSync(goldenFacts, (facts) => ruleSet.rules.filter((r) => r.matches(facts)));
const jre = await timeAsync(goldenFacts, (facts) => engine.run({ ...facts }));
const jreFresh = await timeAsync(goldenFacts, (facts) => new Engine(structuredClone(ruleJson.rules), { allowUndefinedFacts: false }).run({ ...facts }));
// Timer overhead, for reading the sub-microsecond rows.
const empty = timeSync(goldenFacts, () => undefined, Math.min(0.3, SECONDS));

const pass = (ok: boolean) => (ok ? 'ok' : 'MISSED');
console.log('\nEvaluation, in-process (validated request in, decision out; µs per evaluation)\n');
console.log(
  table(TIMING_HEADERS, [
    timingRow('evaluate(), whole corpus', corpus.length, overall),
    ...bands.map(([label, lo, hi]) => {
      const t = slice(overall, (i) => corpus[i]!.chars >= lo && corpus[i]!.chars <= hi);
      return timingRow(`  of which ${label}`, corpus.filter((c) => c.chars >= lo && c.chars <= hi).length, t);
    }),
    timingRow('evaluate(), ~500 chars (400–650)', around500.length, at500, `≥ ${fmt(TARGET_EVALS_500)}/s: ${pass(at500.perSecond >= TARGET_EVALS_500)}`),
    timingRow('zod parse + evaluate(), ~500 chars', around500.length, at500Validated, '(what the API does per item)'),
    timingRow('evaluate(), golden cases only', golden.length, goldenOnly),
  ]),
);

console.log('\nThe parts, on the golden cases (facts computed once, outside the timing)\n');
console.log(
  table(TIMING_HEADERS, [
    timingRow('assembleFacts() (text reading)', golden.length, readingOnly),
    timingRow('decide() (rules + reasons)', golden.length, decideOnly),
    timingRow('compiled closures alone', golden.length, closures),
    timingRow('json-rules-engine run(), shared Engine', golden.length, jre),
    timingRow('json-rules-engine, new Engine per run', golden.length, jreFresh),
    timingRow('(empty call: timer overhead)', golden.length, empty),
  ]),
);
console.log(
  `\n  json-rules-engine / compiled closures: ${fmt(jre.meanUs / closures.meanUs)}× slower (mean per evaluation of all ${ruleSet.rules.length} rules)`,
);

// Start-up.
const steps = childCompileSteps();
const tsxChild = childStartUp(pathToFileURL(join(ROOT, 'src/engine/default-rule-set.ts')).href, true);
let bundleRuleSet: StartUp | string = 'skipped (BENCH_NO_BUNDLE=1)';
let bundleWorker: StartUp | string = 'skipped (BENCH_NO_BUNDLE=1)';
let bundleSizes = '';
if (process.env.BENCH_NO_BUNDLE !== '1') {
  const dir = mkdtempSync(join(tmpdir(), 'duty-gate-bench-'));
  try {
    const ruleSetUrl = bundled('src/engine/default-rule-set.ts', join(dir, 'rule-set'));
    bundleRuleSet = typeof ruleSetUrl === 'string' ? childStartUp(ruleSetUrl, false) : ruleSetUrl.error;
    const workerUrl = bundled('src/index.ts', join(dir, 'worker'));
    bundleWorker = typeof workerUrl === 'string' ? childStartUp(workerUrl, false) : workerUrl.error;
    const size = (url: string | { error: string }) =>
      typeof url === 'string' ? `${fmt(readFileSync(new URL(url)).length / 1024)} KiB` : 'n/a';
    bundleSizes = ` (bundles: rule set ${size(ruleSetUrl)}, Worker ${size(workerUrl)})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const startRow = (label: string, r: StartUp | string, target: boolean): string[] =>
  typeof r === 'string'
    ? [label, r, '', '', '']
    : [label, fmt(r.importMs, 1), fmt(r.heapAfterMB, 1), fmt(r.heapDeltaMB, 1), target ? `≤ ${TARGET_STARTUP_MS} ms: ${pass(r.importMs <= TARGET_STARTUP_MS)}` : ''];
console.log(`\nStart-up (fresh Node per run, median of 5; heap after gc)${bundleSizes}\n`);
console.log(
  table(
    ['what', 'ms', 'heap used MB', 'heap added MB', 'target'],
    [
      startRow('import production bundle of default-rule-set', bundleRuleSet, true),
      startRow('import production bundle of the Worker (src/index.ts)', bundleWorker, true),
      startRow('import default-rule-set.ts through tsx (incl. transpiling)', tsxChild, false),
      ['compileRuleSet(bundledRuleFiles) in-process, first call', fmt(compileColdMs, 1), '', '', `≤ ${TARGET_STARTUP_MS} ms: ${pass(compileColdMs <= TARGET_STARTUP_MS)}`],
      ...(typeof steps === 'string'
        ? [['  its steps, first call in a fresh Node', steps, '', '', '']]
        : [
            ['  of which validateRuleSet (zod), first call in a fresh Node', fmt(steps.validate!, 1), '', '', ''],
            ['  of which ruleSetVersion (sha256), first call in a fresh Node', fmt(steps.version!, 1), '', '', ''],
            ['  of which build text matcher (Aho-Corasick), first call in a fresh Node', fmt(steps.matcher!, 1), '', '', ''],
            ['  of which compileRules (closures), first call in a fresh Node', fmt(steps.rules!, 2), '', '', ''],
          ]),
      ['compileRuleSet(bundledRuleFiles) in-process, warm (median of 15)', fmt(compileWarmMs, 2), '', '', ''],
      ['this process right after the first compile (no gc)', '', fmt(heapAfterCompileMB, 1), '', ''],
    ],
  ),
);

console.log(`\nAgreement: json-rules-engine and the compiled closures on ${corpus.length} inputs (golden + synthetic): ` +
  (disagreements.length === 0 ? 'all agree on which rules fire.' : `${disagreements.length} DISAGREE:`));
for (const d of disagreements) console.log(`  ${d}`);
if (disagreements.length > 0) process.exitCode = 1;
