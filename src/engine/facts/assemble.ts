/**
 * Combines what the text says with what the request declares into the facts the rules read, keeping the
 * evidence behind each fact. Where the two disagree the stricter reading stands (contract, reading rule 2).
 */
import type { AreaCode, FactValue } from '../../ruleset/schema.ts';
import type { EvaluateRequest } from '../../contract/evaluate-request.ts';
import type { CompiledRuleSet } from '../rule-set.ts';
import type { DecisionFacts, Evidence, EvidenceField } from '../types.ts';
import { evidenceOf, hitsOfKind, isNegated, overlappedByLonger, scanField, type FieldScan } from '../read/scan.ts';
import { readDuties, areaOf, type DutyReading } from '../read/duties.ts';
import { readVeto } from '../read/veto.ts';
import { readFunding } from '../read/funding.ts';
import { readCertificates } from '../read/certificates.ts';
import { readNegativeList } from '../read/negative-list.ts';
import { readPaperwork } from '../read/paperwork.ts';
import { classifyDuties, emptyClasses, type AreaMention, type DutyClasses } from './classify.ts';
import type { FactName } from './names.ts';

const UNIT_KINDS = ['otherAgent', 'notCommunity'] as const;

export interface Findings {
  facts: Record<FactName, FactValue>;
  summary: DecisionFacts;
  classes: DutyClasses;
  veto: Evidence[];
  negative: Map<string, Evidence[]>;
  certificates: Map<string, Evidence[]>;
  fundingOffered: Evidence[];
  fundingRefused: Evidence[];
  units: Evidence[];
  paperwork: Evidence[];
}

function declared(field: EvidenceField, value: unknown): Evidence {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { field, start: 0, end: text.length, text };
}

/** Who the duty-list row names: the community as responsible, as assisting, or not at all. */
function unitRole(request: EvaluateRequest, ruleSet: CompiledRuleSet): { role: 'responsible' | 'assist' | null; evidence: Evidence[]; given: boolean } {
  const responsible = request.responsibleUnits ?? [];
  const assisting = request.assistingUnits ?? [];
  const given = responsible.length > 0 || assisting.length > 0;
  const namesCommunity = (unit: string) => {
    const scan = scanField('responsibleUnits', unit, ruleSet.matcher);
    return scan.hits.some(
      (h) => h.tag.kind === 'community' && !overlappedByLonger(h, scan.byClause[h.clause]!, ['notCommunity', 'otherAgent']),
    );
  };
  const r = responsible.findIndex(namesCommunity);
  if (r >= 0) return { role: 'responsible', evidence: [declared('responsibleUnits', responsible[r])], given };
  const a = assisting.findIndex(namesCommunity);
  if (a >= 0) return { role: 'assist', evidence: [declared('assistingUnits', assisting[a])], given };
  return { role: null, evidence: given ? [declared('responsibleUnits', responsible.join('、'))] : [], given };
}

