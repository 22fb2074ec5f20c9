/**
 * Decisions → the readable Chinese report: an overview table when there are several demands, then each demand
 * with its conclusion, reasons (code, clause, message, fix, evidence with its position) and warnings, then the
 * counts. Laid out by display width, so CJK text lines up in an 80–120 column terminal. Pure: returns a string.
 */
import type { Effect, Evidence, Reason, Warning } from '../engine/types.ts';
import { CLI_TEXT } from '../messages.ts';
import { isError, shown, type ItemResult, type Outcome } from './check.ts';
import type { InputFailure } from './input.ts';
import { displayWidth, oneLine, padEnd, padStart, truncate, wrap } from './width.ts';

export interface RenderOptions {
  /** Terminal columns; clamped to 60–160 so a stray COLUMNS value cannot break the layout. */
  width: number;
  /** ANSI colours for the conclusions (only when writing to a terminal). */
  color: boolean;
  only?: Effect;
  /** File path, 标准输入 or --text, for the header line. */
  sourceName: string;
}

const COLOURS: Record<Effect | 'invalid', string> = {
  reject: '\u001b[1;31m',
  'needs-review': '\u001b[1;33m',
  allow: '\u001b[32m',
  invalid: '\u001b[1;35m',
};
const RESET = '\u001b[0m';

/** Fields whose evidence offsets point into text the user wrote; other evidence quotes a declared value. */
const TEXT_FIELDS = new Set(['title', 'description', 'funding.conditions']);

/** How far a reason's details are indented under "  1. ", so wrapped lines stay under their label. */
const DETAIL_INDENT = 5;
const MAX_EVIDENCE = 5;

export function renderReport(outcome: Outcome, options: RenderOptions): string {
  const width = Math.min(160, Math.max(60, Math.floor(options.width)));
  const paint = (label: string, effect: Effect | 'invalid') => (options.color ? `${COLOURS[effect]}${label}${RESET}` : label);
  const entries = outcome.results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => shown(result, options.only));
  const out: string[] = [];

  out.push(truncate(CLI_TEXT.header(options.sourceName, sourceKind(outcome)), width));
  out.push(CLI_TEXT.rulesVersion(shortVersion(outcome.rulesVersion)));
  out.push('');
  if (outcome.shape === 'batch' && entries.length > 1) {
    out.push(...overview(outcome, entries, width, paint), '');
  }
  for (const { result, index } of entries) {
    out.push(...itemBlock(outcome, result, index, width, paint), '');
  }
  if (options.only && entries.length === 0) out.push(CLI_TEXT.nothingShown(options.only), '');
  const total = outcome.results.length;
  let summary = CLI_TEXT.summary(total, outcome.summary);
  if (options.only) summary += CLI_TEXT.filtered(options.only, entries.length);
  out.push(...wrap(summary, width));
  return `${out.join('\n')}\n`;
}

/** What stderr shows for input that could not be read: the message, then one line per issue naming its field. */
export function renderFailure(failure: InputFailure, width = 100): string {
  const lines = wrap(`${CLI_TEXT.errors.prefix}${failure.message}`, width);
  for (const issue of failure.issues ?? []) lines.push(...hanging(`  ${issue.path}：`, issue.message, width));
  if (failure.code === 'invalid-arguments') lines.push(CLI_TEXT.errors.seeHelp);
  return `${lines.join('\n')}\n`;
}

function sourceKind(outcome: Outcome): string {
  if (outcome.kind === 'csv') return CLI_TEXT.source.csv(outcome.results.length);
  if (outcome.kind === 'json') return outcome.shape === 'single' ? CLI_TEXT.source.jsonSingle : CLI_TEXT.source.jsonBatch(outcome.results.length);
  return CLI_TEXT.source.text;
}

/** sha256: and 12 hex digits identify a rule set well enough on screen; --json carries the whole hash. */
function shortVersion(version: string): string {
  return version.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1');
}

type Paint = (label: string, effect: Effect | 'invalid') => string;

