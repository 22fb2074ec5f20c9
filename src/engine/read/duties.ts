/**
 * Reads what a text asks of the community: who is the actor of each predicate (the community, or a department,
 * street or other unit), in which role (responsible, assisting, only informed, or simply told to do something),
 * whether a negation governs it, and what the predicate covers (area topics, hard acts, list items).
 *
 * Chinese notices drop the subject after its first mention, so a clause without an actor inherits the previous
 * clause's; at the start of a sentence the actor is the community, to whom every demand is addressed.
 */
import type { AreaCode } from '../../ruleset/schema.ts';
import type { Evidence } from '../types.ts';
import { cancelledCue, coveredBy, evidenceOf, isNegated, overlappedByLonger, type FieldScan, type Hit } from './scan.ts';
import type { TagKind } from '../lexicon.ts';

export type DutyRole = 'responsible' | 'assist' | 'informational' | 'do';

export interface CommunityDuty {
  role: DutyRole;
  scan: FieldScan;
  sentence: number;
  /** The text the predicate covers: from its actor (or the clause start) to the next predicate. */
  start: number;
  end: number;
  /** Actor mention (when explicit) through the last anchor. */
  evidence: Evidence;
  /** A responsibility marker (负责, 责任主体, 属地责任…) is part of the predicate. */
  responsibilityMarker: boolean;
  /** Acts that make their doer the party responsible for an area (拆除, 罚款…). */
  hardActs: Hit[];
  /** Every requested action only informs or persuades (宣传, 动员…). */
  supportOnly: boolean;
  topics: Hit[];
  statutory: Hit[];
  assistance: Hit[];
  /** The actor is named in the predicate's own clause (not inherited from an earlier one). */
  namedActor: boolean;
}

export interface DutyReading {
  duties: CommunityDuty[];
  /** Area topics of clauses with no actor and no predicate ("关于辖区违建拆除工作"), per sentence. */
  neutralTopics: Map<number, Hit[]>;
  /** Statutory-duty phrases anywhere in each sentence: the work a bare step (负责会议通知) belongs to. */
  sentenceStatutory: Map<number, Hit[]>;
  /** Every area topic or act of the field, negated or not, per sentence: the context of assistance. */
  sentenceAreas: Map<number, Hit[]>;
  /** Assistance-by-law items named anywhere in each sentence: what the community's help is for. */
  sentenceAssistance: Map<number, Hit[]>;
}

const AGENT_KINDS: readonly TagKind[] = ['community', 'notCommunity', 'otherAgent', 'people'];
const AGENTS = new Set<TagKind>(AGENT_KINDS);
/** How close a predicate must follow a mention of people for them to be its subject (居民积极参与). */
const PEOPLE_REACH = 3;
/** Longer phrases an actor word can sit inside without acting (居民 in 居民公约, 城管 in 城管执法队员 is still one). */
const NAMING_KINDS: readonly TagKind[] = ['statutory', 'assistance', 'areaTopic', 'notAction', 'certificate'];
const ANCHOR_KINDS: readonly TagKind[] = ['responsible', 'assist', 'weakAssist', 'informational', 'action', 'supportAction', 'areaAct', 'quotaMarker'];
const ANCHORS = new Set<TagKind>(ANCHOR_KINDS);
/** The kinds this reader looks at; the others (negative-list words, funding, paperwork…) are other readers'. */
const READ = new Set<TagKind>([
  ...AGENT_KINDS, ...ANCHOR_KINDS, ...NAMING_KINDS,
  'negBefore', 'negAfter', 'negClause', 'scopeBreaker', 'objectMarker', 'imperative', 'byMarker', 'lightVerb', 'weakAssist', 'purpose',
]);
/** Inside 《…》 is a document's name: its words neither act nor ask (转发《…实施办法》); its topics still count. */
function outsideBookTitles(hits: Hit[], scan: FieldScan): Hit[] {
  const text = scan.folded;
  if (hits.length === 0 || !text.includes('《')) return hits;
  return hits.filter((h) => {
    if (h.tag.kind === 'areaTopic' || h.tag.kind === 'statutory' || h.tag.kind === 'assistance') return true;
    const open = text.lastIndexOf('《', h.start);
    if (open < 0) return true;
    const close = text.indexOf('》', open);
    return close >= 0 && close < h.start;
  });
}

function relevantHits(clauseHits: readonly Hit[]): Hit[] {
  return clauseHits.filter((h) => READ.has(h.tag.kind));
}

