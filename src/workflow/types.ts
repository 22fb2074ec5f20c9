/** The admission workflow's vocabulary: who acts, the states a request moves through, what is recorded. */
import type { Decision, Effect } from '../engine/types.ts';

export const ROLES = ['department', 'street-reviewer', 'community', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  userId: string;
  name: string;
  role: Role;
  departmentId: string | null;
  streetId: string | null;
  communityId: string | null;
}

export const STATUSES = ['pending-review', 'admitted', 'rejected', 'refused', 'returned', 'withdrawn', 'exited'] as const;
export type Status = (typeof STATUSES)[number];

export const REVIEW_ACTIONS = ['approve', 'reject', 'return'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface RequestRow {
  id: string;
  departmentId: string;
  departmentName: string;
  createdBy: string;
  status: Status;
  version: number;
  title: string;
  decision: Effect;
  rulesVersion: string;
  reasonCodes: string[];
  deadline: string | null;
  reviewDue: string | null;
  createdAt: string;
  updatedAt: string;
  targets: Array<{ id: string; name: string; streetId: string; streetName: string }>;
}

export interface VersionRow {
  version: number;
  body: Record<string, unknown>;
  decision: Effect;
  result: Decision;
  rulesVersion: string;
  createdBy: string;
  createdAt: string;
}

export interface ReviewRow {
  id: string;
  version: number;
  reviewerId: string;
  reviewerName: string;
  action: ReviewAction | 'exit';
  comment: string;
  fundingConfirmed: boolean;
  result: Decision | null;
  createdAt: string;
}

export interface AuditRow {
  id: number;
  at: string;
  actorId: string;
  actorRole: string;
  requestId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  rulesVersion: string | null;
}
