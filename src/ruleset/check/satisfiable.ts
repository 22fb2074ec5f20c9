/**
 * Can a decision rule ever fire? Every fact the rules read has a small domain (booleans, the role and review
 * enums, list ids, counts 0/1/2), so satisfiability is settled by brute force: enumerate every combination of the
 * facts a rule reads and run the engine's own compiled predicate on it (so operators mean exactly what they mean
 * at run time).
 *
 * Array facts range over their possible members. Only members a condition names can make a difference, so the
 * enumeration takes those (when valid) plus two members no condition names, in arrays of 0, 1 or 2 distinct
 * members (counts 0/1/2), and longer arrays only where a condition on the count asks for them; the matching
 * count fact is always the array's length.
 */
import { AREA_CODES, type ConditionJson, type DecisionRule, type FactValue } from '../schema.ts';
import { STREET_REVIEW_STATUSES } from '../../contract/evaluate-request.ts';
import { FACT_NAMES, type FactName } from '../../engine/facts/names.ts';
import { compileCondition, factsReadBy } from '../../engine/rules/compile.ts';
import type { DecisionFacts } from '../../engine/types.ts';

/** The roles assembleFacts can give (DecisionFacts.communityRole). */
export const COMMUNITY_ROLE_FACTS: readonly DecisionFacts['communityRole'][] = ['responsible', 'assist', 'informational', 'unclear', 'none'];

/** What a fact can hold. Members of an open list (`openPrefix`) are any string with that prefix, besides `members`. */
export type FactDomain =
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; members: readonly string[]; openPrefix?: string }
  | { kind: 'count'; of: FactName };

export interface ListIds {
  negativeList: readonly string[];
  cancelledCertificates: readonly string[];
}

/** Every fact the rules may read, with its domain. A Record over FactName: a new fact will not compile without one. */
export function factDomains(ids: ListIds): Record<FactName, FactDomain> {
  return {
    addressed: { kind: 'boolean' },
    oneVoteVeto: { kind: 'boolean' },
    forbiddenAreas: { kind: 'list', members: AREA_CODES },
    forbiddenAreaCount: { kind: 'count', of: 'forbiddenAreas' },
    negativeListItems: { kind: 'list', members: ids.negativeList },
    negativeListCount: { kind: 'count', of: 'negativeListItems' },
    // Certificates no list names are reported as "ad-hoc:<name>证明" (engine/read/certificates.ts).
    disallowedCertificates: { kind: 'list', members: ids.cancelledCertificates, openPrefix: 'ad-hoc:' },
    disallowedCertificateCount: { kind: 'count', of: 'disallowedCertificates' },
    communityRole: { kind: 'enum', values: COMMUNITY_ROLE_FACTS },
    assists: { kind: 'boolean' },
    responsibleUnlisted: { kind: 'boolean' },
    statutoryDuty: { kind: 'boolean' },
    funded: { kind: 'boolean' },
    fundingRefused: { kind: 'boolean' },
    streetReview: { kind: 'enum', values: STREET_REVIEW_STATUSES },
  };
}

type World = Record<string, FactValue>;

/**
 * Facts that assembleFacts (engine/facts/assemble.ts) always produces together; a world breaking one cannot
 * occur. Kept to the few that follow directly from how the facts are computed.
 */
const INVARIANTS: Array<{ facts: readonly FactName[]; holds: (w: World) => boolean; says: string }> = [
  { facts: ['addressed', 'communityRole'], holds: (w) => (w.addressed === false) === (w.communityRole === 'none'), says: 'communityRole is "none" exactly when addressed is false' },
  { facts: ['addressed', 'assists'], holds: (w) => w.assists !== true || w.addressed === true, says: 'assists implies addressed' },
];

/** The fact names whose values must be enumerated together with `read` (count ↔ list, invariant partners). */
function closure(read: Iterable<string>, domains: Record<FactName, FactDomain>): FactName[] {
  const known = new Set<string>(FACT_NAMES);
  const out = new Set<FactName>();
  const queue = [...read].filter((f): f is FactName => known.has(f));
  while (queue.length > 0) {
    const fact = queue.pop()!;
    if (out.has(fact)) continue;
    out.add(fact);
    const domain = domains[fact];
    if (domain.kind === 'count') queue.push(domain.of);
    if (domain.kind === 'list') {
      for (const [name, d] of Object.entries(domains)) if (d.kind === 'count' && d.of === fact) queue.push(name as FactName);
    }
    for (const inv of INVARIANTS) if (inv.facts.includes(fact)) queue.push(...inv.facts);
  }
  return [...out];
}

