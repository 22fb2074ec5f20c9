/**
 * Turns the rule set's phrase lexicons and lists into one phrase matcher. Every phrase carries a tag saying what
 * it means; one pass over a text then yields every signal the readers need.
 */
import type { AreaCode } from '../ruleset/schema.ts';
import type { RuleSetData } from '../ruleset/types.ts';
import { foldText } from './text/fold.ts';
import { PhraseMatcher, type PhraseHit } from './text/matcher.ts';

export type Tag =
  | { kind: 'community' | 'notCommunity' | 'otherAgent' | 'people' | 'objectMarker' | 'notAction' | 'quoteMarker' | 'purpose' }
  | { kind: 'responsible' | 'assist' | 'weakAssist' | 'informational' | 'action' | 'supportAction' | 'imperative' | 'byMarker' | 'lightVerb' | 'quotaMarker' }
  | { kind: 'negBefore' | 'negAfter' | 'scopeBreaker' | 'negClause' }
  | { kind: 'veto' | 'paperwork' }
  | { kind: 'fundingCondition' | 'fundingRefusal' | 'amountContext' | 'offerVerb' | 'resource' | 'deferral' }
  | { kind: 'areaTopic' | 'areaAct'; area: AreaCode }
  | { kind: 'statutory' | 'assistance'; id: string }
  | { kind: 'negative'; refs: ReadonlyArray<{ id: string; group: number }> }
  | { kind: 'certificate'; id: string; allowed: boolean };

export type TagKind = Tag['kind'];

/** Finds every tagged phrase in a text: the lexicon's phrases, and unit names matched by pattern. */
export interface TextMatcher {
  findAll(text: string): PhraseHit<Tag>[];
}

const UNIT: Tag = { kind: 'otherAgent' };
const ASSIST: Tag = { kind: 'assist' };

export function buildTextMatcher(data: RuleSetData): TextMatcher {
  const phrases = buildMatcher(data);
  const patterns: Array<[RegExp, Tag]> = [
    ...data.roles.agentPatterns.map((p): [RegExp, Tag] => [new RegExp(p, 'g'), UNIT]),
    ...data.roles.assistPatterns.map((p): [RegExp, Tag] => [new RegExp(p, 'g'), ASSIST]),
    ...data.areas.areas.flatMap((area) =>
      (area.actPatterns ?? []).map((p): [RegExp, Tag] => [new RegExp(p, 'g'), { kind: 'areaAct', area: area.code }]),
    ),
  ];
  return {
    findAll(text) {
      const hits = phrases.findAll(text);
      const extra: PhraseHit<Tag>[] = [];
      for (const [pattern, tag] of patterns) {
        for (const m of text.matchAll(pattern)) extra.push({ start: m.index, end: m.index + m[0].length, tag, clause: -1 });
      }
      return extra.length === 0 ? hits : hits.concat(extra).sort((a, b) => a.start - b.start || b.end - a.end);
    },
  };
}

function buildMatcher(data: RuleSetData): PhraseMatcher<Tag> {
  const entries: Array<{ phrase: string; payload: Tag }> = [];
  const add = (phrases: readonly string[], payload: Tag) => {
    for (const phrase of phrases) entries.push({ phrase: foldText(phrase), payload });
  };
  const { roles, negation, funding } = data;
  add(roles.community, { kind: 'community' });
  add(roles.notCommunity, { kind: 'notCommunity' });
  add(roles.otherAgents, { kind: 'otherAgent' });
  add(roles.people, { kind: 'people' });
  add(roles.quoteMarkers, { kind: 'quoteMarker' });
  add(roles.purposeMarkers, { kind: 'purpose' });
  add(roles.objectMarkers, { kind: 'objectMarker' });
  add(roles.responsible, { kind: 'responsible' });
  add(roles.assist, { kind: 'assist' });
  add(roles.informational, { kind: 'informational' });
  add(roles.actions, { kind: 'action' });
  add(roles.supportActions, { kind: 'supportAction' });
  add(roles.imperative, { kind: 'imperative' });
  add(roles.byMarkers, { kind: 'byMarker' });
  add(roles.notActions, { kind: 'notAction' });
  add(roles.lightVerbs, { kind: 'lightVerb' });
  add(roles.quotaMarkers, { kind: 'quotaMarker' });
  add(funding.deferrals, { kind: 'deferral' });
  add(negation.before, { kind: 'negBefore' });
  add(negation.after, { kind: 'negAfter' });
  add(negation.scopeBreakers, { kind: 'scopeBreaker' });
  add(negation.clauseWide, { kind: 'negClause' });
  add(roles.weakAssist, { kind: 'weakAssist' });
  add(data.veto.phrases, { kind: 'veto' });
  add(data.paperwork.phrases, { kind: 'paperwork' });
  add(funding.conditions, { kind: 'fundingCondition' });
  add(funding.refusal, { kind: 'fundingRefusal' });
  add(funding.amountContext, { kind: 'amountContext' });
  add(funding.offerVerbs, { kind: 'offerVerb' });
  add(funding.resources, { kind: 'resource' });
  for (const area of data.areas.areas) {
    add(area.topics, { kind: 'areaTopic', area: area.code });
    add(area.acts, { kind: 'areaAct', area: area.code });
  }
  for (const item of data.statutoryDuties.items) add(item.phrases, { kind: 'statutory', id: item.id });
  for (const item of data.assistanceByLaw.items) add(item.phrases, { kind: 'assistance', id: item.id });
  // Many items share words (社区, 完成…): one hit per phrase, naming every item group it belongs to.
  const negativeRefs = new Map<string, Array<{ id: string; group: number }>>();
  for (const item of data.negativeList.items) {
    item.groups.forEach((group, index) => {
      for (const phrase of group) {
        const refs = negativeRefs.get(phrase) ?? [];
        refs.push({ id: item.id, group: index });
        negativeRefs.set(phrase, refs);
      }
    });
  }
  for (const [phrase, refs] of negativeRefs) add([phrase], { kind: 'negative', refs });
  for (const item of data.certificates.retained) add(item.phrases, { kind: 'certificate', id: item.id, allowed: true });
  for (const item of data.certificates.cancelled) add(item.phrases, { kind: 'certificate', id: item.id, allowed: false });
  return new PhraseMatcher(entries);
}
