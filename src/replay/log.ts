/**
 * The decision log: one entry per recorded decision (every request version, every approval's re-evaluation), with
 * the engine's input as the engine saw it, so a candidate rule set can be replayed over it here or elsewhere.
 * Pure: the rows come from D1 (src/store/decision-log.ts) or from `wrangler d1 execute --json` (npm run replay),
 * through the same SQL and the same conversion.
 */
import { z } from 'zod';
import type { EvaluateRequest } from '../contract/evaluate-request.ts';
import type { Submission } from '../contract/submission.ts';
import type { Decision, DecisionFacts, Effect, Evidence, Reason, Warning } from '../engine/types.ts';
import { engineRequest } from '../workflow/commands.ts';
import { addDays, chinaDayStart } from '../workdays/index.ts';
import { maskDeep, maskText } from './mask.ts';

export type DecisionKind = 'submission' | 'approval';

export interface DecisionLogEntry {
  requestId: string;
  version: number;
  kind: DecisionKind;
  /** When the decision was recorded (ISO instant, UTC). */
  at: string;
  department: string;
  /** The evaluate request as the engine saw it (an approval's carries streetReview: approved and the comment). */
  input: EvaluateRequest;
  decision: Effect;
  reasons: Reason[];
  facts: DecisionFacts;
  warnings: Warning[];
  rulesVersion: string;
}

/** The union of recorded decisions, as rows of the same shape; order and filter it from outside. */
export const DECISION_LOG_ROWS = `
  SELECT 'submission' AS kind, v.request_id, v.version, v.created_at AS at, v.body, v.result, NULL AS comment,
         d.name AS department_name, '' AS review_id
    FROM request_versions v
    JOIN requests r ON r.id = v.request_id
    JOIN departments d ON d.id = r.department_id
  UNION ALL
  SELECT 'approval' AS kind, w.request_id, w.version, w.created_at AS at, v.body, w.result, w.comment,
         d.name AS department_name, w.id AS review_id
    FROM reviews w
    JOIN request_versions v ON v.request_id = w.request_id AND v.version = w.version
    JOIN requests r ON r.id = w.request_id
    JOIN departments d ON d.id = r.department_id
   WHERE w.action = 'approve' AND w.result IS NOT NULL`;

/** The order entries are logged in; also the keyset of the export's pages. */
export const DECISION_LOG_ORDER = 'at, request_id, version, kind, review_id';

/** Every recorded decision, oldest first (what `npm run replay` asks the local D1). */
export const DECISION_LOG_ALL = `SELECT * FROM (${DECISION_LOG_ROWS}) ORDER BY ${DECISION_LOG_ORDER}`;

export interface DecisionLogRow {
  kind: DecisionKind;
  request_id: string;
  version: number;
  at: string;
  body: string;
  result: string;
  comment: string | null;
  department_name: string;
  review_id: string;
}

export function entryFromRow(row: DecisionLogRow): DecisionLogEntry {
  const body = JSON.parse(row.body) as Partial<Submission> & { department?: string };
  const result = JSON.parse(row.result) as Decision;
  const department = typeof body.department === 'string' && body.department !== '' ? body.department : row.department_name;
  const review = row.kind === 'approval' ? { status: 'approved' as const, note: row.comment ?? '' } : undefined;
  return {
    requestId: row.request_id,
    version: row.version,
    kind: row.kind,
    at: row.at,
    department,
    input: engineRequest(body, department, review),
    decision: result.decision,
    reasons: result.reasons,
    facts: result.facts,
    warnings: result.warnings,
    rulesVersion: result.rulesVersion,
  };
}

/** The text of an input field evidence points into (title, description, funding.conditions…), if it is text. */
export function fieldText(input: EvaluateRequest, field: string): string | null {
  let value: unknown = input;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : null;
}

/**
 * Evidence with its text masked in context: cut from the masked field when the offsets still point at it (so a
 * name after 联系人 is masked although the evidence alone would not show the 联系人), else masked on its own.
 */
export function maskEvidence(input: EvaluateRequest, maskedInput: EvaluateRequest, evidence: Evidence): Evidence {
  const original = fieldText(input, evidence.field);
  const masked = fieldText(maskedInput, evidence.field);
  const text = original !== null && masked !== null && original.slice(evidence.start, evidence.end) === evidence.text
    ? masked.slice(evidence.start, evidence.end)
    : maskText(evidence.text);
  return { ...evidence, text };
}

/** The entry with personal data masked in every input string and every evidence text (offsets unchanged). */
export function maskEntry(entry: DecisionLogEntry): DecisionLogEntry {
  const input = maskDeep(entry.input);
  const evidence = (list: Evidence[]) => list.map((e) => maskEvidence(entry.input, input, e));
  return {
    ...entry,
    department: maskText(entry.department),
    input,
    reasons: entry.reasons.map((r) => ({ ...r, evidence: evidence(r.evidence) })),
    warnings: entry.warnings.map((w) => ({ ...w, evidence: evidence(w.evidence) })),
  };
}

/** The keys of an entry in the order they are written. */
export function toNdjsonLine(entry: DecisionLogEntry): string {
  const { requestId, version, kind, at, department, input, decision, reasons, facts, warnings, rulesVersion } = entry;
  return `${JSON.stringify({ requestId, version, kind, at, department, input, decision, reasons, facts, warnings, rulesVersion })}\n`;
}

const evidenceSchema = z.object({ field: z.string(), start: z.number().int(), end: z.number().int(), text: z.string() }).passthrough();

/** An exported line, checked enough to replay it (the input itself is checked by the replay). */
const entrySchema = z
  .object({
    requestId: z.string().min(1),
    version: z.number().int().min(1),
    kind: z.enum(['submission', 'approval']),
    at: z.string(),
    department: z.string(),
    input: z.record(z.string(), z.unknown()),
    decision: z.enum(['allow', 'needs-review', 'reject']),
    reasons: z.array(z.object({ code: z.string(), evidence: z.array(evidenceSchema) }).passthrough()),
    facts: z.record(z.string(), z.unknown()),
    warnings: z.array(z.object({ code: z.string(), evidence: z.array(evidenceSchema) }).passthrough()),
    rulesVersion: z.string(),
  })
  .passthrough();

export interface ParsedLog {
  entries: DecisionLogEntry[];
  errors: Array<{ line: number; message: string }>;
}

/** Reads an exported NDJSON decision log; blank lines are skipped, bad lines reported with their number. */
export function parseDecisionLog(text: string): ParsedLog {
  const entries: DecisionLogEntry[] = [];
  const errors: ParsedLog['errors'] = [];
  text.replace(/^\ufeff/, '').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push({ line: i + 1, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const checked = entrySchema.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      errors.push({ line: i + 1, message: `${issue.path.join('.') || '(line)'}: ${issue.message}` });
      return;
    }
    entries.push(checked.data as unknown as DecisionLogEntry);
  });
  return { entries, errors };
}

/** China calendar dates (YYYY-MM-DD) as the instants that bound them: [from 00:00, day after "to" 00:00). */
export function chinaRange(from: string | undefined, to: string | undefined): { start: string | null; end: string | null } {
  return { start: from ? chinaDayStart(from) : null, end: to ? chinaDayStart(addDays(to, 1)) : null };
}

export function inRange(at: string, range: { start: string | null; end: string | null }): boolean {
  return (range.start === null || at >= range.start) && (range.end === null || at < range.end);
}
