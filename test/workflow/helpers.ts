/** Shared pieces of the workflow tests: demands whose engine decision is known, and calls that read their answer. */
import { expect } from 'vitest';
import { COMMUNITIES, TOKENS } from '../support/demo-data.ts';
import { call, postJson, putJson, type CallOptions } from '../support/worker.ts';

/** Demands with a known engine decision at creation (checked by the tests that use them). */
export const DEMANDS = {
  /** Assistance with working conditions: needs-review (street-review-required); allow once approved. */
  assistance: {
    title: '困难群众入户调查',
    description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。',
    communityRole: 'assist',
  },
  /** A statutory duty of the community: allow (statutory-duty) → admitted at once. */
  statutory: {
    title: '召开居民会议',
    description: '请各社区于本月底前召开居民会议，听取居委会年度工作报告。',
  },
  /** The community made responsible for demolition (9d): reject (forbidden-responsibility). */
  forbidden: {
    title: '违建拆除',
    description: '请各社区负责辖区违建拆除。',
  },
  /** Assistance with funding explicitly refused (9f): reject (funding-required). */
  selfFunded: {
    title: '城管宣传',
    description: '请各社区协助区城管局开展宣传，经费自筹。',
  },
} as const;

export type DemandKind = keyof typeof DEMANDS;

export interface RequestView {
  id: string;
  departmentId: string;
  status: string;
  version: number;
  decision: string;
  rulesVersion: string;
  reasonCodes: string[];
  deadline: string | null;
  reviewDue: string | null;
  createdAt: string;
  targets: Array<{ id: string; streetId: string }>;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }>; reasons?: Array<{ code: string }>; current?: { status: string; version: number } };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Reads any answer as JSON (every API answer is JSON except the CSV report). */
export async function read<T = any>(response: Promise<Response> | Response): Promise<Answer<T>> {
  const r = await response;
  const text = await r.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`${r.status}: not JSON: ${text.slice(0, 300)}`);
  }
  return { status: r.status, body, headers: r.headers };
}

export function submissionBody(kind: DemandKind = 'assistance', extra: Record<string, unknown> = {}) {
  return { ...DEMANDS[kind], targetCommunities: [COMMUNITIES.xinghua], ...extra };
}

export async function submit(kind: DemandKind = 'assistance', extra: Record<string, unknown> = {}, options: CallOptions = { token: TOKENS.department }) {
  return read<{ request: RequestView; decision: { decision: string; reasons: Array<{ code: string }>; rulesVersion: string } } & ErrorBody>(
    postJson('/api/v1/requests', submissionBody(kind, extra), options),
  );
}

/** Creates a request and checks it landed in the expected status. */
export async function create(kind: DemandKind, expectedStatus: string, extra: Record<string, unknown> = {}, token: string = TOKENS.department): Promise<RequestView> {
  const answer = await submit(kind, extra, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  expect(answer.body.request.status).toBe(expectedStatus);
  return answer.body.request;
}

export const createPending = (extra: Record<string, unknown> = {}) => create('assistance', 'pending-review', extra);
export const createAdmitted = (extra: Record<string, unknown> = {}) => create('statutory', 'admitted', extra);
export const createRejected = (extra: Record<string, unknown> = {}) => create('forbidden', 'rejected', extra);

export function review(id: string, body: Record<string, unknown>, token: string = TOKENS.reviewer) {
  return read<{ request: RequestView; decision: unknown } & ErrorBody>(postJson(`/api/v1/requests/${id}/review`, body, { token }));
}

export const approve = (id: string, version: number, token: string = TOKENS.reviewer) =>
  review(id, { action: 'approve', version, comment: '同意，街道提供工作经费', fundingConfirmed: true }, token);

export const revise = (id: string, version: number, kind: DemandKind = 'assistance', extra: Record<string, unknown> = {}, token: string = TOKENS.department) =>
  read<{ request: RequestView; decision: { decision: string } } & ErrorBody>(
    putJson(`/api/v1/requests/${id}`, { ...submissionBody(kind, extra), version }, { token }),
  );

export const withdraw = (id: string, version: number, token: string = TOKENS.department) =>
  read<{ request: RequestView } & ErrorBody>(postJson(`/api/v1/requests/${id}/withdraw`, { version, reason: '工作安排调整，撤回' }, { token }));

export const exit = (id: string, version: number, token: string = TOKENS.reviewer) =>
  read<{ request: RequestView } & ErrorBody>(postJson(`/api/v1/requests/${id}/exit`, { version, reason: '居民反对，退出社区' }, { token }));

export const get = (path: string, token?: string) => read(call(path, undefined, token === undefined ? undefined : { token }));

/** China's calendar date (UTC+8), as the workflow counts days. */
export function chinaToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Every error answer has the API's shape: a code, a message, and issues where input was at fault. */
export function expectErrorShape(body: unknown): asserts body is ErrorBody {
  const error = (body as ErrorBody).error;
  expect(error, JSON.stringify(body)).toBeDefined();
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  if (error.issues) {
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  }
}
