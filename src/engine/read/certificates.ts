/**
 * Certificates the community is asked to issue. A certificate is recognised by a known name (and its synonyms)
 * followed by 证明, or by an issuing verb before 证明 (出具…证明, 开…证明, 社区盖章证明). Anything not on the
 * retained list, including ad-hoc fact certificates, is not allowed.
 */
import type { Evidence } from '../types.ts';
import { evidenceOf, hitsOfKind, isNegated, type FieldScan, type Hit } from './scan.ts';

export interface CertificateAsked {
  /** The list item, or "ad-hoc:<name>" for a certificate no list names. */
  id: string;
  allowed: boolean;
  evidence: Evidence;
}

/** How far after a name 证明 may stand (婚姻状况的证明, 居住情况证明). */
const SUFFIX_REACH = 4;
/** How far before a name 证明 may stand when it is the verb (证明一下我母亲还健在, 证明张某与李某系夫妻关系). */
const VERB_REACH = 12;
const ISSUING_BEFORE = /(开具|出具|开个|开张|开一份|开|盖章|盖公章|社区|村委会|居委会|村委|居委|村里)([^,，。;；、:：]{0,12})$/;
const FILLER = /^(的|一份|一张|一个|个|相关|有关|书面|该)+|(的|等)+$/g;

/** "…证明不再由社区出具": a negated issuing verb after the names negates them all. */
const NEGATED_ISSUING_AFTER = /^[^，,。；;:：]*?(不再|无需|无须|不需要|不需|不用|不得|停止|取消)[^，,。；;]{0,6}(出具|开具|开|办理)/;

function issuingNegatedAfter(scan: FieldScan, clause: number, from: number): boolean {
  return NEGATED_ISSUING_AFTER.test(scan.folded.slice(from, scan.clauses[clause]!.end));
}

function sameSentence(scan: FieldScan, a: number, b: number): boolean {
  const s = scan.sentences.find((span) => span.start <= a && a < span.end);
  return s !== undefined && b < s.end;
}

export function readCertificates(scan: FieldScan): CertificateAsked[] {
  const asked = new Map<string, CertificateAsked>();
  const claimed: Array<[number, number]> = [];
  const text = scan.folded;
  for (const hit of hitsOfKind(scan, 'certificate')) {
    if (hit.tag.kind !== 'certificate') continue;
    const suffix = text.indexOf('证明', hit.end - 2);
    // A full name (…证明, …情况反馈) needs no 证明 after it.
    const phraseHasSuffix = /证明|反馈|说明$/.test(text.slice(hit.start, hit.end));
    const clause = scan.clauses[hit.clause]!;
    const verbBefore = text.lastIndexOf('证明', hit.start - 2);
    const provedBefore = verbBefore >= 0 && hit.start - (verbBefore + 2) <= VERB_REACH && sameSentence(scan, verbBefore, hit.start);
    const suffixAfter = suffix >= 0 && suffix - hit.end <= SUFFIX_REACH && suffix + 2 <= clause.end;
    if (!phraseHasSuffix && !suffixAfter && !provedBefore) continue;
    const end = phraseHasSuffix ? hit.end : suffixAfter ? suffix + 2 : hit.end;
    if (claimed.some(([s, e]) => s <= hit.start && hit.end <= e)) continue; // a longer name already matched here
    if (isNegated(hit, scan.byClause[hit.clause]!) || issuingNegatedAfter(scan, hit.clause, end)) {
      claimed.push([hit.start, end]);
      continue;
    }
    claimed.push([hit.start, end]);
    const { id, allowed } = hit.tag;
    if (!asked.has(id)) asked.set(id, { id, allowed, evidence: evidenceOf(scan, hit.start, end) });
  }
  for (let at = text.indexOf('证明'); at >= 0; at = text.indexOf('证明', at + 2)) {
    if (claimed.some(([s, e]) => s <= at && at + 2 <= e)) continue;
    const clauseIndex = scan.clauses.findIndex((c) => c.start <= at && at + 2 <= c.end);
    if (clauseIndex < 0) continue;
    const clause = scan.clauses[clauseIndex]!;
    const before = text.slice(Math.max(clause.start, at - 16), at);
    const match = ISSUING_BEFORE.exec(before);
    if (!match) continue;
    const start = at - match[0].length;
    const probe: Hit = { start: at, end: at + 2, tag: { kind: 'paperwork' }, clause: clauseIndex };
    if (isNegated(probe, scan.byClause[clauseIndex]!)) continue;
    const name = match[2]!.replace(FILLER, '') || '证明';
    const id = `ad-hoc:${name}证明`;
    if (!asked.has(id)) asked.set(id, { id, allowed: false, evidence: evidenceOf(scan, start, at + 2) });
  }
  return [...asked.values()];
}
