/**
 * The candidate rule set of the replay page, read from its form: uploaded files named as the files under rules/
 * (veto.json, areas.json…), or one pasted JSON object {"files": {…}} keyed as POST /api/v1/replay's files. Files not
 * given are the current rule set's. Also: RuleSetError problems put in Chinese for the page.
 */
import { z } from 'zod';
import { WEB_TEXT } from '../../messages.ts';
import { RULE_FILES, type RuleSetData, type RuleSetFiles } from '../../ruleset/types.ts';
import { field, type FormBody } from '../env.ts';
import type { FieldErrors } from '../layout/parts.tsx';

const E = WEB_TEXT.replay.errors;

export type FileKey = keyof RuleSetFiles;

export const FILE_KEYS = Object.keys(RULE_FILES) as FileKey[];

/** A rule file's path under rules/ (lexicon/veto.json), as the CLI and the maintainers name it. */
export const relativePath = (key: FileKey) => RULE_FILES[key].file.replace(/^rules\//, '');

/** A rule file's name (veto.json): what an uploaded file must be called. The names are unique across folders. */
export const fileName = (key: FileKey) => RULE_FILES[key].file.slice(RULE_FILES[key].file.lastIndexOf('/') + 1);

const KEY_BY_NAME = new Map(FILE_KEYS.map((key) => [fileName(key), key]));

export const FILE_NAMES = FILE_KEYS.map(fileName);

export function keyOfFileName(name: string): FileKey | null {
  const base = name.replace(/\\/g, '/').split('/').pop()!.trim().toLowerCase();
  return KEY_BY_NAME.get(base) ?? null;
}

export interface CandidateSource {
  how: 'upload' | 'paste';
  /** The files the form gave, in rule-set order; every other file is the current rule set's. */
  given: FileKey[];
  files: RuleSetFiles;
}

export type ReadCandidate = { ok: true; source: CandidateSource } | { ok: false; errors: FieldErrors };

/** The uploaded files of the form (a file input with nothing chosen still sends one empty part without a name). */
function uploads(body: FormBody): File[] {
  const value = body.files;
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is File => typeof v !== 'string' && !(v.name === '' && v.size === 0));
}

const errorDetail = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function readUploads(files: File[]): Promise<{ ok: true; given: Partial<Record<FileKey, unknown>> } | { ok: false; message: string }> {
  const problems: string[] = [];
  const given: Partial<Record<FileKey, unknown>> = {};
  for (const file of files) {
    const key = keyOfFileName(file.name);
    if (!key) {
      problems.push(E.unknownFile(file.name, FILE_NAMES.join('、')));
      continue;
    }
    if (key in given) {
      problems.push(E.duplicateFile(file.name));
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(await file.arrayBuffer());
    } catch {
      problems.push(E.notUtf8(file.name));
      continue;
    }
    try {
      given[key] = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (e) {
      problems.push(E.fileNotJson(file.name, errorDetail(e)));
    }
  }
  return problems.length > 0 ? { ok: false, message: problems.join('；') } : { ok: true, given };
}

function readPaste(text: string): { ok: true; given: Partial<Record<FileKey, unknown>> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { ok: false, message: E.pasteNotJson(errorDetail(e)) };
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value) || Object.keys(value).some((k) => k !== 'files') || !isObject(value.files)) return { ok: false, message: E.pasteShape };
  const unknown = Object.keys(value.files).filter((k) => !(FILE_KEYS as string[]).includes(k));
  if (unknown.length > 0) return { ok: false, message: unknown.map((k) => E.pasteUnknownKey(k, FILE_KEYS.join('、'))).join('；') };
  return { ok: true, given: value.files as Partial<Record<FileKey, unknown>> };
}

/** The candidate the form describes: the given files over the current rule set's; or what is wrong, by field. */
export async function readCandidate(body: FormBody, current: RuleSetData): Promise<ReadCandidate> {
  const files = uploads(body);
  const pasted = field(body, 'json').trim();
  if (files.length > 0 && pasted !== '') return { ok: false, errors: { files: E.both } };
  if (files.length === 0 && pasted === '') return { ok: false, errors: { files: E.candidateRequired } };
  const how = files.length > 0 ? 'upload' : 'paste';
  const read = how === 'upload' ? await readUploads(files) : readPaste(pasted);
  if (!read.ok) return { ok: false, errors: { [how === 'upload' ? 'files' : 'json']: read.message } };
  const given = FILE_KEYS.filter((key) => key in read.given);
  return { ok: true, source: { how, given, files: { ...current, ...read.given } as RuleSetFiles } };
}

const zh = z.locales.zhCN().localeError;
const R = WEB_TEXT.replay;
const X = R.crossCheck;

/** The problems of an invalid candidate in Chinese. */
export function chineseProblems(files: RuleSetFiles, problems: readonly string[]): string[] {
  // The schemas' problems, read again with zod's Chinese messages (validateRuleSet keeps the first 10 of each file).
  const schemaProblems: string[] = [];
  for (const key of FILE_KEYS) {
    const parsed = RULE_FILES[key].schema.safeParse(files[key], { error: zh });
    if (parsed.success) continue;
    for (const issue of parsed.error.issues.slice(0, 10)) {
      schemaProblems.push(R.problem(relativePath(key), issue.path.join('.') || R.wholeFile, R.schemaMessages[issue.message] ?? issue.message));
    }
  }
  if (schemaProblems.length > 0) return schemaProblems;
  // What the schemas cannot see (src/ruleset/load.ts crossCheck): references, duplicates, unknown facts.
  return problems.map((problem) => {
    let m: RegExpExecArray | null;
    if ((m = /^rules\/decision-rules\.json: rule name "(.+)" is used twice$/.exec(problem))) return R.problem('decision-rules.json', '', X.duplicateRule(m[1]!));
    if ((m = /^rules\/decision-rules\.json: (.+): clause "(.+)" is not in rules\/clauses\.json$/.exec(problem))) return R.problem('decision-rules.json', '', X.unknownClause(m[1]!, m[2]!));
    if ((m = /^rules\/decision-rules\.json: (.+): reads unknown fact "(.+)"$/.exec(problem))) return R.problem('decision-rules.json', '', X.unknownFact(m[1]!, m[2]!));
    if ((m = /^rules\/decision-rules\.json: (.+): perItemOf names unknown fact "(.+)"$/.exec(problem))) return R.problem('decision-rules.json', '', X.unknownPerItem(m[1]!, m[2]!));
    if ((m = /^rules\/lexicon\/areas\.json: (.+): unknown clause "(.+)"$/.exec(problem))) return R.problem('lexicon/areas.json', '', X.areaClause(m[1]!, m[2]!));
    if ((m = /^rules\/lists\/(.+\.json): id "(.+)" is also used in (.+)$/.exec(problem))) return R.problem(`lists/${m[1]!}`, '', X.duplicateId(m[2]!, m[3]!));
    return problem;
  });
}
