/**
 * Evidence highlighting: the engine's evidence offsets (UTF-16, per field) turned into runs of text, each run marked
 * with the strongest effect that covers it. The client script (assets/script.ts) does the same in the browser.
 */
import type { Decision } from '../../engine/types.ts';
import { WEB_TEXT } from '../../messages.ts';

export type MarkKind = 'reject' | 'needs-review' | 'allow' | 'warning';

export interface Span {
  start: number;
  end: number;
  kind: MarkKind;
  label: string;
}

export interface Run {
  text: string;
  kind?: MarkKind;
  labels?: string[];
}

const STRENGTH: Record<MarkKind, number> = { reject: 3, 'needs-review': 2, allow: 1, warning: 0 };

/** The text fields a read-only copy is shown for, in display order. */
export const TEXT_FIELDS = ['title', 'description', 'funding.conditions'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export function highlight(text: string, spans: readonly Span[]): Run[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (covering.length === 0) {
      runs.push({ text: piece });
      continue;
    }
    const kind = covering.reduce((best, s) => (STRENGTH[s.kind] > STRENGTH[best] ? s.kind : best), covering[0]!.kind);
    runs.push({ text: piece, kind, labels: [...new Set(covering.map((s) => s.label))] });
  }
  return runs;
}

/** The spans a decision marks in one field. Evidence whose text no longer matches the field is left out. */
export function spansFor(decision: Pick<Decision, 'reasons' | 'warnings'>, field: string, text: string): Span[] {
  const spans: Span[] = [];
  for (const reason of decision.reasons) {
    for (const e of reason.evidence) {
      if (e.field === field && text.slice(e.start, e.end) === e.text) {
        spans.push({ start: e.start, end: e.end, kind: reason.effect, label: WEB_TEXT.reasonLabel[reason.code] ?? reason.code });
      }
    }
  }
  for (const warning of decision.warnings) {
    for (const e of warning.evidence) {
      if (e.field === field && text.slice(e.start, e.end) === e.text) {
        spans.push({ start: e.start, end: e.end, kind: 'warning', label: WEB_TEXT.precheck.warnings });
      }
    }
  }
  return spans;
}
