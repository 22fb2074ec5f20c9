/**
 * The workflow's commands: each evaluates with the engine where the contract says so, decides the next state,
 * and hands the change to the store as one guarded batch. They return outcomes; routes turn them into HTTP.
 */
import type { EvaluateRequest } from '../contract/evaluate-request.ts';
import type { Submission } from '../contract/submission.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import type { Decision, Reason } from '../engine/types.ts';
import { createRequest, getRequest, reviseRequest, transition } from '../store/requests.ts';
import { departmentName, findCommunities } from '../store/users.ts';
import { chinaDate, dueDate } from '../workdays/index.ts';
import { ALLOWED_FROM, canMove, REVIEW_WORKING_DAYS, STATUS_AFTER, statusForDecision } from './status.ts';
import type { Identity, RequestRow, ReviewAction, Status } from './types.ts';

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'not-found' }
  | { ok: false; kind: 'forbidden' }
  | { ok: false; kind: 'invalid'; issues: Array<{ path: string; message: string }> }
  | { ok: false; kind: 'conflict'; code: string; reasons?: Reason[]; current?: { status: Status; version: number } }
  | { ok: false; kind: 'idempotency-mismatch' };

const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/**
 * What the engine sees of a submission: the contract's fields, with the department filled in from the account.
 * The decision log (src/replay/log.ts) rebuilds the engine's input from stored bodies with this same function.
 */
export function engineRequest(body: Partial<Submission> & { version?: number }, department: string, review?: EvaluateRequest['streetReview']): EvaluateRequest {
  const { targetCommunities: _targets, deadline: _deadline, legalBasis: _basis, version: _version, ...fields } = body;
  return { ...fields, department, ...(review ? { streetReview: review } : {}) };
}

function titleOf(body: { title?: string; description?: string }): string {
  const title = (body.title ?? '').trim();
  return title !== '' ? title : (body.description ?? '').trim().slice(0, 40);
}

async function checkTargets(db: D1Database, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await findCommunities(db, unique);
  const known = new Set(found.map((c) => c.id));
  const unknown = unique.filter((id) => !known.has(id));
  return { unique, unknown };
}

function reviewDueFor(status: Status, now: Date): string | null {
  return status === 'pending-review' ? dueDate(chinaDate(now), REVIEW_WORKING_DAYS).date : null;
}

/** A list item the rule set does not hold, named like POST /api/v1/evaluate names it. */
function unknownListItem(ruleSet: CompiledRuleSet, listItem: string | undefined) {
  if (listItem === undefined || ruleSet.listEntries.has(listItem)) return null;
  return {
    ok: false as const,
    kind: 'invalid' as const,
    issues: [{ path: 'listItem', message: `未知的清单事项 "${listItem}"，可选值见 GET /api/v1/rules (unknown list item)` }],
  };
}

function unknownTargets(unknown: string[]) {
  return {
    ok: false as const,
    kind: 'invalid' as const,
    issues: unknown.map((id) => ({ path: 'targetCommunities', message: `未知的社区 "${id}" (unknown community)` })),
  };
}

function deadlineIssue(deadline: string | undefined, now: Date) {
  if (deadline && deadline < chinaDate(now)) {
    return { ok: false as const, kind: 'invalid' as const, issues: [{ path: 'deadline', message: '完成时限不能早于今天 (deadline is in the past)' }] };
  }
  return null;
}

export async function submitRequest(
  db: D1Database,
  ruleSet: CompiledRuleSet,
  who: Identity,
  body: Submission,
  idempotency: { key: string; hash: string } | null,
  now = new Date(),
): Promise<Outcome<{ request: RequestRow; decision: Decision; replayed: boolean }>> {
  if (who.role !== 'department' || !who.departmentId) return { ok: false, kind: 'forbidden' };
  const late = deadlineIssue(body.deadline, now) ?? unknownListItem(ruleSet, body.listItem);
  if (late) return late;
  const { unique, unknown } = await checkTargets(db, body.targetCommunities);
  if (unknown.length > 0) return unknownTargets(unknown);
  const department = (await departmentName(db, who.departmentId)) ?? who.departmentId;
  const decision = evaluate(engineRequest(body, department), ruleSet);
  const status = statusForDecision(decision.decision);
  const id = newId('req');
  const stored = { ...body, department, targetCommunities: unique };
  const outcome = await createRequest(db, {
    id,
    op: newId('op'),
    actor: who,
    departmentId: who.departmentId,
    title: titleOf(body),
    body: stored,
    result: decision,
    ruleSet,
    status,
    targets: unique,
    deadline: body.deadline ?? null,
    reviewDue: reviewDueFor(status, now),
    idempotencyKey: idempotency?.key ?? null,
    idempotencyHash: idempotency?.hash ?? null,
    now: now.toISOString(),
  });
  if (!outcome.created) {
    if (!outcome.sameBody) return { ok: false, kind: 'idempotency-mismatch' };
    const existing = await getRequest(db, outcome.existingId);
    const first = await firstDecision(db, outcome.existingId);
    return { ok: true, value: { request: existing!, decision: first!, replayed: true } };
  }
  return { ok: true, value: { request: (await getRequest(db, id))!, decision, replayed: false } };
}

