/** A duty-list CSV read and judged row by row, as POST /api/v1/evaluate/batch does, and the verdicts as CSV. */
import { checkEvaluateRequest } from '../../api/validate.ts';
import { CsvError } from '../../duty-list/csv.ts';
import { DutyListError, readDutyList, type DutyListRow } from '../../duty-list/rows.ts';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { Decision } from '../../engine/types.ts';
import { ERROR_TEXT, WEB_TEXT } from '../../messages.ts';
import { chineseOnly } from '../page.tsx';

export const MAX_ROWS = 500;
export const FILTERS = ['reject', 'needs-review', 'allow', 'invalid'] as const;
export type Filter = (typeof FILTERS)[number];

export interface Verdict {
  row: DutyListRow;
  result: Decision | null;
  issues: string[];
  /** The decision, or 'invalid' for a row the contract cannot take. */
  kind: Filter;
}

export type Judged = { ok: true; verdicts: Verdict[] } | { ok: false; error: string };

export function judgeDutyList(csv: string, ruleSet: CompiledRuleSet): Judged {
  let rows: DutyListRow[];
  try {
    rows = readDutyList(csv);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: chineseOnly(ERROR_TEXT.csvMalformed(error.line)) };
    if (error instanceof DutyListError) return { ok: false, error: chineseOnly(error.kind === 'empty' ? ERROR_TEXT.csvEmpty : ERROR_TEXT.csvNoColumns) };
    throw error;
  }
  if (rows.length > MAX_ROWS) return { ok: false, error: chineseOnly(ERROR_TEXT.batchSize(MAX_ROWS)) };
  return {
    ok: true,
    verdicts: rows.map((row) => {
      const checked = checkEvaluateRequest(row.request, ruleSet);
      if (!checked.ok) return { row, result: null, issues: checked.issues.map((i) => chineseOnly(i.message)), kind: 'invalid' as const };
      const result = evaluate(checked.request, ruleSet);
      return { row, result, issues: [], kind: result.decision };
    }),
  };
}

export function parseFilter(value: string | undefined): Filter | null {
  return (FILTERS as readonly string[]).includes(value ?? '') ? (value as Filter) : null;
}

const cell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The verdicts as a CSV (UTF-8 with BOM, CRLF) that opens in a spreadsheet. */
export function verdictsCsv(verdicts: Verdict[]): string {
  const lines = [WEB_TEXT.dutyList.csvColumns.join(',')];
  for (const v of verdicts) {
    const r = v.row.request as { title?: string; description?: string; department?: string };
    const reasons = v.result?.reasons ?? [];
    lines.push(
      [
        v.row.line,
        v.row.carried.serial ?? '',
        r.title ?? '',
        r.description ?? '',
        r.department ?? '',
        v.row.carried.deadline ?? '',
        v.result ? WEB_TEXT.decision[v.result.decision] : WEB_TEXT.dutyList.invalid,
        reasons.map((x) => x.code).join(' '),
        v.result ? reasons.map((x) => x.message).join('；') : v.issues.join('；'),
        reasons.map((x) => WEB_TEXT.clause(x.clause)).join('；'),
        reasons.map((x) => x.fix).join('；'),
        (v.result?.warnings ?? []).map((w) => w.message).join('；'),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
