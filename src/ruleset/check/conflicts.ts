/**
 * List entries that claim the same phrase with different outcomes. Phrases are compared as the engine matches
 * them (folded: full-width to half-width, latin lower-cased), and only whole phrases: one phrase inside a longer
 * one is settled by the reader (the longer match wins), not a conflict.
 *
 * Pairs treated as conflicting, because a text holding the phrase gets opposite answers from the two lists:
 * - statutory-duties ↔ negative-list: the community's own duty (allow) vs a prohibited demand (reject);
 * - assistance-by-law ↔ negative-list: legitimate assistance (admitted after street review) vs prohibited (reject);
 * - certificates retained ↔ cancelled: may issue (allow) vs may not (reject);
 * - statutory-duties ↔ area topics and acts (lexicon/areas.json): the community's own duty (allow) vs work the
 *   community must never be responsible for (reject, 9d); the engine lets the forbidden reading win, so the
 *   statutory entry would be dead for that phrase;
 * - statutory-duties ↔ one-vote-veto phrases (lexicon/veto.json): allow vs reject.
 * A negative-list item only claims a phrase outright when it has one phrase group: in a multi-group item the phrase
 * is one part of a combination (一日捐 + a quota), so sharing it with another list is by design (reported as shared,
 * not as a conflict).
 *
 * Not conflicts (reported as shared phrases only): the same phrase in two items of one list; statutory-duties ↔
 * assistance-by-law (the role read from the text decides which applies: the community does it, or helps); assistance
 * ↔ area topics (assistance in a forbidden area is admissible under 9e; only responsibility is forbidden); negative
 * list ↔ area topics (both reject); certificate names ↔ duty lists (certificates are read only before 证明).
 */
import { foldText } from '../../engine/text/fold.ts';
import type { RuleSetData } from '../types.ts';

export type ClaimKind =
  | 'statutory-duties'
  | 'assistance-by-law'
  | 'negative-list'
  | 'negative-list-part'
  | 'certificates-retained'
  | 'certificates-cancelled'
  | 'area-topic'
  | 'area-act'
  | 'veto';

export interface Claim {
  kind: ClaimKind;
  /** List item id, area code, or "veto". */
  owner: string;
  /** The phrase as written in the file. */
  phrase: string;
}

export interface PhraseShare {
  phrase: string;
  a: Claim;
  b: Claim;
  conflict: boolean;
  why: string;
}

const CONFLICTS: Array<[ClaimKind, ClaimKind, string]> = [
  ['statutory-duties', 'negative-list', 'a statutory duty (allow) and a prohibited item (reject)'],
  ['assistance-by-law', 'negative-list', 'assistance by law (needs street review) and a prohibited item (reject)'],
  ['certificates-retained', 'certificates-cancelled', 'a retained certificate (allow) and a cancelled one (reject)'],
  ['statutory-duties', 'area-topic', 'a statutory duty (allow) and a 9d area topic (reject when the community is responsible)'],
  ['statutory-duties', 'area-act', 'a statutory duty (allow) and a 9d area act (reject when done by the community)'],
  ['statutory-duties', 'veto', 'a statutory duty (allow) and a one-vote-veto phrase (reject)'],
];

/** Shares worth showing though they are no conflict. */
const SHARED: Array<[ClaimKind, ClaimKind, string]> = [
  ['statutory-duties', 'assistance-by-law', 'the role read from the text decides'],
  ['statutory-duties', 'negative-list-part', 'part of a multi-group prohibition: only the combination is prohibited'],
  ['assistance-by-law', 'negative-list-part', 'part of a multi-group prohibition: only the combination is prohibited'],
  ['assistance-by-law', 'area-topic', 'assistance in a 9d area is admissible; only responsibility is forbidden'],
  ['assistance-by-law', 'area-act', 'assistance in a 9d area is admissible; only responsibility is forbidden'],
];

export function claimsOf(data: RuleSetData): Claim[] {
  const claims: Claim[] = [];
  const add = (kind: ClaimKind, owner: string, phrases: readonly string[]) => {
    for (const phrase of phrases) claims.push({ kind, owner, phrase });
  };
  for (const item of data.statutoryDuties.items) add('statutory-duties', item.id, item.phrases);
  for (const item of data.assistanceByLaw.items) add('assistance-by-law', item.id, item.phrases);
  for (const item of data.negativeList.items) {
    const kind = item.groups.length === 1 ? 'negative-list' : 'negative-list-part';
    for (const group of item.groups) add(kind, item.id, group);
  }
  for (const item of data.certificates.retained) add('certificates-retained', item.id, item.phrases);
  for (const item of data.certificates.cancelled) add('certificates-cancelled', item.id, item.phrases);
  for (const area of data.areas.areas) {
    add('area-topic', area.code, area.topics);
    add('area-act', area.code, area.acts);
  }
  add('veto', 'veto', data.veto.phrases);
  return claims;
}

function pairRule(a: ClaimKind, b: ClaimKind, table: Array<[ClaimKind, ClaimKind, string]>): { swap: boolean; why: string } | null {
  for (const [x, y, why] of table) {
    if (a === x && b === y) return { swap: false, why };
    if (a === y && b === x) return { swap: true, why };
  }
  return null;
}

/** Every pair of claims on the same folded phrase that is a conflict or a share worth showing. */
export function phraseShares(data: RuleSetData): PhraseShare[] {
  const byPhrase = new Map<string, Claim[]>();
  for (const claim of claimsOf(data)) {
    const key = foldText(claim.phrase.trim());
    const list = byPhrase.get(key) ?? [];
    // One item naming the same phrase twice (or in two of its groups) is one claim.
    if (!list.some((c) => c.kind === claim.kind && c.owner === claim.owner)) list.push(claim);
    byPhrase.set(key, list);
  }
  const out: PhraseShare[] = [];
  for (const [phrase, claims] of byPhrase) {
    for (let i = 0; i < claims.length; i++) {
      for (let j = i + 1; j < claims.length; j++) {
        const [a, b] = [claims[i]!, claims[j]!];
        const conflict = pairRule(a.kind, b.kind, CONFLICTS);
        const shared = conflict ? null : pairRule(a.kind, b.kind, SHARED);
        const rule = conflict ?? shared;
        if (!rule) continue;
        const [first, second] = rule.swap ? [b, a] : [a, b];
        out.push({ phrase, a: first, b: second, conflict: conflict !== null, why: rule.why });
      }
    }
  }
  return out;
}

export const CONFLICTING_PAIRS = CONFLICTS.map(([a, b, why]) => `${a} ↔ ${b}: ${why}`);