export function assembleFacts(request: EvaluateRequest, ruleSet: CompiledRuleSet): Findings {
  const { matcher } = ruleSet;
  const scans: FieldScan[] = [];
  if (request.title) scans.push(scanField('title', request.title, matcher));
  if (request.description) scans.push(scanField('description', request.description, matcher));
  const conditionsScan = request.funding?.conditions ? scanField('funding.conditions', request.funding.conditions, matcher) : null;

  const units = unitRole(request, ruleSet);
  let addressed = !units.given || units.role !== null;
  const declaredRole = request.communityRole ?? units.role ?? undefined;

  // A forward that only asks 知悉 quotes its original after 附：…: the original's demands are on its addressees.
  const descriptionScan = scans.find((s) => s.field === 'description');
  const descriptionDuties = descriptionScan ? readDuties(descriptionScan) : null;
  const quoteStart = descriptionScan && descriptionDuties ? quotedFrom(descriptionScan, descriptionDuties) : Infinity;
  const outsideQuote = (e: Evidence) => e.field !== 'description' || e.start < quoteStart;
  if (descriptionDuties) descriptionDuties.duties = descriptionDuties.duties.filter((d) => d.start < quoteStart);

  // Signals read from every text field.
  const veto = scans.flatMap(readVeto).filter(outsideQuote);
  if (request.oneVoteVeto === true) veto.push(declared('oneVoteVeto', true));
  const fundingScans = conditionsScan ? [...scans, conditionsScan] : scans;
  const funding = fundingScans.map(readFunding);
  const fundingOffered = funding.flatMap((f) => f.offered).filter(outsideQuote);
  const fundingRefused = funding.flatMap((f) => f.refused).filter(outsideQuote);
  if ((request.funding?.amountYuan ?? 0) > 0) fundingOffered.push(declared('funding.amountYuan', request.funding!.amountYuan));
  const conditions = request.funding?.conditions?.trim();
  if (conditions && !conditionsScan!.hits.some((h) => h.tag.kind === 'fundingRefusal')) {
    fundingOffered.push(declared('funding.conditions', conditions));
  }
  const negative = new Map<string, Evidence[]>();
  for (const scan of scans) {
    for (const m of readNegativeList(scan, ruleSet.data)) {
      if (m.evidence.every(outsideQuote)) negative.set(m.id, [...(negative.get(m.id) ?? []), ...m.evidence]);
    }
  }
  const classes = emptyClasses();
  const certificates = new Map<string, Evidence[]>();
  const certificateEvidence: Evidence[] = [];
  for (const scan of scans) {
    for (const c of readCertificates(scan)) {
      if (!outsideQuote(c.evidence)) continue;
      certificateEvidence.push(c.evidence);
      if (c.allowed) classes.statutory.set(c.id, [...(classes.statutory.get(c.id) ?? []), c.evidence]);
      else certificates.set(c.id, [...(certificates.get(c.id) ?? []), c.evidence]);
    }
  }
  const paperwork = scans.flatMap(readPaperwork).filter(outsideQuote);
  const explained = [...veto, ...[...negative.values()].flat(), ...certificateEvidence];

  // Community predicates. A title is a name: with a description beside it, it lends its area topics as
  // context ("违建拆除" + "请于周五前完成") and counts only predicates whose actor it names itself.
  const description = scans.find((s) => s.field === 'description');
  const titleScan = scans.find((s) => s.field === 'title');
  const titleTopics: AreaMention[] = [];
  const titleReading = titleScan ? readDuties(titleScan) : null;
  const descriptionReading = descriptionDuties;
  if (titleScan && titleReading) {
    for (const hits of titleReading.sentenceAreas.values()) {
      for (const h of hits) {
        if (h.tag.kind === 'areaTopic') titleTopics.push({ area: areaOf(h)!, evidence: evidenceOf(titleScan, h.start, h.end) });
      }
    }
    if (description) titleReading.duties = titleReading.duties.filter((d) => d.namedActor);
  }
  // A duty-list row that names the community only as an assisting unit: the row's own work is the responsible
  // units'; what its text asks without naming anyone is the community's help with it.
  if (units.role === 'assist' && descriptionReading) {
    for (const duty of descriptionReading.duties) if (!duty.namedActor && duty.role !== 'informational') duty.role = 'assist';
  }
  // A duty-list row whose units name no community, but whose text names the community as the one who must do
  // what 9d forbids (各社区负责强制拆除): the stricter reading stands, and the row is addressed after all.
  let namedForbidden = false;
  if (!addressed) {
    const probe = emptyClasses();
    for (const reading of [titleReading, descriptionReading]) {
      if (!reading) continue;
      const named = { ...reading, duties: reading.duties.filter((d) => d.namedActor && d.role !== 'assist') };
      classifyDuties(named, { titleTopics: [], explained: [], assists: false }, probe);
    }
    namedForbidden = probe.forbidden.size > 0;
  }
  if (namedForbidden) addressed = true;
  const assistsAnywhere = declaredRole === 'assist'
    || [titleReading, descriptionReading].some((r) => r?.duties.some((d) => d.role === 'assist'));
  if (titleReading) classifyDuties(titleReading, { titleTopics: [], explained, assists: assistsAnywhere }, classes);
  if (descriptionReading) classifyDuties(descriptionReading, { titleTopics, explained, assists: assistsAnywhere }, classes);

  const assertedAreas = scans.flatMap((scan) =>
    [...hitsOfKind(scan, 'areaTopic'), ...hitsOfKind(scan, 'areaAct')]
      // 城管 inside 区城管局 names a unit, not the work.
      .filter((h) => !isNegated(h, scan.byClause[h.clause]!) && !overlappedByLonger(h, scan.byClause[h.clause]!, UNIT_KINDS))
      .map((h) => ({ area: areaOf(h)!, evidence: evidenceOf(scan, h.start, h.end) })),
  );
  const roleEvidence = request.communityRole ? declared('communityRole', request.communityRole) : units.evidence[0];
  applyDeclared(request, declaredRole, roleEvidence, assertedAreas, ruleSet, classes, negative, certificates);

  // "Do X" steps with no object of their own belong to the work around them; alone, they are a new duty.
  const hasOtherWork = classes.forbidden.size > 0 || classes.assist.length > 0 || classes.statutory.size > 0
    || classes.unlisted.length > 0 || negative.size > 0 || certificates.size > 0 || veto.length > 0;
  if (!hasOtherWork && classes.followOn.length > 0) classes.unlisted.push(...classes.followOn);

  const forbiddenAreas = [...classes.forbidden.keys()];
  const assists = classes.assist.length > 0;
  const responsibleUnlisted = classes.unlisted.length > 0;
  const statutoryDuty = classes.statutory.size > 0;
  const communityRole: DecisionFacts['communityRole'] = !addressed
    ? 'none'
    : forbiddenAreas.length > 0 || responsibleUnlisted
      ? 'responsible'
      : classes.assist.length > 0
        ? 'assist'
        : statutoryDuty
          ? 'responsible'
          : classes.informational.length > 0
            ? 'informational'
            : negative.size > 0 || certificates.size > 0 || veto.length > 0
              ? 'responsible'
              : 'unclear';
  const streetReview = request.streetReview?.status ?? 'none';
  const areas = new Set<AreaCode>([...(request.areas ?? []), ...classes.mentionedAreas, ...forbiddenAreas, ...classes.assistAreas]);
  const listItems = new Set<string>([
    ...(request.listItem && ruleSet.listEntries.has(request.listItem) ? [request.listItem] : []),
    ...classes.statutory.keys(),
    ...classes.assistanceItems,
    ...negative.keys(),
    ...[...certificates.keys()].filter((id) => ruleSet.listEntries.has(id)),
  ]);

  const facts: Record<FactName, FactValue> = {
    addressed,
    oneVoteVeto: veto.length > 0,
    forbiddenAreas,
    forbiddenAreaCount: forbiddenAreas.length,
    negativeListItems: [...negative.keys()],
    negativeListCount: negative.size,
    disallowedCertificates: [...certificates.keys()],
    disallowedCertificateCount: certificates.size,
    communityRole,
    assists: addressed && assists,
    responsibleUnlisted,
    statutoryDuty,
    funded: fundingOffered.length > 0,
    fundingRefused: fundingRefused.length > 0,
    streetReview,
  };
  const summary: DecisionFacts = {
    communityRole,
    areas: [...areas],
    oneVoteVeto: veto.length > 0,
    funded: fundingOffered.length > 0 && fundingRefused.length === 0,
    streetReview,
    listItems: [...listItems],
    addressed,
    forbiddenAreas,
    negativeListItems: [...negative.keys()],
    certificates: [...certificates.keys()],
    fundingRefused: fundingRefused.length > 0,
    statutoryDuty,
  };
  return { facts, summary, classes, veto, negative, certificates, fundingOffered, fundingRefused, units: units.evidence, paperwork };
}

