/** The replay report as a maintainer reads it in a terminal (npm run replay). Pure. */
import { CLI_TEXT, LIFECYCLE_TEXT } from '../messages.ts';
import type { ChangeGroup, ReasonChange, ReplayReport } from './replay.ts';

const T = LIFECYCLE_TEXT.replay;
const decisionLabel = (d: string) => `${T.decision[d] ?? d}(${d})`;
const fieldLabel = (f: string) => CLI_TEXT.fieldLabel[f] ?? f;
/** An instant as China time, to the minute: 2026-03-01 10:00. */
const chinaTime = (at: string) => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
};
const codes = (list: string[]) => (list.length > 0 ? list.join('、') : T.none);

function changeLines(sign: '+' | '-', changes: ReasonChange[]): string[] {
  const out: string[] = [];
  for (const change of changes) {
    const detail = [change.area, change.listItem].filter(Boolean).join(' ');
    out.push((sign === '+' ? T.added : T.removed)(detail ? `${change.code} (${detail})` : change.code));
    if (change.evidence.length === 0) out.push(T.noEvidence);
    for (const e of change.evidence) out.push(T.evidence(fieldLabel(e.field), e.start, e.end, e.context));
  }
  return out;
}

function groupLines(group: ChangeGroup, heading: string): string[] {
  const out = ['', heading];
  for (const ex of group.examples) {
    out.push(T.example(ex.requestId, ex.version, T.kind[ex.kind] ?? ex.kind, chinaTime(ex.at)));
    out.push(T.reasonsLine(codes(ex.oldReasons), codes(ex.newReasons)));
    out.push(...changeLines('-', ex.removed), ...changeLines('+', ex.added));
  }
  if (group.count > group.examples.length) out.push(T.moreExamples(group.count - group.examples.length));
  return out;
}

export function formatReplayReport(report: ReplayReport, source: string): string {
  const out: string[] = [T.title(report.candidateVersion), T.source(source)];
  if (report.range.from || report.range.to) out.push(T.range(report.range.from, report.range.to));
  if (report.recordedVersions.length > 0) {
    out.push(T.recordedVersions);
    for (const v of report.recordedVersions) out.push(T.versionLine(v.version, v.entries, v.sameAsCandidate));
  }
  out.push('', T.totals(report.totals));
  if (report.totals.flipped === 0 && report.totals.reasonsChanged === 0) out.push(T.nothingChanges);

  if (report.flips.length > 0) {
    out.push('', T.flipsHeading);
    for (const g of report.flips) out.push(...groupLines(g, T.flip(decisionLabel(g.from), decisionLabel(g.to), g.count)));
  }
  if (report.reasonChanges.length > 0) {
    out.push('', T.reasonOnlyHeading);
    for (const g of report.reasonChanges) out.push(...groupLines(g, T.reasonOnly(decisionLabel(g.from), g.count)));
  }
  if (report.reasonCodes.added.length > 0 || report.reasonCodes.removed.length > 0) {
    out.push('', T.codesHeading);
    for (const c of report.reasonCodes.added) out.push(T.codeAdded(c.code, c.count));
    for (const c of report.reasonCodes.removed) out.push(T.codeRemoved(c.code, c.count));
  }
  if (report.skipped.length > 0) {
    out.push('', T.skippedHeading);
    for (const s of report.skipped) out.push(T.skipped(s.requestId, s.version, s.problem));
  }
  if (report.notes.length > 0) {
    out.push('', T.notesHeading);
    for (const n of report.notes) out.push(T.skipped(n.requestId, n.version, T.unknownListItem(n.listItem)));
  }
  return `${out.join('\n')}\n`;
}