/**
 * Whether a hit takes part in reading predicates: not inside a unit's or person's name, not inside a noun that
 * only looks like a verb (社会组织), not the shorter of two predicate words one inside the other (特此告知 / 告知),
 * and not an area word inside a unit's name (综合行政执法队).
 */
function isUsable(h: Hit, hits: readonly Hit[], agents: readonly Hit[]): boolean {
  for (const a of agents) if (a.start <= h.start && h.end <= a.end) return false;
  const kind = h.tag.kind;
  if (ANCHORS.has(kind)) {
    for (const n of hits) if (n.tag.kind === 'notAction' && n.start <= h.start && h.end <= n.end) return false;
    if (coveredBy(h, hits, ANCHOR_KINDS)) return false;
  }
  if ((kind === 'areaTopic' || kind === 'areaAct') && overlappedByLonger(h, hits, UNIT_KINDS)) return false;
  // 税费征收: the longer topic names the area, not 征收 inside it.
  if (kind === 'areaTopic' && coveredBy(h, hits, TOPIC_KINDS)) return false;
  return true;
}
const UNIT_KINDS: readonly TagKind[] = ['otherAgent', 'notCommunity'];
const TOPIC_KINDS: readonly TagKind[] = ['areaTopic'];

/** The community, another unit, or (after a purpose clause) nobody in particular: a description, not a demand. */
type Actor = { community: true; mention: Hit | null } | { community: false; mention: Hit | null };

interface Group {
  actor: Actor;
  /** The actor is named, or addressed with 请/要求: a weak assisting word (参与) then means the community helps. */
  addressed: boolean;
  named: boolean;
  negated: boolean;
  start: number;
  anchors: Hit[];
}

