/**
 * The request state machine. The engine's decision sets the state a submitted version starts in; people move it
 * on from there, each move allowed only from certain states.
 */
import type { Effect } from '../engine/types.ts';
import type { Status } from './types.ts';

/** Where a freshly submitted (or revised) version lands. */
export function statusForDecision(decision: Effect): Status {
  if (decision === 'reject') return 'rejected';
  if (decision === 'needs-review') return 'pending-review';
  return 'admitted';
}

/** States from which each move may start. Anything else is a 409. */
export const ALLOWED_FROM = {
  revise: ['rejected', 'returned', 'pending-review'],
  withdraw: ['pending-review', 'rejected', 'returned', 'admitted'],
  approve: ['pending-review'],
  reject: ['pending-review'],
  return: ['pending-review'],
  exit: ['admitted'],
} as const satisfies Record<string, readonly Status[]>;

export type Move = keyof typeof ALLOWED_FROM;

export const STATUS_AFTER: Record<Exclude<Move, 'revise'>, Status> = {
  withdraw: 'withdrawn',
  approve: 'admitted',
  reject: 'refused',
  return: 'returned',
  exit: 'exited',
};

export function canMove(move: Move, from: Status): boolean {
  return (ALLOWED_FROM[move] as readonly Status[]).includes(from);
}

/** Review is due in 15 working days (one published time limit: 北京西城). */
export const REVIEW_WORKING_DAYS = 15;