/** Values each leaf condition compares a fact with: the members that matter for a list fact. */
function valuesNamed(condition: ConditionJson, into = new Map<string, Set<FactValue>>()): Map<string, Set<FactValue>> {
  if ('all' in condition) condition.all.forEach((c) => valuesNamed(c, into));
  else if ('any' in condition) condition.any.forEach((c) => valuesNamed(c, into));
  else if ('not' in condition) valuesNamed(condition.not, into);
  else {
    const set = into.get(condition.fact) ?? new Set();
    for (const v of Array.isArray(condition.value) ? condition.value : [condition.value]) set.add(v);
    into.set(condition.fact, set);
  }
  return into;
}

function isMember(domain: Extract<FactDomain, { kind: 'list' }>, value: FactValue): value is string {
  return typeof value === 'string' && (domain.members.includes(value) || (domain.openPrefix !== undefined && value.startsWith(domain.openPrefix)));
}

/**
 * The arrays a list fact is tried with: every array of 0, 1 or 2 distinct members drawn from the valid members
 * conditions name and two members none names; and, for each larger length a condition on the count makes
 * relevant (count > 4 → 4 and 5), two arrays of that length: one holding as many named members as it can, one as
 * few. Lengths the domain cannot reach (more members than it has) are not tried.
 */
function listValues(
  domain: Extract<FactDomain, { kind: 'list' }>,
  namedMembers: Set<FactValue> | undefined,
  namedCounts: Set<FactValue>,
): string[][] {
  const named = [...(namedMembers ?? [])].filter((v): v is string => isMember(domain, v));
  const fresh = (n: number): string[] => {
    const closed = domain.members.filter((m) => !named.includes(m)).slice(0, n);
    if (domain.openPrefix === undefined) return closed;
    for (let i = 1; closed.length < n; i++) closed.push(`${domain.openPrefix}(other-${i})`);
    return closed;
  };
  const candidates = [...named, ...fresh(2)];
  const arrays: string[][] = [[]];
  candidates.forEach((a, i) => {
    arrays.push([a]);
    for (const b of candidates.slice(i + 1)) arrays.push([a, b]);
  });
  const lengths = new Set<number>();
  for (const v of namedCounts) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    for (const n of [Math.floor(v) - 1, Math.floor(v), Math.floor(v) + 1, Math.ceil(v)]) if (n > 2) lengths.add(n);
  }
  for (const n of [...lengths].sort((a, b) => a - b)) {
    if (n > 10_000) continue;
    const most = [...named, ...fresh(n)].slice(0, n);
    const least = [...fresh(n), ...named].slice(0, n);
    for (const arr of [most, least]) if (arr.length === n && new Set(arr).size === n) arrays.push(arr);
  }
  return arrays;
}

/** One enumeration variable: a fact, or a list fact with its count, and the values it takes. */
interface Variable {
  facts: FactName[];
  values: World[];
}

function variablesFor(facts: FactName[], domains: Record<FactName, FactDomain>, named: Map<string, Set<FactValue>>): Variable[] {
  const vars: Variable[] = [];
  const done = new Set<FactName>();
  for (const fact of facts) {
    if (done.has(fact)) continue;
    const domain = domains[fact];
    if (domain.kind === 'boolean') vars.push({ facts: [fact], values: [{ [fact]: false }, { [fact]: true }] });
    else if (domain.kind === 'enum') vars.push({ facts: [fact], values: domain.values.map((v) => ({ [fact]: v })) });
    else {
      const list = domain.kind === 'list' ? fact : domain.of;
      const listDomain = domains[list] as Extract<FactDomain, { kind: 'list' }>;
      const counts = (Object.keys(domains) as FactName[]).filter((f) => {
        const d = domains[f];
        return d.kind === 'count' && d.of === list;
      });
      const namedCounts = new Set(counts.flatMap((c) => [...(named.get(c) ?? [])]));
      const arrays = listValues(listDomain, named.get(list), namedCounts);
      vars.push({
        facts: [list, ...counts],
        values: arrays.map((arr) => Object.fromEntries([[list, arr], ...counts.map((c) => [c, arr.length])])),
      });
      done.add(list);
      counts.forEach((c) => done.add(c));
    }
    done.add(fact);
  }
  return vars;
}

