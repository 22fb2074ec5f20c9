/**
 * `duty-gate check`: the engine on one's own machine, no server. This file is the only part that touches the
 * process (argv, files, stdin, stdout, exit code); the decisions are made by the pure modules beside it.
 * Run as `tsx src/cli/main.ts check …` (npm run check) or through bin/duty-gate.mjs, which calls main().
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { defaultRuleSet } from '../engine/default-rule-set.ts';
import { CLI_TEXT } from '../messages.ts';
import { parseCommandLine, type CheckPlan } from './args.ts';
import { exitCodeOf, EXIT, failureJson, jsonOutput, runCheck } from './check.ts';
import { decodeBytes, loadInput, type InputFailure } from './input.ts';
import { renderFailure, renderReport } from './render-table.ts';

/** Exit code for a fault of this program rather than of its input; 0–3 keep their documented meaning. */
const EXIT_INTERNAL = 4;

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommandLine(argv);
  if (command.kind === 'help') {
    write(process.stdout, `${command.topic === 'check' ? CLI_TEXT.checkHelp : CLI_TEXT.mainHelp}\n`);
    return 0;
  }
  if (command.kind === 'usage-error') {
    const help = command.topic === 'main' ? `\n${CLI_TEXT.mainHelp}\n` : `${CLI_TEXT.errors.seeHelp}\n`;
    write(process.stderr, `${CLI_TEXT.errors.prefix}${command.message}\n${help}`);
    return EXIT.invalid;
  }
  return check(command.plan);
}

async function check(plan: CheckPlan): Promise<number> {
  const source = await readSource(plan);
  if ('failure' in source) return reportFailure(source.failure, plan.json);
  const loaded = loadInput({ ...(source.name ? { name: source.name } : {}), text: source.text, forceCsv: plan.forceCsv, ...(plan.title !== undefined ? { title: plan.title } : {}) });
  if (!loaded.ok) return reportFailure(loaded.failure, plan.json);

  const outcome = runCheck(loaded, defaultRuleSet);
  if (plan.json) {
    const body = jsonOutput(outcome, plan.only);
    if (body !== undefined) write(process.stdout, `${JSON.stringify(body, null, 2)}\n`);
  } else {
    write(
      process.stdout,
      renderReport(outcome, {
        width: terminalWidth(),
        color: useColor(),
        sourceName: source.label,
        ...(plan.only ? { only: plan.only } : {}),
      }),
    );
  }
  return exitCodeOf(outcome);
}

type Source = { text: string; label: string; name?: string } | { failure: InputFailure };

/** Reads what the plan names. A file's bytes are decoded by decodeBytes (UTF-8, or GBK from Excel). */
async function readSource(plan: CheckPlan): Promise<Source> {
  const { source } = plan;
  if (source.kind === 'text') return { text: source.text, label: CLI_TEXT.textName };
  if (source.kind === 'file') {
    try {
      return { text: decodeBytes(await readFile(source.path)), label: source.path, name: source.path };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? CLI_TEXT.errors.fileNotFound(source.path) : CLI_TEXT.errors.fileUnreadable(source.path, code ?? String(error));
      return { failure: { code: 'invalid-arguments', message } };
    }
  }
  // `auto` with nothing piped: a --title alone is a demand; with no title either there is nothing to check.
  if (source.kind === 'auto' && process.stdin.isTTY) {
    if (plan.title !== undefined) return { text: '', label: CLI_TEXT.textName };
    return { failure: { code: 'invalid-arguments', message: CLI_TEXT.errors.noInput } };
  }
  return { text: decodeBytes(await readStdin()), label: CLI_TEXT.stdinName };
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** With --json the error body goes to stdout, as the API would answer it; otherwise a message on stderr. */
function reportFailure(failure: InputFailure, json: boolean): number {
  if (json) write(process.stdout, `${JSON.stringify(failureJson(failure), null, 2)}\n`);
  else write(process.stderr, renderFailure(failure, terminalWidth()));
  return exitCodeOf(failure);
}

/** 80–120 columns: narrower terminals wrap anyway, wider ones make the report hard to scan. */
function terminalWidth(): number {
  const columns = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS) || 100;
  return Math.min(120, Math.max(80, columns || 100));
}

/** Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org). */
function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text);
}

/**
 * Runs main() and sets the exit code. A reader closing the pipe early (`| head`) ends quietly; any other fault
 * prints one line, not a stack trace (DUTY_GATE_DEBUG=1 shows it).
 */
export function run(argv: readonly string[]): void {
  const fault = (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${CLI_TEXT.errors.internal(detail)}\n`);
    if (process.env.DUTY_GATE_DEBUG) console.error(error);
    process.exitCode = EXIT_INTERNAL;
  };
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fault(error);
  });
  main(argv).then((code) => {
    process.exitCode = code;
  }, fault);
}

// Started directly (tsx src/cli/main.ts …); the launcher imports this module and calls run() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run(process.argv.slice(2));
