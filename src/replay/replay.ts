/**
 * Replay: re-evaluate recorded decisions with a candidate rule set and report what would change — decisions that
 * flip (by old → new), reason codes added and removed, and examples with the text that made the difference.
 * Pure: entries in, report out; it never writes anything. Used by POST /api/v1/replay and `npm run replay`.
 */
import { evaluateRequestSchema } from '../contract/evaluate-request.ts';
import { evaluate } from '../engine/evaluate.ts';
import { compileRuleSet, type CompiledRuleSet } from '../engine/rule-set.ts';
import type { Effect, Evidence, Reason } from '../engine/types.ts';
import { RuleSetError } from '../ruleset/load.ts';
import type { RuleSetFiles } from '../ruleset/types.ts';
import { fieldText, type DecisionKind, type DecisionLogEntry } from './log.ts';
import { maskDeep } from './mask.ts';

export const DEFAULT_EXAMPLES = 5;
export const MAX_EXAMPLES = 100;
/** Characters of the field shown on either side of the evidence. */
const CONTEXT_CHARS = 12;

export interface ReplayOptions {
  /** Examples kept per kind of change (default 5). */
  examples?: number;
  /** The China dates the entries were chosen by, echoed in the report. */
  from?: string | null;
  to?: string | null;
}

export interface ReplayEvidence extends Evidence {
  /** The evidence in its field with some text either side, the evidence itself in 【】; personal data masked. */
  context: string;
}

export interface ReasonChange {
  code: string;
  area?: string;
  listItem?: string;
  evidence: ReplayEvidence[];
}

export interface ReplayExample {
  requestId: string;
  version: number;
  kind: DecisionKind;
  at: string;
  department: string;
  oldDecision: Effect;
  newDecision: Effect;
  oldReasons: string[];
  newReasons: string[];
  /** Reasons the candidate gives that the recorded decision did not: the text that now fires. */
  added: ReasonChange[];
  /** Reasons of the recorded decision the candidate no longer gives: the text that no longer fires. */
  removed: ReasonChange[];
}

export interface ChangeGroup {
  from: Effect;
  to: Effect;
  count: number;
  examples: ReplayExample[];
}

export interface ReplayReport {
  candidateVersion: string;
  range: { from: string | null; to: string | null };
  totals: {
    entries: number;
    submissions: number;
    approvals: number;
    evaluated: number;
    unchanged: number;
    /** The decision itself changes. */
    flipped: number;
    /** Same decision, other reasons. */
    reasonsChanged: number;
    skipped: number;
  };
  /** "old→new" → count, for every decision that flips. */
  flipCounts: Record<string, number>;
  /** Decisions that flip, grouped by old → new, largest group first. */
  flips: ChangeGroup[];
  /** Decisions that stay but whose reasons change, grouped by decision. */
  reasonChanges: ChangeGroup[];
  /** Reason codes gained and lost, counted in decisions (a decision counts once per code). */
  reasonCodes: { added: Array<{ code: string; count: number }>; removed: Array<{ code: string; count: number }> };
  /** The rule sets that made the recorded decisions. */
  recordedVersions: Array<{ version: string; entries: number; sameAsCandidate: boolean }>;
  /** Entries that could not be evaluated (input the contract refuses). */
  skipped: Array<{ requestId: string; version: number; kind: DecisionKind; problem: string }>;
  /** Entries evaluated with a caveat (a declared list item the candidate no longer holds). */
  notes: Array<{ requestId: string; version: number; kind: DecisionKind; listItem: string }>;
}

export type Candidate = { ok: true; ruleSet: CompiledRuleSet } | { ok: false; problems: string[] };

/** Compiles (and so validates) a candidate rule set, turning RuleSetError into its list of problems. */
export function compileCandidate(files: RuleSetFiles): Candidate {
  try {
    return { ok: true, ruleSet: compileRuleSet(files) };
  } catch (e) {
    if (e instanceof RuleSetError) return { ok: false, problems: e.problems };
    throw e;
  }
}

const EFFECT_ORDER: Record<Effect, number> = { allow: 0, 'needs-review': 1, reject: 2 };

const reasonKey = (r: Pick<Reason, 'code' | 'area' | 'listItem'>) => `${r.code}|${r.area ?? ''}|${r.listItem ?? ''}`;

function contextOf(input: DecisionLogEntry['input'], evidence: Evidence): string {
  const text = fieldText(input, evidence.field);
  if (text === null || text.slice(evidence.start, evidence.end) !== evidence.text) return `【${evidence.text}】`;
  const before = text.slice(Math.max(0, evidence.start - CONTEXT_CHARS), evidence.start);
  const after = text.slice(evidence.end, evidence.end + CONTEXT_CHARS);
  return `${evidence.start > before.length ? '…' : ''}${before}【${evidence.text}】${after}${evidence.end + after.length < text.length ? '…' : ''}`;
}

