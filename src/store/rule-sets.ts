/**
 * Every rule set that made a recorded decision, kept in D1 (table rule_sets) so each decision names a rule set that
 * can still be fetched (GET /api/v1/rules/:version) after the Worker moved on to another one.
 *
 * The batches that record a decision (createRequest, reviseRequest, approvals in transition) add the INSERT OR
 * IGNORE from ruleSetInsert(). The content is the validated rule set as JSON (tens of KB), so this isolate remembers
 * which versions it has already stored and leaves the statement out once the first batch with it has committed.
 */
import type { RuleSetData } from '../ruleset/types.ts';

/** What a batch needs to store a rule set: its version (content hash) and validated content. */
export interface StorableRuleSet {
  version: string;
  data: RuleSetData;
}

export interface StoredRuleSet {
  version: string;
  data: RuleSetData;
  firstUsedAt: string;
}

/** A rule set version as decisions carry it: "sha256:" and 64 lower-case hex digits. */
export const RULES_VERSION_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** Versions this isolate has seen committed to D1. */
const storedHere = new Set<string>();

/**
 * The statement that stores the rule set if D1 does not hold it yet, or null when this isolate already stored it.
 * Call markRuleSetStored() once the batch holding the statement has committed.
 */
export function ruleSetInsert(db: D1Database, ruleSet: StorableRuleSet, now: string): D1PreparedStatement | null {
  if (storedHere.has(ruleSet.version)) return null;
  return db
    .prepare('INSERT OR IGNORE INTO rule_sets (version, content, first_used_at) VALUES (?, ?, ?)')
    .bind(ruleSet.version, JSON.stringify(ruleSet.data), now);
}

export function markRuleSetStored(version: string): void {
  storedHere.add(version);
}

/** A decision's rule set must be the one the batch stores: a mismatch would record an unfetchable version. */
export function assertSameRuleSet(ruleSet: StorableRuleSet, rulesVersion: string): void {
  if (ruleSet.version !== rulesVersion) {
    throw new Error(`decision made by rule set ${rulesVersion} recorded with rule set ${ruleSet.version}`);
  }
}

export async function getStoredRuleSet(db: D1Database, version: string): Promise<StoredRuleSet | null> {
  const row = await db
    .prepare('SELECT version, content, first_used_at FROM rule_sets WHERE version = ?')
    .bind(version)
    .first<{ version: string; content: string; first_used_at: string }>();
  return row ? { version: row.version, data: JSON.parse(row.content) as RuleSetData, firstUsedAt: row.first_used_at } : null;
}