function conclusion(result: ItemResult): { label: string; effect: Effect | 'invalid' } {
  if (isError(result)) return { label: CLI_TEXT.invalid, effect: 'invalid' };
  return { label: CLI_TEXT.decision[result.decision], effect: result.decision };
}

/** 事项 as one line: the title, then what is asked, whitespace folded. */
function itemText(request: unknown): string {
  const r = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const title = typeof r.title === 'string' ? oneLine(r.title) : '';
  const description = typeof r.description === 'string' ? oneLine(r.description) : '';
  return [title, description].filter((s) => s !== '').join('｜');
}

function overview(outcome: Outcome, entries: { result: ItemResult; index: number }[], width: number, paint: Paint): string[] {
  const csv = outcome.kind === 'csv';
  const serials = entries.map(({ result }) => result.row?.serial ?? '');
  const hasSerial = csv && serials.some((s) => s !== '');
  const numberHead = csv ? CLI_TEXT.head.line : CLI_TEXT.head.index;
  const numberWidth = Math.max(displayWidth(numberHead), ...entries.map(({ result, index }) => String(result.row?.line ?? index + 1).length));
  const serialWidth = hasSerial ? Math.max(displayWidth(CLI_TEXT.head.serial), ...serials.map(displayWidth)) : 0;
  const decisionWidth = Math.max(...[...Object.values(CLI_TEXT.decision), CLI_TEXT.invalid].map(displayWidth));
  const fixed = numberWidth + 2 + (hasSerial ? serialWidth + 2 : 0) + decisionWidth + 2;
  const itemWidth = Math.max(10, width - fixed);

  const row = (number: string, serial: string, decision: string, item: string) =>
    [padStart(number, numberWidth), ...(hasSerial ? [padEnd(serial, serialWidth)] : []), padEnd(decision, decisionWidth), item]
      .join('  ')
      .trimEnd();
  const lines = [
    row(numberHead, CLI_TEXT.head.serial, CLI_TEXT.head.decision, CLI_TEXT.head.item),
    row('-'.repeat(numberWidth), '-'.repeat(serialWidth), '-'.repeat(decisionWidth), '-'.repeat(itemWidth)),
  ];
  for (const { result, index } of entries) {
    const { label, effect } = conclusion(result);
    // Pad before painting: colour codes take no columns but would fool padEnd's count.
    const decision = paint(label, effect) + ' '.repeat(decisionWidth - displayWidth(label));
    const item = truncate(itemText(outcome.items[index]?.request), itemWidth);
    lines.push(row(String(result.row?.line ?? index + 1), result.row?.serial ?? '', decision, item));
  }
  return lines;
}

function itemBlock(outcome: Outcome, result: ItemResult, index: number, width: number, paint: Paint): string[] {
  const { label, effect } = conclusion(result);
  const names: string[] = [];
  if (result.row) {
    names.push(CLI_TEXT.itemTitle.line(result.row.line));
    if (result.row.serial) names.push(CLI_TEXT.itemTitle.serial(result.row.serial));
  } else if (outcome.shape === 'batch') names.push(CLI_TEXT.itemTitle.index(index + 1));
  else names.push(CLI_TEXT.itemTitle.single);
  const heading = `== ${[...names, label].join(' | ')} `;
  const lines = [`== ${[...names, paint(label, effect)].join(' | ')} ${'='.repeat(Math.max(3, width - displayWidth(heading)))}`];

  const request = outcome.items[index]?.request;
  const item = itemText(request);
  if (item) lines.push(truncate(`${CLI_TEXT.label.item}：${item}`, width));
  lines.push(...unitsLine(request, result, width));

  if (isError(result)) {
    lines.push(`${CLI_TEXT.label.issues}：`);
    for (const issue of result.error.issues) lines.push(...hanging(`  ${issue.path}：`, issue.message, width));
    return lines;
  }
  lines.push(`${CLI_TEXT.label.reasons}：`);
  result.reasons.forEach((reason, i) => lines.push(...reasonLines(reason, i + 1, width, paint)));
  if (result.warnings.length > 0) {
    lines.push(`${CLI_TEXT.label.warnings}：`);
    for (const warning of result.warnings) lines.push(...warningLines(warning, width));
  }
  return lines;
}