export function readDuties(scan: FieldScan): DutyReading {
  const duties: CommunityDuty[] = [];
  const neutralTopics = new Map<number, Hit[]>();
  const sentenceStatutory = new Map<number, Hit[]>();
  const sentenceAreas = new Map<number, Hit[]>();
  const sentenceAssistance = new Map<number, Hit[]>();
  let sentence = -1;
  let carried: Actor = { community: true, mention: null };

  // Plain loops, no closures per clause: this runs for every clause of every demand.
  for (let index = 0; index < scan.clauses.length; index++) {
    const clause = scan.clauses[index]!;
    if (clause.sentence !== sentence) {
      sentence = clause.sentence;
      carried = { community: true, mention: null };
    }
    const hits = outsideBookTitles(relevantHits(scan.byClause[index]!), scan);
    const agents: Hit[] = [];
    for (const h of hits) {
      if (AGENTS.has(h.tag.kind) && !overlappedByLonger(h, hits, AGENT_KINDS) && !coveredBy(h, hits, NAMING_KINDS)) agents.push(h);
    }
    const usable: Hit[] = [];
    let hasAnchor = false;
    let hasPurpose = false;
    let hasNegClause = false;
    let hasNegBefore = false;
    let hasNegAfter = false;
    for (const h of hits) {
      const kind = h.tag.kind;
      if (kind === 'purpose' && h.start <= clause.start + 1) hasPurpose = true;
      else if (kind === 'negClause') hasNegClause = true;
      else if (kind === 'negBefore') hasNegBefore = true;
      else if (kind === 'negAfter') hasNegAfter = true;
      if (AGENTS.has(kind) || !isUsable(h, hits, agents)) continue;
      usable.push(h);
      if (ANCHORS.has(kind)) hasAnchor = true;
      if (kind === 'areaTopic' || kind === 'areaAct') push(sentenceAreas, sentence, h);
      else if (kind === 'statutory') push(sentenceStatutory, sentence, h);
      else if (kind === 'assistance') push(sentenceAssistance, sentence, h);
    }

    const groups: Group[] = [];
    let pending: Hit | null = null;
    let negCue: Hit | null = null;
    let open: Group | null = null;
    let lastAnchorEnd = clause.start;
    // Both lists keep the clause's order (start, then longer first); merging them needs no sort.
    const ordered = mergeOrdered(agents, usable);
    // 请社区依法担任监护人: with no predicate word, a statutory duty's name is the predicate.
    const namesDuty = !hasAnchor;
    for (const hit of ordered) {
      const kind = hit.tag.kind;
      if (AGENTS.has(kind)) {
        if (isObjectMention(hit, hits, lastAnchorEnd)) continue;
        if (kind === 'people' && !predicateFollows(hit, usable, scan)) continue;
        pending = hit;
        open = null;
      } else if (kind === 'negBefore') {
        if (cancelledCue(hit, hits)) continue;
        negCue = hit;
        open = null;
      } else if (kind === 'scopeBreaker') {
        negCue = null;
      } else if (kind === 'imperative') {
        // 区人社局请协助…: the unit before 请 is the one asking; the one asked is the reader, the community.
        if (pending && !isCommunity(pending) && hit.start - pending.end <= 1) pending = null;
      } else if (ANCHORS.has(kind) || (namesDuty && kind === 'statutory')) {
        lastAnchorEnd = Math.max(lastAnchorEnd, hit.end);
        if (open && !pending) {
          open.anchors.push(hit);
          continue;
        }
        const imperative = addressedByImperative(hit, hits);
        const actor: Actor = !pending
          ? imperative || kind === 'informational'
            ? { community: true, mention: null }
            : carried
          : isCommunity(pending)
            ? { community: true, mention: pending }
            : { community: false, mention: pending };
        open = {
          actor,
          addressed: pending !== null || imperative,
          named: pending !== null,
          negated: negCue !== null,
          start: groups.length === 0 ? clause.start : (pending?.start ?? hit.start),
          anchors: [hit],
        };
        groups.push(open);
        carried = actor;
        pending = null;
        negCue = null;
      }
    }

    // Topic first, actor after: "违法建设拆除由区城管局负责" — what precedes the first named actor is that actor's.
    let firstNamed = -1;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g]!.named) {
        firstNamed = g;
        break;
      }
    }
    if (firstNamed > 0) {
      const named = groups[firstNamed]!;
      named.start = clause.start;
      for (let g = 0; g < firstNamed; g++) named.anchors.push(...groups[g]!.anchors);
      groups.splice(0, firstNamed);
      carried = groups[groups.length - 1]!.actor;
    }
    // A named actor in a clause with no predicate stays the subject of the next clause (区城管局为每个社区提供材料，并配备…).
    if (pending && groups.length === 0) carried = isCommunity(pending) ? { community: true, mention: pending } : { community: false, mention: pending };
    // 为深入贯彻落实…, 据统计…: a clause that states a purpose or a fact asks nothing; and after it, a clause with no
    // one named or addressed (为保障…，本次抽检覆盖…) describes rather than asks.
    if (hasPurpose) carried = { community: false, mention: null };
    if (groups.length === 0) {
      if (!hasNegBefore && !hasNegClause) {
        for (const h of usable) if (h.tag.kind === 'areaTopic') push(neutralTopics, sentence, h);
      }
      continue;
    }
    const clauseNegated = hasPurpose || hasNegClause;
    // …责任书同时废止: an after-cue negates the predicate before it.
    if (hasNegAfter) {
      for (const group of groups) {
        const last = group.anchors[group.anchors.length - 1]!;
        if (!group.negated && isNegated(last, scan.byClause[index]!) && followedByAfterCue(last, hits)) group.negated = true;
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (!group.actor.community || group.negated || clauseNegated) continue;
      const end = g + 1 < groups.length ? groups[g + 1]!.start : clause.end;
      duties.push(toDuty(scan, sentence, group, end, usable));
    }
  }
  return { duties, neutralTopics, sentenceStatutory, sentenceAreas, sentenceAssistance };
}

function followedByAfterCue(last: Hit, hits: readonly Hit[]): boolean {
  for (const h of hits) if (h.tag.kind === 'negAfter' && h.start >= last.end) return true;
  return false;
}

function toDuty(scan: FieldScan, sentence: number, group: Group, end: number, usable: Hit[]): CommunityDuty {
  const anchors = group.anchors;
  const topics: Hit[] = [];
  const statutory: Hit[] = [];
  const assistance: Hit[] = [];
  const support: Hit[] = [];
  const light: Hit[] = [];
  for (const h of usable) {
    if (h.start < group.start || h.end > end) continue;
    switch (h.tag.kind) {
      case 'areaTopic': topics.push(h); break;
      case 'statutory': statutory.push(h); break;
      case 'assistance': assistance.push(h); break;
      case 'supportAction': support.push(h); break;
      case 'lightVerb': light.push(h); break;
    }
  }
  const sameSpan = (list: readonly Hit[], h: Hit) => list.some((o) => o.start === h.start && o.end === h.end);
  const actions = anchors.filter((h) => (h.tag.kind === 'action' || h.tag.kind === 'supportAction') && !sameSpan(light, h));
  const isSupport = (h: Hit) => h.tag.kind === 'supportAction' || sameSpan(support, h);
  const hardActs = anchors.filter((h) => h.tag.kind === 'areaAct');
  const mention = group.named ? group.actor.mention : null;
  let anchorStart = Infinity;
  let evidenceEnd = 0;
  for (const h of anchors) {
    if (h.start < anchorStart) anchorStart = h.start;
    if (h.end > evidenceEnd) evidenceEnd = h.end;
  }
  const evidenceStart = mention ? Math.min(mention.start, anchorStart) : anchorStart;
  return {
    role: roleOf(anchors, group.addressed),
    scan,
    sentence,
    start: group.start,
    end,
    evidence: evidenceOf(scan, evidenceStart, evidenceEnd),
    responsibilityMarker: anchors.some((h) => h.tag.kind === 'responsible'),
    hardActs,
    supportOnly: actions.length > 0 && actions.every(isSupport),
    topics,
    statutory,
    assistance,
    namedActor: group.named,
  };
}