async function firstDecision(db: D1Database, id: string): Promise<Decision | null> {
  const row = await db.prepare('SELECT result FROM request_versions WHERE request_id = ? AND version = 1').bind(id).first<{ result: string }>();
  return row ? (JSON.parse(row.result) as Decision) : null;
}

export async function reviseSubmission(
  db: D1Database,
  ruleSet: CompiledRuleSet,
  who: Identity,
  request: RequestRow,
  body: Submission & { version: number },
  now = new Date(),
): Promise<Outcome<{ request: RequestRow; decision: Decision }>> {
  if (who.role !== 'department' || request.departmentId !== who.departmentId) return { ok: false, kind: 'forbidden' };
  if (body.version !== request.version || !canMove('revise', request.status)) {
    return { ok: false, kind: 'conflict', code: 'stale-or-final', current: { status: request.status, version: request.version } };
  }
  const late = deadlineIssue(body.deadline, now) ?? unknownListItem(ruleSet, body.listItem);
  if (late) return late;
  const { unique, unknown } = await checkTargets(db, body.targetCommunities);
  if (unknown.length > 0) return unknownTargets(unknown);
  const { version: _v, ...submission } = body;
  const decision = evaluate(engineRequest(submission, request.departmentName), ruleSet);
  const status = statusForDecision(decision.decision);
  const applied = await reviseRequest(db, {
    id: request.id,
    op: newId('op'),
    actor: who,
    fromVersion: request.version,
    fromStatuses: ALLOWED_FROM.revise,
    before: { status: request.status, version: request.version },
    title: titleOf(submission),
    body: { ...submission, department: request.departmentName, targetCommunities: unique },
    result: decision,
    ruleSet,
    status,
    targets: unique,
    deadline: submission.deadline ?? null,
    reviewDue: reviewDueFor(status, now),
    now: now.toISOString(),
  });
  if (!applied) return conflictWithCurrent(db, request.id);
  return { ok: true, value: { request: (await getRequest(db, request.id))!, decision } };
}

async function conflictWithCurrent(db: D1Database, id: string): Promise<Outcome<never>> {
  const current = await getRequest(db, id);
  return { ok: false, kind: 'conflict', code: 'concurrent-change', ...(current ? { current: { status: current.status, version: current.version } } : {}) };
}

/** The version's submitted body, to re-run the engine with the review recorded. */
async function currentBody(db: D1Database, request: RequestRow): Promise<Submission> {
  const row = await db
    .prepare('SELECT body FROM request_versions WHERE request_id = ? AND version = ?')
    .bind(request.id, request.version)
    .first<{ body: string }>();
  return JSON.parse(row!.body) as Submission;
}

export async function reviewRequest(
  db: D1Database,
  ruleSet: CompiledRuleSet,
  who: Identity,
  request: RequestRow,
  review: { action: ReviewAction; version: number; comment: string; fundingConfirmed?: boolean },
  now = new Date(),
): Promise<Outcome<{ request: RequestRow; decision: Decision | null }>> {
  if (review.version !== request.version || !canMove(review.action, request.status)) {
    return { ok: false, kind: 'conflict', code: 'stale-or-final', current: { status: request.status, version: request.version } };
  }
  let result: Decision | null = null;
  if (review.action === 'approve') {
    const body = await currentBody(db, request);
    result = evaluate(engineRequest(body, request.departmentName, { status: 'approved', note: review.comment }), ruleSet);
    // What item 9 forbids (veto, responsibility, negative list, …) no approval can make admissible.
    if (result.decision === 'reject') return { ok: false, kind: 'conflict', code: 'not-approvable', reasons: result.reasons };
  }
  const applied = await transition(db, {
    id: request.id,
    op: newId('op'),
    actor: who,
    action: review.action,
    expectedVersion: request.version,
    fromStatuses: ALLOWED_FROM[review.action],
    before: { status: request.status, version: request.version },
    to: STATUS_AFTER[review.action],
    comment: review.comment,
    review: { id: newId('rev'), fundingConfirmed: review.fundingConfirmed === true, result },
    ...(result ? { result, ruleSet } : {}),
    now: now.toISOString(),
  });
  if (!applied) return conflictWithCurrent(db, request.id);
  return { ok: true, value: { request: (await getRequest(db, request.id))!, decision: result } };
}

export async function endRequest(
  db: D1Database,
  who: Identity,
  request: RequestRow,
  move: 'withdraw' | 'exit',
  input: { version: number; reason: string },
  now = new Date(),
): Promise<Outcome<{ request: RequestRow }>> {
  if (input.version !== request.version || !canMove(move, request.status)) {
    return { ok: false, kind: 'conflict', code: 'stale-or-final', current: { status: request.status, version: request.version } };
  }
  const applied = await transition(db, {
    id: request.id,
    op: newId('op'),
    actor: who,
    action: move,
    expectedVersion: request.version,
    fromStatuses: ALLOWED_FROM[move],
    before: { status: request.status, version: request.version },
    to: STATUS_AFTER[move],
    comment: input.reason,
    ...(move === 'exit' ? { review: { id: newId('rev'), fundingConfirmed: false, result: null } } : {}),
    now: now.toISOString(),
  });
  if (!applied) return conflictWithCurrent(db, request.id);
  return { ok: true, value: { request: (await getRequest(db, request.id))! } };
}