/** 牵头/责任/配合 units and the carried 完成时限/备注 of a duty-list row; nothing for other inputs. */
function unitsLine(request: unknown, result: ItemResult, width: number): string[] {
  const r = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('、') : '');
  const parts: string[] = [];
  if (typeof r.department === 'string' && r.department) parts.push(`${CLI_TEXT.label.department} ${r.department}`);
  if (list(r.responsibleUnits)) parts.push(`${CLI_TEXT.label.responsible} ${list(r.responsibleUnits)}`);
  if (list(r.assistingUnits)) parts.push(`${CLI_TEXT.label.assisting} ${list(r.assistingUnits)}`);
  if (result.row?.deadline) parts.push(`${CLI_TEXT.label.deadline} ${oneLine(result.row.deadline)}`);
  if (result.row?.remark) parts.push(`${CLI_TEXT.label.remark} ${oneLine(result.row.remark)}`);
  return parts.length > 0 ? hanging(`${CLI_TEXT.label.units}：`, parts.join('；'), width) : [];
}

function reasonLines(reason: Reason, n: number, width: number, paint: Paint): string[] {
  const indent = ' '.repeat(DETAIL_INDENT);
  const number = padEnd(`  ${n}.`, DETAIL_INDENT);
  const lines = [`${number}${paint(CLI_TEXT.decision[reason.effect], reason.effect)} ${reason.code}（${CLI_TEXT.label.clause} ${reason.clause}）`];
  lines.push(...hanging(indent, reason.message, width));
  lines.push(...hanging(`${indent}${CLI_TEXT.label.fix}：`, reason.fix, width));
  lines.push(...evidenceLines(reason.evidence, indent, width));
  if (reason.quote) lines.push(truncate(`${indent}${CLI_TEXT.label.quote}：${oneLine(reason.quote)}`, width));
  return lines;
}

function warningLines(warning: Warning, width: number): string[] {
  const indent = ' '.repeat(DETAIL_INDENT);
  return [
    ...hanging(padEnd('  -', DETAIL_INDENT) + `${warning.code}：`, warning.message, width),
    ...evidenceLines(warning.evidence, indent, width),
  ];
}

/**
 * Each piece of evidence on its own line: 「quoted text」 and where it is. Positions count characters from 1, as a
 * reader counts; --json keeps the API's 0-based UTF-16 offsets.
 */
function evidenceLines(evidence: Evidence[], indent: string, width: number): string[] {
  if (evidence.length === 0) return [];
  const label = `${indent}${CLI_TEXT.label.evidence}：`;
  const room = width - displayWidth(label);
  // The engine may cite one span for two of its findings; the reader needs it once.
  const unique = evidence.filter((e, i) => evidence.findIndex((o) => o.field === e.field && o.start === e.start && o.end === e.end) === i);
  const lines = unique.slice(0, MAX_EVIDENCE).map((e, i) => {
    const field = CLI_TEXT.fieldLabel[e.field] ?? e.field;
    const where = TEXT_FIELDS.has(e.field) ? `${field}${CLI_TEXT.position(e.start + 1, e.end)}` : field;
    const quote = truncate(oneLine(e.text), Math.max(8, room - displayWidth(where) - 4));
    return `${i === 0 ? label : ' '.repeat(displayWidth(label))}「${quote}」${where}`;
  });
  if (unique.length > MAX_EVIDENCE) lines.push(`${' '.repeat(displayWidth(label))}… +${unique.length - MAX_EVIDENCE}`);
  return lines;
}

/** `label` then `text` wrapped, continuation lines indented under the text. */
function hanging(label: string, text: string, width: number): string[] {
  const indent = displayWidth(label);
  const wrapped = wrap(oneLine(text), Math.max(10, width - indent));
  return wrapped.map((line, i) => (i === 0 ? label : ' '.repeat(indent)) + line);
}
