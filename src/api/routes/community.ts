/** The community's side: its inbox, and checking a demand it received against the rules and the records. */
import { Hono } from 'hono';
import { checkSchema } from '../../contract/submission.ts';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { AppEnv } from '../../env.ts';
import { CHECK_TEXT } from '../../messages.ts';
import { getRequest, listRequests, versionsOf } from '../../store/requests.ts';
import type { EvaluateRequest } from '../../contract/evaluate-request.ts';
import { COMMUNITY_VISIBLE } from '../../workflow/access.ts';
import type { Identity, RequestRow } from '../../workflow/types.ts';
import { methodNotAllowed } from '../errors.ts';
import { jsonBody, requireIdentity } from '../guard.ts';
import { limitBody } from '../middleware/body-limit.ts';

export function communityRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<AppEnv>();

  app.get('/inbox', async (c) => {
    const who = requireIdentity(c, ['community']);
    if (!who.ok) return who.response;
    const page = await listRequests(c.env.DB, who.value, {}, null, 100, COMMUNITY_VISIBLE);
    return c.json({ items: page.items });
  });

  app.post('/check', limitBody(128 * 1024), async (c) => {
    const who = requireIdentity(c, ['community', 'admin']);
    if (!who.ok) return who.response;
    const body = await jsonBody(c, checkSchema);
    if (!body.ok) return body.response;
    const record = body.value.requestId ? await recordFor(c.env.DB, who.value, body.value.requestId) : null;
    // The text as received, read with what the record proves: the street's review and the funding it confirmed.
    const decision = evaluate({ description: body.value.text, ...(record?.context ?? {}) }, ruleSet);
    const { context: _context, ...shown } = record ?? {};
    return c.json({ decision, record: record ? shown : null, advice: advice(record) });
  });

  app.all('/inbox', methodNotAllowed('GET'));
  app.all('/check', methodNotAllowed('POST'));
  return app;
}

interface RecordView {
  found: boolean;
  forThisCommunity: boolean;
  request?: Pick<RequestRow, 'id' | 'title' | 'status' | 'decision' | 'departmentName' | 'deadline' | 'version'>;
  context?: Pick<EvaluateRequest, 'funding' | 'streetReview'>;
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
  const body = (await versionsOf(db, id)).find((v) => v.version === version)?.body as { funding?: EvaluateRequest['funding'] } | undefined;
  const review = REVIEW_OF_STATUS[status];
  const context = { ...(body?.funding ? { funding: body.funding } : {}), ...(review ? { streetReview: { status: review } } : {}) };
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