/** The engine may point at the same span twice (once per fact it read there); show it once. */
function uniqueEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.field}|${e.start}|${e.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A reason's evidence with its context, masked in the context of the whole field. */
function changeOf(reason: Reason, input: DecisionLogEntry['input'], masked: DecisionLogEntry['input']): ReasonChange {
  return {
    code: reason.code,
    ...(reason.area ? { area: reason.area } : {}),
    ...(reason.listItem ? { listItem: reason.listItem } : {}),
    evidence: uniqueEvidence(reason.evidence).map((e) => {
      const inMasked = fieldText(masked, e.field);
      const original = fieldText(input, e.field);
      const sameSpot = inMasked !== null && original !== null && original.slice(e.start, e.end) === e.text;
      const maskedEvidence = sameSpot ? { ...e, text: inMasked.slice(e.start, e.end) } : maskDeep(e);
      return { ...maskedEvidence, context: contextOf(masked, maskedEvidence) };
    }),
  };
}

function countInto(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const sortedCounts = (map: Map<string, number>) =>
  [...map].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));

const groupOrder = (a: ChangeGroup, b: ChangeGroup) =>
  b.count - a.count || EFFECT_ORDER[a.from] - EFFECT_ORDER[b.from] || EFFECT_ORDER[a.to] - EFFECT_ORDER[b.to];

export function replay(entries: readonly DecisionLogEntry[], candidate: CompiledRuleSet, options: ReplayOptions = {}): ReplayReport {
  const limit = Math.max(0, Math.min(MAX_EXAMPLES, Math.floor(options.examples ?? DEFAULT_EXAMPLES)));
  const totals: ReplayReport['totals'] = { entries: entries.length, submissions: 0, approvals: 0, evaluated: 0, unchanged: 0, flipped: 0, reasonsChanged: 0, skipped: 0 };
  const groups = new Map<string, ChangeGroup>();
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  const versions = new Map<string, number>();
  const skipped: ReplayReport['skipped'] = [];
  const notes: ReplayReport['notes'] = [];

  for (const entry of entries) {
    if (entry.kind === 'approval') totals.approvals++;
    else totals.submissions++;
    countInto(versions, entry.rulesVersion);
    const where = { requestId: entry.requestId, version: entry.version, kind: entry.kind };
    const parsed = evaluateRequestSchema.safeParse(entry.input);
    if (!parsed.success) {
      totals.skipped++;
      const issue = parsed.error.issues[0]!;
      skipped.push({ ...where, problem: `${issue.path.join('.') || '(input)'}: ${issue.message}` });
      continue;
    }
    const input = parsed.data;
    if (input.listItem !== undefined && !candidate.listEntries.has(input.listItem)) notes.push({ ...where, listItem: input.listItem });
    const now = evaluate(input, candidate);
    totals.evaluated++;

    const oldKeys = new Set(entry.reasons.map(reasonKey));
    const newKeys = new Set(now.reasons.map(reasonKey));
    const gained = now.reasons.filter((r) => !oldKeys.has(reasonKey(r)));
    const lost = entry.reasons.filter((r) => !newKeys.has(reasonKey(r)));
    const flipped = now.decision !== entry.decision;
    if (!flipped && gained.length === 0 && lost.length === 0) {
      totals.unchanged++;
      continue;
    }
    if (flipped) totals.flipped++;
    else totals.reasonsChanged++;
    for (const code of new Set(gained.map((r) => r.code))) countInto(added, code);
    for (const code of new Set(lost.map((r) => r.code))) countInto(removed, code);

    const key = `${entry.decision}→${now.decision}`;
    const group = groups.get(key) ?? { from: entry.decision, to: now.decision, count: 0, examples: [] };
    groups.set(key, group);
    group.count++;
    if (group.examples.length < limit) {
      const masked = maskDeep(input);
      group.examples.push({
        ...where,
        at: entry.at,
        department: entry.department,
        oldDecision: entry.decision,
        newDecision: now.decision,
        oldReasons: entry.reasons.map((r) => r.code),
        newReasons: now.reasons.map((r) => r.code),
        added: gained.map((r) => changeOf(r, input, masked)),
        removed: lost.map((r) => changeOf(r, input, masked)),
      });
    }
  }

  const all = [...groups.values()];
  const flips = all.filter((g) => g.from !== g.to).sort(groupOrder);
  return {
    candidateVersion: candidate.version,
    range: { from: options.from ?? null, to: options.to ?? null },
    totals,
    flipCounts: Object.fromEntries(flips.map((g) => [`${g.from}→${g.to}`, g.count])),
    flips,
    reasonChanges: all.filter((g) => g.from === g.to).sort(groupOrder),
    reasonCodes: { added: sortedCounts(added), removed: sortedCounts(removed) },
    recordedVersions: [...versions]
      .map(([version, n]) => ({ version, entries: n, sameAsCandidate: version === candidate.version }))
      .sort((a, b) => b.entries - a.entries || a.version.localeCompare(b.version)),
    skipped,
    notes,
  };
}
