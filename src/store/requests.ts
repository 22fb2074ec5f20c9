/**
 * Requests, their versions, targets and reviews in D1. Every state change is one batch (one transaction):
 * a guarded UPDATE that stamps the row with the operation's id, then the statements that belong to the change,
 * each conditioned on that stamp, so a change that loses a race writes nothing at all.
 */
import type { Decision, Effect } from '../engine/types.ts';
import type { Identity, RequestRow, ReviewAction, ReviewRow, Status, VersionRow } from '../workflow/types.ts';
import { auditStatement } from './audit.ts';
import { assertSameRuleSet, markRuleSetStored, ruleSetInsert, type StorableRuleSet } from './rule-sets.ts';
import { addDays, chinaDayStart } from '../workdays/index.ts';

interface RequestRecord {
  id: string;
  department_id: string;
  department_name: string;
  created_by: string;
  status: Status;
  version: number;
  title: string;
  decision: Effect;
  rules_version: string;
  reason_codes: string;
  deadline: string | null;
  review_due: string | null;
  idempotency_hash: string | null;
  created_at: string;
  updated_at: string;
  targets: string;
}

const SELECT_REQUEST = `
  SELECT r.*, d.name AS department_name,
         (SELECT json_group_array(json_object('id', c.id, 'name', c.name, 'streetId', s.id, 'streetName', s.name))
            FROM request_targets t JOIN communities c ON c.id = t.community_id JOIN streets s ON s.id = c.street_id
           WHERE t.request_id = r.id) AS targets
    FROM requests r JOIN departments d ON d.id = r.department_id`;

