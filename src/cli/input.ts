/**
 * Input text → evaluate requests. Decides what the text is (duty-list CSV, request JSON, or a pasted message) and
 * shapes it exactly as the API would receive it, so the CLI and POST /api/v1/evaluate(/batch) answer the same.
 * Pure: main.ts reads the bytes; this never touches the file system.
 */
import type { ApiIssue } from '../api/errors.ts';
import { CsvError } from '../duty-list/csv.ts';
import { DutyListError, readDutyList, type DutyListRow } from '../duty-list/rows.ts';
import { CLI_TEXT, ERROR_TEXT } from '../messages.ts';

export type InputKind = 'csv' | 'json' | 'text';

export type RowInfo = DutyListRow['carried'] & { line: number };

/** One demand to evaluate: the raw request (validated later, like an API body) and where it came from. */
export interface CliItem {
  request: unknown;
  /** Path prefix for validation issues, as the API names them (items.3.title, line5.description). */
  prefix: (string | number)[];
  row?: RowInfo;
}

export interface InputFailure {
  code: 'invalid-json' | 'invalid-request' | 'invalid-arguments';
  message: string;
  issues?: ApiIssue[];
}

/** `single` answers like POST /api/v1/evaluate, `batch` like POST /api/v1/evaluate/batch. */
export type Loaded =
  | { ok: true; kind: InputKind; shape: 'single' | 'batch'; items: CliItem[] }
  | { ok: false; failure: InputFailure };

export interface InputText {
  /** File name, if the text came from a file; its extension decides before the content does. */
  name?: string;
  text: string;
  forceCsv?: boolean;
  /** --title: the title of a text demand. */
  title?: string;
}

/** Header names that mark a duty list (the title and description columns readDutyList knows). */
const DUTY_LIST_HEADERS = new Set(['重点任务', '事项', '事项名称', '任务名称', '主要措施', '具体内容', '工作内容', '工作措施', '具体措施']);

/**
 * Files exported from Excel on Chinese Windows are often GBK; a byte sequence that is not valid UTF-8 is read as
 * GB18030 (a superset of GBK) instead of turning every character into U+FFFD.
 */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first non-blank line, split on commas, has a cell that is one of the duty-list headers. */
export function looksLikeDutyList(text: string): boolean {
  const first = stripBom(text).split(/\r?\n/).find((line) => line.trim() !== '');
  if (!first || !first.includes(',')) return false;
  return first.split(',').some((cell) => DUTY_LIST_HEADERS.has(cell.replace(/["\s]/g, '')));
}

/** Text that parses as a JSON object or array is a request; a chat message starting with "[通知]" is not. */
function looksLikeJson(text: string): boolean {
  const trimmed = stripBom(text).trim();
  if (!/^[[{]/.test(trimmed)) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

/** Order: --csv, then the file extension, then the content; whatever is left is a message to read. */
export function detectKind(input: InputText): InputKind {
  if (input.forceCsv) return 'csv';
  const extension = /\.([a-z0-9]+)$/i.exec(input.name ?? '')?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'json') return 'json';
  if (looksLikeDutyList(input.text)) return 'csv';
  if (looksLikeJson(input.text)) return 'json';
  return 'text';
}

export function loadInput(input: InputText): Loaded {
  const kind = detectKind(input);
  if (kind !== 'text' && input.title !== undefined) {
    return fail({ code: 'invalid-arguments', message: CLI_TEXT.errors.titleNotText });
  }
  if (kind === 'csv') return fromCsv(input.text);
  if (kind === 'json') return fromJson(input.text);
  return fromText(input.text, input.title);
}

function fail(failure: InputFailure): Loaded {
  return { ok: false, failure };
}

function invalidRequest(path: string, message: string): Loaded {
  return fail({ code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: [{ path, message }] });
}

/** Same reading and the same issue paths as the batch endpoint's text/csv branch. */
function fromCsv(text: string): Loaded {
  let rows: DutyListRow[];
  try {
    rows = readDutyList(text);
  } catch (error) {
    if (error instanceof CsvError) return invalidRequest('csv', ERROR_TEXT.csvMalformed(error.line));
    if (error instanceof DutyListError) {
      return invalidRequest('csv', error.kind === 'empty' ? ERROR_TEXT.csvEmpty : ERROR_TEXT.csvNoColumns);
    }
    throw error;
  }
  const items = rows.map((row) => ({ request: row.request, prefix: [`line${row.line}`], row: { line: row.line, ...row.carried } }));
  return { ok: true, kind: 'csv', shape: 'batch', items };
}

/** A bare array is taken as {items: array}, so its issue paths read items.N… as the batch endpoint's would. */
function fromJson(text: string): Loaded {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(text));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail({ code: 'invalid-json', message: CLI_TEXT.errors.invalidJson(detail) });
  }
  const list = Array.isArray(value) ? value : typeof value === 'object' && value !== null && 'items' in value ? (value as { items: unknown }).items : undefined;
  if (list !== undefined) {
    if (!Array.isArray(list)) return invalidRequest('items', CLI_TEXT.errors.jsonShape);
    if (list.length === 0) return invalidRequest('items', CLI_TEXT.errors.emptyItems);
    const items = list.map((request, index) => ({ request, prefix: ['items', index] }));
    return { ok: true, kind: 'json', shape: 'batch', items };
  }
  if (typeof value !== 'object' || value === null) return invalidRequest('(body)', CLI_TEXT.errors.jsonShape);
  return { ok: true, kind: 'json', shape: 'single', items: [{ request: value, prefix: [] }] };
}

/**
 * A pasted message is the description of one demand. Only trailing whitespace is dropped (echo's newline), so
 * evidence offsets still point into the text as given.
 */
function fromText(text: string, title: string | undefined): Loaded {
  const description = stripBom(text).trimEnd();
  const request: Record<string, unknown> = {};
  if (title !== undefined) request.title = title;
  if (description !== '' || title === undefined) request.description = description;
  return { ok: true, kind: 'text', shape: 'single', items: [{ request, prefix: [] }] };
}
