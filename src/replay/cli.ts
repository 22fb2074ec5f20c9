/**
 * `npm run replay` without the I/O (scripts/replay.ts does the reading and the spawning): the options, the candidate
 * rule set read from a directory through a reader function, and the rows of `wrangler d1 execute --json`.
 */
import { LIFECYCLE_TEXT } from '../messages.ts';
import { RULE_FILES, type RuleSetFiles } from '../ruleset/types.ts';
import { isIsoDate } from '../workdays/index.ts';
import type { DecisionLogRow } from './log.ts';
import { compileCandidate, DEFAULT_EXAMPLES, MAX_EXAMPLES, type Candidate } from './replay.ts';

const TEXT = LIFECYCLE_TEXT.cli;

export interface ReplayArgs {
  rules: string;
  log: string | null;
  persistTo: string | null;
  from: string | null;
  to: string | null;
  examples: number;
  json: boolean;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'run'; args: ReplayArgs } | { kind: 'usage-error'; message: string };

const STRING_OPTIONS = ['rules', 'log', 'persist-to', 'from', 'to', 'examples'] as const;
type StringOption = (typeof STRING_OPTIONS)[number];

/** Options as --name value or --name=value (a small reader: node:util parseArgs is not in the Workers runtime tests run in). */
function readOptions(argv: string[]): { values: Partial<Record<StringOption, string>> & { json: boolean; help: boolean } } | { error: string } {
  const values: Partial<Record<StringOption, string>> & { json: boolean; help: boolean } = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') values.json = true;
    else if (arg === '--help' || arg === '-h') values.help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as StringOption;
      if (!STRING_OPTIONS.includes(name)) return { error: `unknown option '${arg}'` };
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) return { error: `option '--${name}' needs a value` };
      values[name] = value;
    } else return { error: `unexpected argument '${arg}'` };
  }
  return { values };
}

export function parseReplayArgs(argv: string[]): ParsedArgs {
  const read = readOptions(argv);
  if ('error' in read) return { kind: 'usage-error', message: TEXT.badOption(read.error) };
  const { values } = read;
  if (values.help) return { kind: 'help' };
  if (!values.rules) return { kind: 'usage-error', message: TEXT.missingRules };
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined && !isIsoDate(value)) return { kind: 'usage-error', message: TEXT.badDate(`--${name}`) };
  }
  if (values.from && values.to && values.from > values.to) return { kind: 'usage-error', message: LIFECYCLE_TEXT.dateRange };
  let examples = DEFAULT_EXAMPLES;
  if (values.examples !== undefined) {
    examples = Number(values.examples);
    if (!/^\d+$/.test(values.examples) || examples > MAX_EXAMPLES) return { kind: 'usage-error', message: TEXT.badExamples };
  }
  return {
    kind: 'run',
    args: {
      rules: values.rules,
      log: values.log ?? null,
      persistTo: values['persist-to'] ?? null,
      from: values.from ?? null,
      to: values.to ?? null,
      examples,
      json: values.json,
    },
  };
}

/** Reads a file of the candidate directory by its path inside it (lexicon/veto.json); null when it is missing. */
export type ReadRuleFile = (relativePath: string) => string | null;

/** The candidate rule set: every file RULE_FILES names, read from a copy of rules/, then compiled (validated). */
export function loadCandidate(read: ReadRuleFile): Candidate {
  const problems: string[] = [];
  const files: Partial<Record<keyof RuleSetFiles, unknown>> = {};
  for (const key of Object.keys(RULE_FILES) as (keyof RuleSetFiles)[]) {
    const relative = RULE_FILES[key].file.replace(/^rules\//, '');
    const text = read(relative);
    if (text === null) {
      problems.push(TEXT.fileNotFound(relative));
      continue;
    }
    try {
      files[key] = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (e) {
      problems.push(TEXT.notJson(relative, e instanceof Error ? e.message : String(e)));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return compileCandidate(files as RuleSetFiles);
}

/** The rows of one statement run by `wrangler d1 execute --json` ([{ results, success, meta }]). */
export function rowsFromWranglerJson(stdout: string): DecisionLogRow[] {
  const start = stdout.indexOf('[');
  if (start < 0) throw new Error(`no JSON in wrangler output: ${stdout.slice(0, 200)}`);
  const parsed = JSON.parse(stdout.slice(start)) as unknown;
  const first = Array.isArray(parsed) ? (parsed[0] as { results?: unknown; success?: boolean; error?: unknown } | undefined) : undefined;
  if (!first || !Array.isArray(first.results)) throw new Error(`unexpected wrangler output: ${stdout.slice(0, 200)}`);
  if (first.success === false) throw new Error(`statement failed: ${JSON.stringify(first.error ?? first).slice(0, 200)}`);
  return first.results as DecisionLogRow[];
}
