/**
 * One pass over a field: fold, segment, match every lexicon phrase, and index the hits by clause. Readers work
 * on this scan only, so a text is read once however many facts are drawn from it.
 */
import { foldText } from '../text/fold.ts';
import { segment, type Clause, type Span } from '../text/segment.ts';
import type { Tag, TagKind, TextMatcher } from '../lexicon.ts';
import type { PhraseHit } from '../text/matcher.ts';
import type { Evidence, EvidenceField } from '../types.ts';

export type Hit = PhraseHit<Tag>;

export interface FieldScan {
  field: EvidenceField;
  text: string;
  folded: string;
  sentences: Span[];
  clauses: Clause[];
  hits: Hit[];
  /** Hits of each clause, in order. */
  byClause: Hit[][];
  /** Hits of each kind, in order: readers look only at the kinds they read. */
  byKind: Map<TagKind, Hit[]>;
}

const NONE: readonly Hit[] = [];

export function hitsOfKind(scan: FieldScan, kind: TagKind): readonly Hit[] {
  return scan.byKind.get(kind) ?? NONE;
}

export function scanField(field: EvidenceField, text: string, matcher: TextMatcher): FieldScan {
  const folded = foldText(text);
  const { sentences, clauses } = segment(folded);
  const found = matcher.findAll(folded);
  const byClause: Hit[][] = clauses.map(() => []);
  const byKind = new Map<TagKind, Hit[]>();
  const hits: Hit[] = [];
  let c = 0;
  for (const h of found) {
    while (c < clauses.length && clauses[c]!.end <= h.start) c++;
    if (c >= clauses.length) break;
    const clause = clauses[c]!;
    if (h.start < clause.start || h.end > clause.end) continue; // spans a delimiter: not a phrase of one clause
    const hit = h;
    hit.clause = c;
    hits.push(hit);
    byClause[c]!.push(hit);
    const same = byKind.get(hit.tag.kind);
    if (same) same.push(hit);
    else byKind.set(hit.tag.kind, [hit]);
  }
  return { field, text, folded, sentences, clauses, hits, byClause, byKind };
}

export function evidenceOf(scan: FieldScan, start: number, end: number): Evidence {
  return { field: scan.field, start, end, text: scan.text.slice(start, end) };
}

export function isKind(hit: Hit, ...kinds: TagKind[]): boolean {
  return kinds.includes(hit.tag.kind);
}

/** Whether a longer hit of one of these kinds overlaps this one (各社区卫生服务中心: 社区卫生服务中心 wins over 各社区). */
export function overlappedByLonger(hit: Hit, clauseHits: readonly Hit[], kinds: readonly TagKind[]): boolean {
  const length = hit.end - hit.start;
  for (const other of clauseHits) {
    if (other.start >= hit.end) break; // hits are ordered by start
    if (other !== hit && other.end > hit.start && other.end - other.start > length && kinds.includes(other.tag.kind)) return true;
  }
  return false;
}

/** Whether a longer hit of one of these kinds covers this one (社区民警 covers 社区, 城管执法 covers 执法). */
export function coveredBy(hit: Hit, clauseHits: readonly Hit[], kinds: readonly TagKind[]): boolean {
  const length = hit.end - hit.start;
  for (const other of clauseHits) {
    if (other.start > hit.start) break; // hits are ordered by start
    if (other !== hit && hit.end <= other.end && other.end - other.start > length && kinds.includes(other.tag.kind)) return true;
  }
  return false;
}

/**
 * Whether a negation cue governs this hit: a 'before' cue earlier in the same clause, or an 'after' cue later in
 * it, with no conjunction (并, 同时…) in between that starts a new predicate.
 */
export function isNegated(hit: Hit, clauseHits: readonly Hit[], from = -1): boolean {
  for (const cue of clauseHits) {
    const kind = cue.tag.kind;
    if (kind === 'negClause') return true;
    if (kind === 'negBefore' && cue.start < hit.start && cue.end <= hit.end && cue.start >= from) {
      if (!breakerBetween(clauseHits, cue.end, hit.start) && !cancelledCue(cue, clauseHits)) return true;
    } else if (kind === 'negAfter' && cue.start >= hit.end) {
      if (!breakerBetween(clauseHits, hit.end, cue.start)) return true;
    }
  }
  return false;
}

/** 不得不, 不能不: a double negation inside a longer imperative is an order, not a negation. */
export function cancelledCue(cue: Hit, clauseHits: readonly Hit[]): boolean {
  return coveredBy(cue, clauseHits, IMPERATIVE);
}
const IMPERATIVE: readonly TagKind[] = ['imperative'];

function breakerBetween(clauseHits: readonly Hit[], from: number, to: number): boolean {
  return clauseHits.some((h) => h.tag.kind === 'scopeBreaker' && h.start >= from && h.end <= to && !coveredBy(h, clauseHits, CUES));
}
const CUES: readonly TagKind[] = ['negBefore', 'negAfter'];

/** Index of the sentence holding a clause. */
export function sentenceOfClause(scan: FieldScan, clause: number): number {
  return scan.clauses[clause]!.sentence;
}
