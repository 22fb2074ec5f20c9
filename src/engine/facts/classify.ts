/**
 * Turns the community's predicates into what item 9 cares about: areas where it is made the responsible party,
 * assistance, statutory duties, new duties not on any list, or being only informed.
 */
import type { AreaCode } from '../../ruleset/schema.ts';
import type { Evidence } from '../types.ts';
import { areaOf, type CommunityDuty, type DutyReading } from '../read/duties.ts';
import { evidenceOf, type Hit } from '../read/scan.ts';

export interface DutyClasses {
  forbidden: Map<AreaCode, Evidence[]>;
  assist: Evidence[];
  assistAreas: Set<AreaCode>;
  assistanceItems: Set<string>;
  statutory: Map<string, Evidence[]>;
  unlisted: Evidence[];
  /** Requested actions with no object of their own (上报名单, 确保完成): follow-on steps of the work around them. */
  followOn: Evidence[];
  informational: Evidence[];
  /** Areas the text names at all, negated or not. */
  mentionedAreas: Set<AreaCode>;
}

export function emptyClasses(): DutyClasses {
  return {
    forbidden: new Map(),
    assist: [],
    assistAreas: new Set(),
    assistanceItems: new Set(),
    statutory: new Map(),
    unlisted: [],
    followOn: [],
    informational: [],
    mentionedAreas: new Set(),
  };
}

export interface AreaMention {
  area: AreaCode;
  evidence: Evidence;
}

/** Context beyond a predicate's own words: neutral clauses of its sentence, then the title. */
export interface AreaContext {
  titleTopics: AreaMention[];
  /** Text another reason already explains (a certificate, a negative-list item, a veto). */
  explained: Evidence[];
  /** The community assists somewhere in the demand: its other bare steps (入户发放…) are part of that help. */
  assists: boolean;
}

export function mentionsOf(duty: CommunityDuty, hits: readonly Hit[]): AreaMention[] {
  return hits.map((hit) => ({ area: areaOf(hit)!, evidence: evidenceOf(duty.scan, hit.start, hit.end) }));
}

export function classifyDuties(reading: DutyReading, context: AreaContext, into: DutyClasses): void {
  for (const hits of reading.sentenceAreas.values()) {
    for (const h of hits) into.mentionedAreas.add(areaOf(h)!);
  }
  for (const duty of reading.duties) classifyDuty(duty, reading, context, into);
}

function classifyDuty(duty: CommunityDuty, reading: DutyReading, context: AreaContext, into: DutyClasses): void {
  const ev = duty.evidence;
  if (duty.role === 'informational') {
    into.informational.push(ev);
    return;
  }
  if (duty.role === 'assist') {
    into.assist.push(ev);
    for (const h of reading.sentenceAreas.get(duty.sentence) ?? []) into.assistAreas.add(areaOf(h)!);
    for (const m of context.titleTopics) into.assistAreas.add(m.area);
    const named = duty.assistance.length > 0 ? duty.assistance : (reading.sentenceAssistance.get(duty.sentence) ?? []);
    for (const h of named) if (h.tag.kind === 'assistance') into.assistanceItems.add(h.tag.id);
    return;
  }
  const explained = context.explained.some(
    (e) => e.field === duty.scan.field && e.start >= duty.start && e.end <= duty.end,
  );
  if (explained && duty.hardActs.length === 0 && duty.topics.length === 0) return;

  const explicit = duty.role === 'responsible';
  if (duty.hardActs.length > 0) {
    // A forbidden act done by the community itself outranks any statutory reading (contract, reading rule 2).
    addForbidden(into, mentionsOf(duty, duty.topics.length > 0 ? duty.topics : duty.hardActs), duty);
    return;
  }
  if (duty.topics.length > 0) {
    // In a demand that asks for help, unmarked steps (收集线索后转交执法中队) are part of that help.
    if (!explicit && context.assists) {
      into.followOn.push(ev);
      return;
    }
    if (explicit || (!duty.supportOnly && duty.statutory.length === 0)) {
      addForbidden(into, mentionsOf(duty, duty.topics), duty);
      return;
    }
    if (duty.statutory.length > 0) return addStatutory(into, duty, duty.statutory);
    into.unlisted.push(ev);
    return;
  }
  if (duty.statutory.length > 0) return addStatutory(into, duty, duty.statutory);
  // A step with no object of its own (负责会议通知, 提供活动场地) belongs to the statutory work named beside it.
  const nearbyStatutory = reading.sentenceStatutory.get(duty.sentence) ?? reading.sentenceStatutory.get(duty.sentence - 1) ?? [];
  if (nearbyStatutory.length > 0 && !hasNearbyForbidden(reading, duty)) return addStatutory(into, duty, nearbyStatutory);
  if (!explicit && context.assists) {
    into.followOn.push(ev);
    return;
  }
  // The work's subject may sit in the clause before (…存在占道经营问题，请你社区负责清理), the sentence before, or the title.
  const nearby = reading.neutralTopics.get(duty.sentence) ?? earlierDutyTopics(reading, duty) ?? reading.neutralTopics.get(duty.sentence - 1) ?? [];
  const borrowed = nearby.length > 0 ? mentionsOf(duty, nearby) : context.titleTopics;
  if (borrowed.length > 0 && (explicit || !duty.supportOnly)) {
    addForbidden(into, borrowed, duty);
    return;
  }
  if (explicit) into.unlisted.push(ev);
  else into.followOn.push(ev);
}

/** Topics of the community's earlier predicates in the same sentence (完成秸秆禁烧宣传，并安排人员值守). */
function earlierDutyTopics(reading: DutyReading, duty: CommunityDuty): Hit[] | undefined {
  const topics = reading.duties
    .filter((d) => d !== duty && d.scan === duty.scan && d.sentence === duty.sentence && d.start < duty.start && d.role !== 'assist')
    .flatMap((d) => d.topics);
  return topics.length > 0 ? topics : undefined;
}

function hasNearbyForbidden(reading: DutyReading, duty: CommunityDuty): boolean {
  return (reading.neutralTopics.get(duty.sentence) ?? []).length > 0;
}

function addForbidden(into: DutyClasses, mentions: AreaMention[], duty: CommunityDuty): void {
  for (const { area, evidence } of mentions) {
    const list = into.forbidden.get(area) ?? [];
    if (list.length === 0) list.push(duty.evidence);
    if (!list.some((e) => e.field === evidence.field && e.start === evidence.start)) list.push(evidence);
    into.forbidden.set(area, list);
  }
}

function addStatutory(into: DutyClasses, duty: CommunityDuty, hits: readonly Hit[]): void {
  for (const hit of hits) {
    if (hit.tag.kind !== 'statutory') continue;
    const list = into.statutory.get(hit.tag.id) ?? [];
    list.push(evidenceOf(duty.scan, hit.start, hit.end));
    into.statutory.set(hit.tag.id, list);
  }
}
