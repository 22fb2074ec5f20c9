/**
 * Who may see and change which request. A department sees its own; a reviewer those aimed at its street's
 * communities; a community those aimed at it; the district everything. Not seeing means 404, never 403, so that
 * one unit cannot learn of another's requests.
 */
import type { Identity, RequestRow } from './types.ts';

export function canSee(identity: Identity, request: RequestRow): boolean {
  switch (identity.role) {
    case 'admin':
      return true;
    case 'department':
      return request.departmentId === identity.departmentId;
    case 'street-reviewer':
      return request.targets.some((t) => t.streetId === identity.streetId);
    case 'community':
      return request.targets.some((t) => t.id === identity.communityId) && COMMUNITY_VISIBLE.includes(request.status);
  }
}

/** A community sees what is admitted to it, what is still being reviewed, and what was rejected. */
export const COMMUNITY_VISIBLE: readonly string[] = ['admitted', 'pending-review', 'rejected', 'refused', 'exited'];

export function canChangeAsDepartment(identity: Identity, request: RequestRow): boolean {
  return identity.role === 'department' && request.departmentId === identity.departmentId;
}

export function canReview(identity: Identity, request: RequestRow): boolean {
  if (identity.role === 'admin') return true;
  return identity.role === 'street-reviewer' && request.targets.some((t) => t.streetId === identity.streetId);
}