/**
 * The predicate's role. An assisting marker counts when it leads the predicate (协助…, 负责配合…); after another
 * action it is part of the object (组织居民参与…).
 */
function roleOf(anchors: Hit[], addressed: boolean): DutyRole {
  const isAssist = (h: Hit) => h.tag.kind === 'assist' || (h.tag.kind === 'weakAssist' && addressed);
  const firstAssist = anchors.findIndex(isAssist);
  if (firstAssist >= 0 && anchors.slice(0, firstAssist).every((h) => h.tag.kind === 'responsible')) return 'assist';
  if (anchors.some((h) => h.tag.kind === 'responsible' || h.tag.kind === 'areaAct')) return 'responsible';
  if (anchors.some((h) => h.tag.kind === 'action' || h.tag.kind === 'supportAction' || h.tag.kind === 'quotaMarker' || h.tag.kind === 'weakAssist')) return 'do';
  if (anchors.some((h) => h.tag.kind === 'informational')) return 'informational';
  return 'do';
}

/**
 * A mention after 到/对/向/协助… (with no predicate in between) is a place or an object, not the actor:
 * 请各社区对辖区商户进行劝离 — the community acts, the shops are acted on.
 */
function isObjectMention(mention: Hit, hits: readonly Hit[], since: number): boolean {
  if (hits.some((h) => (h.tag.kind === 'imperative' || h.tag.kind === 'byMarker') && h.end === mention.start)) return false; // 请各社区, 由社区
  // Inside a predicate phrase (通知居民, 组织居民): the object of that predicate.
  if (hits.some((h) => isKindOf(h, ANCHOR_KINDS) && h.start < mention.start && mention.end <= h.end)) return true;
  const from = Math.min(since, mention.start);
  return hits.some((h) => h.tag.kind === 'objectMarker' && h.end >= from && h.end <= mention.start);
}

function mergeOrdered(a: readonly Hit[], b: readonly Hit[]): Hit[] {
  const out: Hit[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    out[k++] = x.start < y.start || (x.start === y.start && x.end >= y.end) ? a[i++]! : b[j++]!;
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** People act only through a predicate word right after them (居民参与); an area act there (商户协税护税) is the topic. */
function predicateFollows(mention: Hit, usable: readonly Hit[], scan: FieldScan): boolean {
  if (scan.folded[mention.end] === '的') return false; // 居民的意见: a modifier, not a subject
  for (const a of usable) {
    if (ANCHORS.has(a.tag.kind) && a.tag.kind !== 'areaAct' && a.start >= mention.end && a.start - mention.end <= PEOPLE_REACH) return true;
  }
  return false;
}

/** 请/务必/要求 right before a predicate with no named actor speaks to the reader: the community. */
function addressedByImperative(anchor: Hit, hits: readonly Hit[]): boolean {
  // 请于周五前完成…: the request word may stand a few words before the predicate.
  return hits.some((h) => h.tag.kind === 'imperative' && h.end <= anchor.start && anchor.start - h.end <= IMPERATIVE_REACH);
}
const IMPERATIVE_REACH = 8;

function isCommunity(mention: Hit): boolean {
  return mention.tag.kind === 'community';
}

function isKindOf(hit: Hit, kinds: readonly TagKind[]): boolean {
  return kinds.includes(hit.tag.kind);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function areaOf(hit: Hit): AreaCode | null {
  return hit.tag.kind === 'areaTopic' || hit.tag.kind === 'areaAct' ? hit.tag.area : null;
}
