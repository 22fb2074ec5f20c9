/**
 * The audit trail. Entries are written in the same D1 batch as the change they record, guarded by the
 * operation id the change stamped on the request row, so an entry exists exactly when its change does.
 */
import type { AuditRow, Identity } from '../workflow/types.ts';

export interface AuditEntry {
  op: string;
  requestId: string;
  actor: Identity;
  action: string;
  before: unknown;
  after: unknown;
  rulesVersion: string | null;
  at: string;
}

/** An INSERT that only takes effect if the request row carries this operation's id. */
export function auditStatement(db: D1Database, entry: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor_id, actor_role, request_id, action, before_state, after_state, rules_version)
       SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT last_op FROM requests WHERE id = ?) = ?`,
    )
    .bind(
      entry.at,
      entry.actor.userId,
      entry.actor.role,
      entry.requestId,
      entry.action,
      entry.before === null ? null : JSON.stringify(entry.before),
      JSON.stringify(entry.after),
      entry.rulesVersion,
      entry.requestId,
      entry.op,
    );
}

interface AuditRecord {
  id: number;
  at: string;
  actor_id: string;
  actor_role: string;
  request_id: string | null;
  action: string;
  before_state: string | null;
  after_state: string | null;
  rules_version: string | null;
}

export async function auditOf(db: D1Database, requestId: string): Promise<AuditRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM audit_log WHERE request_id = ? ORDER BY id')
    .bind(requestId)
    .all<AuditRecord>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    requestId: r.request_id,
    action: r.action,
    before: r.before_state ? JSON.parse(r.before_state) : null,
    after: r.after_state ? JSON.parse(r.after_state) : null,
    rulesVersion: r.rules_version,
  }));
}