function* worlds(vars: Variable[], at = 0, acc: World = {}): Generator<World> {
  if (at === vars.length) {
    yield acc;
    return;
  }
  for (const value of vars[at]!.values) yield* worlds(vars, at + 1, { ...acc, ...value });
}

function possible(world: World): boolean {
  return INVARIANTS.every((inv) => inv.facts.some((f) => !(f in world)) || inv.holds(world));
}

/** Every leaf condition, with a path for messages ("all[1].any[0]"). */
function leaves(condition: ConditionJson, path = 'conditions'): Array<{ path: string; leaf: Extract<ConditionJson, { fact: string }> }> {
  if ('all' in condition) return condition.all.flatMap((c, i) => leaves(c, `${path}.all[${i}]`));
  if ('any' in condition) return condition.any.flatMap((c, i) => leaves(c, `${path}.any[${i}]`));
  if ('not' in condition) return leaves(condition.not, `${path}.not`);
  return [{ path, leaf: condition }];
}

export interface RuleSatisfiability {
  rule: string;
  /** A combination of facts that makes the rule fire, when there is one. */
  witness?: World;
  /** Leaf conditions that hold for no possible value of their fact. */
  deadLeaves: string[];
  /** perItemOf names an array that can be empty while the rule fires: it would fire and emit no reason. */
  emptyPerItem?: World;
  /** How many fact combinations were tried. */
  tried: number;
}

function describeDomain(fact: string, domains: Record<FactName, FactDomain>): string {
  const d = domains[fact as FactName];
  if (!d) return 'unknown fact';
  if (d.kind === 'boolean') return 'true | false';
  if (d.kind === 'enum') return d.values.map((v) => JSON.stringify(v)).join(' | ');
  if (d.kind === 'count') return `0 | 1 | 2 (length of ${d.of})`;
  return `arrays of ${d.members.length} list ids${d.openPrefix ? ` or "${d.openPrefix}…"` : ''}`;
}

export function checkSatisfiable(rule: DecisionRule, domains: Record<FactName, FactDomain>): RuleSatisfiability {
  const read = factsReadBy(rule.conditions);
  const perItem = rule.event.params.perItemOf;
  const facts = closure(perItem ? [...read, perItem] : read, domains);
  const named = valuesNamed(rule.conditions);
  const vars = variablesFor(facts, domains, named);
  const matches = compileCondition(rule.conditions);

  let witness: World | undefined;
  let emptyPerItem: World | undefined;
  let tried = 0;
  for (const world of worlds(vars)) {
    if (!possible(world)) continue;
    tried++;
    if (!matches(world)) continue;
    witness ??= world;
    if (perItem && Array.isArray(world[perItem]) && (world[perItem] as unknown[]).length === 0) emptyPerItem ??= world;
    if (!perItem || emptyPerItem) break;
  }

  const deadLeaves: string[] = [];
  for (const { path, leaf } of leaves(rule.conditions)) {
    const leafVars = variablesFor(closure([leaf.fact], domains), domains, valuesNamed(leaf));
    const test = compileCondition(leaf);
    let holds = false;
    for (const world of worlds(leafVars)) {
      if (possible(world) && test(world)) {
        holds = true;
        break;
      }
    }
    if (!holds) {
      deadLeaves.push(
        `${path}: ${leaf.fact} ${leaf.operator} ${JSON.stringify(leaf.value)} can never hold (${leaf.fact} is ${describeDomain(leaf.fact, domains)})`,
      );
    }
  }
  return { rule: rule.name, witness, deadLeaves, emptyPerItem, tried };
}

export const FACT_INVARIANTS = INVARIANTS.map((i) => i.says);