function quotedFrom(scan: FieldScan, reading: DutyReading): number {
  const marker = scan.hits.find((h) => h.tag.kind === 'quoteMarker');
  if (!marker) return Infinity;
  const before = reading.duties.filter((d) => d.start < marker.start);
  const onlyInformed = before.length > 0 && before.every((d) => d.role === 'informational');
  return onlyInformed ? marker.start : Infinity;
}

/** Declared role, areas and list item join the text's reading; the stricter reading stands. */
function applyDeclared(
  request: EvaluateRequest,
  role: EvaluateRequest['communityRole'],
  declaredRoleEvidence: Evidence | undefined,
  assertedAreas: AreaMention[],
  ruleSet: CompiledRuleSet,
  classes: DutyClasses,
  negative: Map<string, Evidence[]>,
  certificates: Map<string, Evidence[]>,
): void {
  const declaredAreas = request.areas ?? [];
  const roleEvidence = declaredRoleEvidence ?? declared('communityRole', role ?? '');
  const entry = request.listItem ? ruleSet.listEntries.get(request.listItem) : undefined;
  const itemEvidence = request.listItem ? declared('listItem', request.listItem) : null;

  if (entry && itemEvidence) {
    if (entry.list === 'negative-list') negative.set(entry.id, [...(negative.get(entry.id) ?? []), itemEvidence]);
    if (entry.list === 'certificates-cancelled') certificates.set(entry.id, [...(certificates.get(entry.id) ?? []), itemEvidence]);
    if (entry.list === 'assistance-by-law') classes.assistanceItems.add(entry.id);
  }
  const claimsStatutory = entry?.list === 'statutory-duties' || entry?.list === 'certificates-retained';

  if (role === 'responsible') {
    for (const area of declaredAreas) addDeclaredArea(classes, area, roleEvidence);
    // Declared the responsible party for work the text places in a forbidden area: 9d, whoever the text names.
    if (declaredAreas.length === 0 && classes.forbidden.size === 0 && classes.statutory.size === 0) {
      for (const { area, evidence } of assertedAreas) {
        const list = classes.forbidden.get(area) ?? [roleEvidence];
        list.push(evidence);
        classes.forbidden.set(area, list);
      }
      if (classes.forbidden.size > 0) classes.unlisted.length = 0;
    }
    if (declaredAreas.length === 0 && classes.forbidden.size === 0 && classes.statutory.size === 0 && classes.unlisted.length === 0) {
      if (claimsStatutory && itemEvidence) classes.statutory.set(entry!.id, [itemEvidence]);
      else if (negative.size === 0 && certificates.size === 0) classes.unlisted.push(roleEvidence);
    }
  } else if (role === 'assist') {
    if (classes.forbidden.size === 0) {
      classes.assist.push(roleEvidence);
      for (const area of declaredAreas) classes.assistAreas.add(area);
    }
  } else {
    // No declared role, or "informational": declared areas make the text's own duties stricter.
    if (declaredAreas.length > 0 && classes.unlisted.length > 0) {
      for (const area of declaredAreas) addDeclaredArea(classes, area, classes.unlisted[0]!);
      classes.unlisted.length = 0;
    }
    for (const area of declaredAreas) classes.assistAreas.add(area);
    if (role === 'informational' && classes.informational.length === 0) classes.informational.push(roleEvidence);
    if (entry?.list === 'assistance-by-law' && classes.assist.length === 0 && classes.forbidden.size === 0) {
      classes.assist.push(itemEvidence!);
    }
  }
  if (claimsStatutory && role !== 'responsible' && classes.unlisted.length > 0 && classes.forbidden.size === 0) {
    classes.statutory.set(entry!.id, [itemEvidence!]);
    classes.followOn.push(...classes.unlisted);
    classes.unlisted.length = 0;
  }
  if (claimsStatutory && classes.followOn.length > 0 && classes.statutory.size === 0 && classes.forbidden.size === 0) {
    classes.statutory.set(entry!.id, [itemEvidence!]);
  }
}

function addDeclaredArea(classes: DutyClasses, area: AreaCode, evidence: Evidence): void {
  const list = classes.forbidden.get(area) ?? [];
  list.push(evidence, declared('areas', area));
  classes.forbidden.set(area, list);
}
