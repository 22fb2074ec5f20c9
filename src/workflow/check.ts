/**
 * A community checks a demand it received: the engine's decision on the pasted text, read with what the record
 * proves (the street's review and the funding it confirmed), the record itself and what to do. Shared by
 * POST /api/v1/check and the web page /check.
 */
import type { EvaluateRequest } from '../contract/evaluate-request.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import type { Decision } from '../engine/types.ts';
import { CHECK_TEXT } from '../messages.ts';
import { getRequest, versionsOf } from '../store/requests.ts';
import type { Identity, RequestRow } from './types.ts';

export interface RecordView {
  found: boolean;
  forThisCommunity: boolean;
  request?: Pick<RequestRow, 'id' | 'title' | 'status' | 'decision' | 'departmentName' | 'deadline' | 'version'>;
  context?: Pick<EvaluateRequest, 'funding' | 'streetReview'>;
}

export interface CheckResult {
  decision: Decision;
  record: Omit<RecordView, 'context'> | null;
  advice: { code: string; message: string };
}

export async function checkDemand(db: D1Database, ruleSet: CompiledRuleSet, who: Identity, input: { text: string; requestId?: string | undefined }): Promise<CheckResult> {
  const record = input.requestId ? await recordFor(db, who, input.requestId) : null;
  // The text as received, read with what the record proves: the street's review and the funding it confirmed.
  const decision = evaluate({ description: input.text, ...(record?.context ?? {}) }, ruleSet);
  const { context: _context, ...shown } = record ?? {};
  return { decision, record: record ? (shown as Omit<RecordView, 'context'>) : null, advice: advice(record) };
}

const REVIEW_OF_STATUS: Partial<Record<RequestRow['status'], 'approved' | 'rejected' | 'pending'>> = {
  admitted: 'approved',
  refused: 'rejected',
  'pending-review': 'pending',
  returned: 'pending',
};

async function recordFor(db: D1Database, who: Identity, id: string): Promise<RecordView> {
  const request = await getRequest(db, id);
  if (!request) return { found: false, forThisCommunity: false };
  const forThisCommunity = who.role === 'admin' || request.targets.some((t) => t.id === who.communityId);
  // Another community's request is no record for this one; saying it exists would leak it.
  if (!forThisCommunity) return { found: false, forThisCommunity: false };
  const { title, status, decision, departmentName, deadline, version } = request;
  const recorded = (await versionsOf(db, id)).find((v) => v.version === version);
  const body = recorded?.body as { funding?: EvaluateRequest['funding'] } | undefined;
  // Funding may have been stated in the submitted text rather than the funding field: the record's decision says.
  const funding = body?.funding ?? (recorded?.result.facts.funded ? { conditions: CHECK_TEXT.recordedFunding } : undefined);
  const review = REVIEW_OF_STATUS[status];
  const context = { ...(funding ? { funding } : {}), ...(review ? { streetReview: { status: review } } : {}) };
  return { found: true, forThisCommunity, request: { id, title, status, decision, departmentName, deadline, version }, context };
}

/** "Admitted, funded, you should do it" versus "no record, you may refuse". */
function advice(record: RecordView | null): { code: string; message: string } {
  if (!record || !record.found) return { code: 'no-record', message: CHECK_TEXT.noRecord };
  if (!record.forThisCommunity || !record.request) return { code: 'not-for-this-community', message: CHECK_TEXT.notForThisCommunity };
  switch (record.request.status) {
    case 'admitted':
      return { code: 'admitted', message: CHECK_TEXT.admitted };
    case 'pending-review':
    case 'returned':
      return { code: 'pending', message: CHECK_TEXT.pending };
    case 'withdrawn':
    case 'exited':
      return { code: 'ended', message: CHECK_TEXT.ended };
    default:
      return { code: 'rejected', message: CHECK_TEXT.rejected };
  }
}
