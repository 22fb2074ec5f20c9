/** Everything a request page shows, read once: the row, its versions, reviews, audit trail and who acted. */
import type { Decision } from '../../engine/types.ts';
import { auditOf } from '../../store/audit.ts';
import { getRequest, reviewsOf, versionsOf } from '../../store/requests.ts';
import { findUser } from '../../store/users.ts';
import { canSee } from '../../workflow/access.ts';
import type { AuditRow, Identity, RequestRow, ReviewRow, VersionRow } from '../../workflow/types.ts';

export interface RequestDetail {
  request: RequestRow;
  versions: VersionRow[];
  reviews: ReviewRow[];
  history: AuditRow[];
  /** The decision that stands: the approval's re-evaluation for the current version, else the version's own. */
  decision: Decision | null;
  /** The current version's submitted body. */
  body: Record<string, unknown>;
  actorNames: Record<string, string>;
}

/** The request as someone who may see it reads it; null when it does not exist or is not theirs to see. */
export async function loadVisibleRequest(db: D1Database, who: Identity, id: string): Promise<RequestRow | null> {
  const request = await getRequest(db, id);
  return request && canSee(who, request) ? request : null;
}

export async function loadDetail(db: D1Database, request: RequestRow): Promise<RequestDetail> {
  const [versions, reviews, history] = await Promise.all([versionsOf(db, request.id), reviewsOf(db, request.id), auditOf(db, request.id)]);
  const approval = reviews.filter((r) => r.version === request.version && r.result).at(-1);
  const current = versions.find((v) => v.version === request.version) ?? versions.at(-1);
  const actorIds = [...new Set(history.map((h) => h.actorId))];
  const users = await Promise.all(actorIds.map((id) => findUser(db, id)));
  const actorNames = Object.fromEntries(actorIds.map((id, i) => [id, users[i]?.name ?? id]));
  return {
    request,
    versions,
    reviews,
    history,
    decision: approval?.result ?? current?.result ?? null,
    body: current?.body ?? {},
    actorNames,
  };
}