function toRow(r: RequestRecord): RequestRow {
  return {
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    createdBy: r.created_by,
    status: r.status,
    version: r.version,
    title: r.title,
    decision: r.decision,
    rulesVersion: r.rules_version,
    reasonCodes: JSON.parse(r.reason_codes) as string[],
    deadline: r.deadline,
    reviewDue: r.review_due,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    targets: (JSON.parse(r.targets) as RequestRow['targets']).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

export async function getRequest(db: D1Database, id: string): Promise<RequestRow | null> {
  const row = await db.prepare(`${SELECT_REQUEST} WHERE r.id = ?`).bind(id).first<RequestRecord>();
  return row ? toRow(row) : null;
}

/** What every write of a decided version carries. */
interface DecidedVersion {
  id: string;
  op: string;
  actor: Identity;
  title: string;
  body: Record<string, unknown>;
  result: Decision;
  /** The rule set that made the decision: stored with it if D1 does not hold it yet. */
  ruleSet: StorableRuleSet;
  status: Status;
  targets: string[];
  deadline: string | null;
  reviewDue: string | null;
  now: string;
}

export interface NewRequest extends DecidedVersion {
  departmentId: string;
  idempotencyKey: string | null;
  idempotencyHash: string | null;
}

export type CreateOutcome =
  | { created: true }
  | { created: false; existingId: string; sameBody: boolean };

export async function createRequest(db: D1Database, n: NewRequest): Promise<CreateOutcome> {
  const guard = 'WHERE (SELECT last_op FROM requests WHERE id = ?) = ?';
  const reasonCodes = JSON.stringify(n.result.reasons.map((r) => r.code));
  assertSameRuleSet(n.ruleSet, n.result.rulesVersion);
  const storeRules = ruleSetInsert(db, n.ruleSet, n.now);
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO requests (id, department_id, created_by, status, version, title, decision, rules_version, reason_codes,
                               deadline, review_due, idempotency_key, idempotency_hash, last_op, created_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (created_by, idempotency_key) DO NOTHING`,
      )
      .bind(n.id, n.departmentId, n.actor.userId, n.status, n.title, n.result.decision, n.result.rulesVersion, reasonCodes,
        n.deadline, n.reviewDue, n.idempotencyKey, n.idempotencyHash, n.op, n.now, n.now),
    db
      .prepare(
        `INSERT INTO request_versions (request_id, version, body, decision, result, rules_version, created_by, created_at)
         SELECT ?, 1, ?, ?, ?, ?, ?, ? ${guard}`,
      )
      .bind(n.id, JSON.stringify(n.body), n.result.decision, JSON.stringify(n.result), n.result.rulesVersion, n.actor.userId, n.now, n.id, n.op),
    db
      .prepare(`INSERT INTO request_targets (request_id, community_id) SELECT ?, value FROM json_each(?) ${guard}`)
      .bind(n.id, JSON.stringify(n.targets), n.id, n.op),
    auditStatement(db, {
      op: n.op,
      requestId: n.id,
      actor: n.actor,
      action: 'create',
      before: null,
      after: { status: n.status, version: 1, decision: n.result.decision },
      rulesVersion: n.result.rulesVersion,
      at: n.now,
    }),
    ...(storeRules ? [storeRules] : []),
  ]);
  markRuleSetStored(n.ruleSet.version);
  if (results[0]!.meta.changes === 1) return { created: true };
  const existing = await db
    .prepare('SELECT id, idempotency_hash FROM requests WHERE created_by = ? AND idempotency_key = ?')
    .bind(n.actor.userId, n.idempotencyKey)
    .first<{ id: string; idempotency_hash: string }>();
  if (!existing) throw new Error('request insert changed nothing and no idempotent twin exists');
  return { created: false, existingId: existing.id, sameBody: existing.idempotency_hash === n.idempotencyHash };
}

export interface Revision extends DecidedVersion {
  fromVersion: number;
  fromStatuses: readonly Status[];
  before: { status: Status; version: number };
}

/** A new version of the request, re-evaluated. False when the request moved on meanwhile (409). */
export async function reviseRequest(db: D1Database, v: Revision): Promise<boolean> {
  const guard = 'WHERE (SELECT last_op FROM requests WHERE id = ?) = ?';
  const version = v.fromVersion + 1;
  assertSameRuleSet(v.ruleSet, v.result.rulesVersion);
  const storeRules = ruleSetInsert(db, v.ruleSet, v.now);
  const results = await db.batch([
    db
      .prepare(
        `UPDATE requests SET version = ?, status = ?, title = ?, decision = ?, rules_version = ?, reason_codes = ?,
                deadline = ?, review_due = ?, last_op = ?, updated_at = ?
          WHERE id = ? AND version = ? AND status IN (SELECT value FROM json_each(?))`,
      )
      .bind(version, v.status, v.title, v.result.decision, v.result.rulesVersion, JSON.stringify(v.result.reasons.map((r) => r.code)),
        v.deadline, v.reviewDue, v.op, v.now, v.id, v.fromVersion, JSON.stringify(v.fromStatuses)),
    db
      .prepare(
        `INSERT INTO request_versions (request_id, version, body, decision, result, rules_version, created_by, created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? ${guard}`,
      )
      .bind(v.id, version, JSON.stringify(v.body), v.result.decision, JSON.stringify(v.result), v.result.rulesVersion, v.actor.userId, v.now, v.id, v.op),
    db.prepare(`DELETE FROM request_targets WHERE request_id = ? AND (SELECT last_op FROM requests WHERE id = ?) = ?`).bind(v.id, v.id, v.op),
    db
      .prepare(`INSERT INTO request_targets (request_id, community_id) SELECT ?, value FROM json_each(?) ${guard}`)
      .bind(v.id, JSON.stringify(v.targets), v.id, v.op),
    auditStatement(db, {
      op: v.op,
      requestId: v.id,
      actor: v.actor,
      action: 'revise',
      before: v.before,
      after: { status: v.status, version, decision: v.result.decision },
      rulesVersion: v.result.rulesVersion,
      at: v.now,
    }),
    ...(storeRules ? [storeRules] : []),
  ]);
  markRuleSetStored(v.ruleSet.version);
  return results[0]!.meta.changes === 1;
}

export interface Transition {
  id: string;
  op: string;
  actor: Identity;
  action: ReviewAction | 'withdraw' | 'exit';
  expectedVersion: number;
  fromStatuses: readonly Status[];
  before: { status: Status; version: number };
  to: Status;
  comment: string;
  /** Reviews and exits are recorded as review rows too. */
  review?: { id: string; fundingConfirmed: boolean; result: Decision | null };
  /** An approval re-ran the engine: the request carries that decision from now on. */
  result?: Decision;
  /** The rule set that made `result` (required with it): stored with it if D1 does not hold it yet. */
  ruleSet?: StorableRuleSet;
  now: string;
}

export async function transition(db: D1Database, t: Transition): Promise<boolean> {
  const update = t.result
    ? db
        .prepare(
          `UPDATE requests SET status = ?, decision = ?, rules_version = ?, reason_codes = ?, last_op = ?, updated_at = ?
            WHERE id = ? AND version = ? AND status IN (SELECT value FROM json_each(?))`,
        )
        .bind(t.to, t.result.decision, t.result.rulesVersion, JSON.stringify(t.result.reasons.map((r) => r.code)), t.op, t.now,
          t.id, t.expectedVersion, JSON.stringify(t.fromStatuses))
    : db
        .prepare(
          `UPDATE requests SET status = ?, last_op = ?, updated_at = ?
            WHERE id = ? AND version = ? AND status IN (SELECT value FROM json_each(?))`,
        )
        .bind(t.to, t.op, t.now, t.id, t.expectedVersion, JSON.stringify(t.fromStatuses));
  const statements = [update];
  let storedVersion: string | null = null;
  if (t.result) {
    if (!t.ruleSet) throw new Error('a transition that records a decision must name its rule set');
    assertSameRuleSet(t.ruleSet, t.result.rulesVersion);
    const storeRules = ruleSetInsert(db, t.ruleSet, t.now);
    if (storeRules) statements.push(storeRules);
    storedVersion = t.ruleSet.version;
  }
  if (t.review) {
    statements.push(
      db
        .prepare(
          `INSERT INTO reviews (id, request_id, version, reviewer_id, action, comment, funding_confirmed, result, created_at)
           SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT last_op FROM requests WHERE id = ?) = ?`,
        )
        .bind(t.review.id, t.id, t.expectedVersion, t.actor.userId, t.action, t.comment, t.review.fundingConfirmed ? 1 : 0,
          t.review.result ? JSON.stringify(t.review.result) : null, t.now, t.id, t.op),
    );
  }
  statements.push(
    auditStatement(db, {
      op: t.op,
      requestId: t.id,
      actor: t.actor,
      action: t.action,
      before: t.before,
      after: { status: t.to, version: t.expectedVersion, comment: t.comment, ...(t.result ? { decision: t.result.decision } : {}) },
      rulesVersion: t.result?.rulesVersion ?? null,
      at: t.now,
    }),
  );
  const results = await db.batch(statements);
  if (storedVersion) markRuleSetStored(storedVersion);
  return results[0]!.meta.changes === 1;
}

export async function versionsOf(db: D1Database, id: string): Promise<VersionRow[]> {
  const { results } = await db
    .prepare('SELECT version, body, decision, result, rules_version, created_by, created_at FROM request_versions WHERE request_id = ? ORDER BY version')
    .bind(id)
    .all<{ version: number; body: string; decision: Effect; result: string; rules_version: string; created_by: string; created_at: string }>();
  return results.map((r) => ({
    version: r.version,
    body: JSON.parse(r.body) as Record<string, unknown>,
    decision: r.decision,
    result: JSON.parse(r.result) as Decision,
    rulesVersion: r.rules_version,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function reviewsOf(db: D1Database, id: string): Promise<ReviewRow[]> {
  const { results } = await db
    .prepare(
      `SELECT v.id, v.version, v.reviewer_id, u.name AS reviewer_name, v.action, v.comment, v.funding_confirmed, v.result, v.created_at
         FROM reviews v JOIN users u ON u.id = v.reviewer_id WHERE v.request_id = ? ORDER BY v.created_at, v.id`,
    )
    .bind(id)
    .all<{ id: string; version: number; reviewer_id: string; reviewer_name: string; action: ReviewRow['action']; comment: string; funding_confirmed: number; result: string | null; created_at: string }>();
  return results.map((r) => ({
    id: r.id,
    version: r.version,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    action: r.action,
    comment: r.comment,
    fundingConfirmed: r.funding_confirmed === 1,
    result: r.result ? (JSON.parse(r.result) as Decision) : null,
    createdAt: r.created_at,
  }));
}

export interface ListFilters {
  status?: Status;
  decision?: Effect;
  department?: string;
  street?: string;
  community?: string;
  from?: string;
  to?: string;
}

export interface Page {
  items: RequestRow[];
  nextCursor: string | null;
}

/** Requests an identity may see, newest first, with keyset pagination on (created_at, id). */
export async function listRequests(db: D1Database, who: Identity, filters: ListFilters, cursor: { createdAt: string; id: string } | null, limit: number, visibleStatuses?: readonly string[]): Promise<Page> {
  const where: string[] = [];
  const args: unknown[] = [];
  const targetIn = (condition: string, value: unknown) => {
    where.push(`EXISTS (SELECT 1 FROM request_targets t JOIN communities c ON c.id = t.community_id WHERE t.request_id = r.id AND ${condition})`);
    args.push(value);
  };
  if (who.role === 'department') {
    where.push('r.department_id = ?');
    args.push(who.departmentId);
  } else if (who.role === 'street-reviewer') targetIn('c.street_id = ?', who.streetId);
  else if (who.role === 'community') targetIn('c.id = ?', who.communityId);
  if (visibleStatuses) {
    where.push('r.status IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(visibleStatuses));
  }
  if (filters.status) {
    where.push('r.status = ?');
    args.push(filters.status);
  }
  if (filters.decision) {
    where.push('r.decision = ?');
    args.push(filters.decision);
  }
  if (filters.department) {
    where.push('r.department_id = ?');
    args.push(filters.department);
  }
  if (filters.street) targetIn('c.street_id = ?', filters.street);
  if (filters.community) targetIn('c.id = ?', filters.community);
  // from/to are China calendar dates: from its first instant, up to and including the whole "to" day.
  if (filters.from) {
    where.push('r.created_at >= ?');
    args.push(chinaDayStart(filters.from));
  }
  if (filters.to) {
    where.push('r.created_at < ?');
    args.push(chinaDayStart(addDays(filters.to, 1)));
  }
  if (cursor) {
    where.push('(r.created_at < ? OR (r.created_at = ? AND r.id < ?))');
    args.push(cursor.createdAt, cursor.createdAt, cursor.id);
  }
  const sql = `${SELECT_REQUEST} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...args, limit + 1).all<RequestRecord>();
  const items = results.slice(0, limit).map(toRow);
  const last = items[items.length - 1];
  return { items, nextCursor: results.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

export function encodeCursor(createdAt: string, id: string): string {
  return btoa(`${createdAt}|${id}`).replace(/=+$/, '');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  try {
    const [createdAt, id] = atob(cursor).split('|');
    return createdAt && id ? { createdAt, id } : null;
  } catch {
    return null;
  }
}

/** A reviewer's queue: pending requests for its street (all streets for the district), overdue first. */
export async function reviewQueue(db: D1Database, who: Identity, limit: number): Promise<RequestRow[]> {
  const streetFilter = who.role === 'street-reviewer'
    ? 'AND EXISTS (SELECT 1 FROM request_targets t JOIN communities c ON c.id = t.community_id WHERE t.request_id = r.id AND c.street_id = ?)'
    : '';
  const stmt = db.prepare(`${SELECT_REQUEST} WHERE r.status = 'pending-review' ${streetFilter} ORDER BY r.review_due IS NULL, r.review_due, r.created_at LIMIT ?`);
  const { results } = await (who.role === 'street-reviewer' ? stmt.bind(who.streetId, limit) : stmt.bind(limit)).all<RequestRecord>();
  return results.map(toRow);
}
