/**
 * Command line → what to do. No I/O: main.ts reads the input the plan names and writes what the report gives.
 * node:util parseArgs reads the options; planCheck, which decides from them, is pure so tests run it anywhere.
 */
import { parseArgs } from 'node:util';
import type { Effect } from '../engine/types.ts';
import { CLI_TEXT } from '../messages.ts';

export const EFFECTS: readonly Effect[] = ['reject', 'needs-review', 'allow'];

/** Where the demand comes from. `auto`: no FILE and no --text, so main.ts reads stdin if something is piped. */
export type InputSource =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'text'; text: string }
  | { kind: 'auto' };

export interface CheckPlan {
  source: InputSource;
  title?: string;
  json: boolean;
  forceCsv: boolean;
  only?: Effect;
}

export type Command =
  | { kind: 'help'; topic: 'main' | 'check' }
  | { kind: 'check'; plan: CheckPlan }
  | { kind: 'usage-error'; message: string; topic: 'main' | 'check' };

export function parseCommandLine(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage-error', message: CLI_TEXT.errors.noCommand, topic: 'main' };
  if (command === '--help' || command === '-h' || command === 'help') {
    return rest[0] === 'check' ? { kind: 'help', topic: 'check' } : { kind: 'help', topic: 'main' };
  }
  if (command !== 'check') return { kind: 'usage-error', message: CLI_TEXT.errors.unknownCommand(command), topic: 'main' };
  return parseCheck(rest);
}

/** The options of `check`, as node:util parseArgs reads them. */
const CHECK_OPTIONS = {
  text: { type: 'string' },
  title: { type: 'string' },
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  only: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What parseArgs gives for `check`; planCheck takes it, so tests can hand it in where node:util is missing. */
export interface CheckArgs {
  values: { text?: string; title?: string; json?: boolean; csv?: boolean; only?: string; help?: boolean };
  positionals: string[];
}

function parseCheck(args: readonly string[]): Command {
  let parsed: CheckArgs;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: CHECK_OPTIONS });
  } catch (error) {
    // parseArgs explains in English (unknown option, missing value); keep its words after the Chinese.
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'usage-error', message: CLI_TEXT.errors.badOption(detail), topic: 'check' };
  }
  return planCheck(parsed);
}

/**
 * Parsed options → the plan, with the checks parseArgs cannot make (one FILE, FILE or --text, --only's values).
 * Separate from parseCheck because the Workers test pool has node:util but not its parseArgs.
 */
export function planCheck({ values, positionals }: CheckArgs): Command {
  if (values.help) return { kind: 'help', topic: 'check' };
  const fail = (message: string): Command => ({ kind: 'usage-error', message, topic: 'check' });

  if (positionals.length > 1) return fail(CLI_TEXT.errors.tooManyFiles);
  const file = positionals[0];
  if (file !== undefined && values.text !== undefined) return fail(CLI_TEXT.errors.fileAndText);

  let only: Effect | undefined;
  if (values.only !== undefined) {
    only = EFFECTS.find((e) => e === values.only);
    if (!only) return fail(CLI_TEXT.errors.badOnly(values.only));
  }

  const source: InputSource =
    values.text !== undefined ? { kind: 'text', text: values.text }
    : file === '-' ? { kind: 'stdin' }
    : file !== undefined ? { kind: 'file', path: file }
    : { kind: 'auto' };

  return {
    kind: 'check',
    plan: {
      source,
      ...(values.title !== undefined ? { title: values.title } : {}),
      json: values.json ?? false,
      forceCsv: values.csv ?? false,
      ...(only ? { only } : {}),
    },
  };
}
