/** /api/v1/requests: departments submit and revise, everyone with a stake reads, streets review and end. */
import { Hono, type Context } from 'hono';
import { reviewSchema, revisionSchema, submissionSchema, withdrawSchema, listQuerySchema } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { AppEnv } from '../../env.ts';
import { ERROR_TEXT } from '../../messages.ts';
import { contentHash } from '../../ruleset/version.ts';
import { auditOf } from '../../store/audit.ts';
import { decodeCursor, getRequest, listRequests, reviewsOf, versionsOf } from '../../store/requests.ts';
import { canChangeAsDepartment, canReview, canSee, COMMUNITY_VISIBLE } from '../../workflow/access.ts';
import { endRequest, reviewRequest, reviseSubmission, submitRequest } from '../../workflow/commands.ts';
import type { RequestRow } from '../../workflow/types.ts';
import { invalidRequest, issuesOf, methodNotAllowed } from '../errors.ts';
import { forbidden, jsonBody, notFound, outcomeError, requireIdentity } from '../guard.ts';
import { limitBody } from '../middleware/body-limit.ts';

const BODY_LIMIT = 128 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The request as it is read by someone who may see it. */
async function loadVisible(c: Context<AppEnv>): Promise<{ ok: true; request: RequestRow } | { ok: false; response: Response }> {
  const who = requireIdentity(c);
  if (!who.ok) return who;
  const request = await getRequest(c.env.DB, c.req.param('id')!);
  if (!request || !canSee(who.value, request)) return { ok: false, response: notFound(c) };
  return { ok: true, request };
}

export function requestsRoute(ruleSet: CompiledRuleSet) {
  const app = new Hono<AppEnv>();

  app.post('/', limitBody(BODY_LIMIT), async (c) => {
    const who = requireIdentity(c, ['department']);
    if (!who.ok) return who.response;
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      return invalidRequest(c, [{ path: 'Idempotency-Key', message: ERROR_TEXT.idempotencyKey }]);
    }
    const body = await jsonBody(c, submissionSchema);
    if (!body.ok) return body.response;
    const idempotency = key ? { key, hash: contentHash(body.value) } : null;
    const outcome = await submitRequest(c.env.DB, ruleSet, who.value, body.value, idempotency);
    if (!outcome.ok) return outcomeError(c, outcome);
    const { request, decision, replayed } = outcome.value;
    if (replayed) c.header('Idempotent-Replayed', 'true');
    c.header('Location', `/api/v1/requests/${request.id}`);
    return c.json({ request, decision }, replayed ? 200 : 201);
  });

  app.get('/', async (c) => {
    const who = requireIdentity(c);
    if (!who.ok) return who.response;
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return invalidRequest(c, issuesOf(query.error));
    const { cursor: rawCursor, limit = 20, ...filters } = query.data;
    const cursor = rawCursor ? decodeCursor(rawCursor) : null;
    if (rawCursor && !cursor) return invalidRequest(c, [{ path: 'cursor', message: ERROR_TEXT.badCursor }]);
    const visible = who.value.role === 'community' ? COMMUNITY_VISIBLE : undefined;
    return c.json(await listRequests(c.env.DB, who.value, filters, cursor, limit, visible));
  });

  app.get('/:id', async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    const [versions, reviews] = await Promise.all([versionsOf(c.env.DB, found.request.id), reviewsOf(c.env.DB, found.request.id)]);
    const approval = reviews.filter((r) => r.version === found.request.version && r.result).at(-1);
    const decision = approval?.result ?? versions.at(-1)?.result ?? null;
    return c.json({ request: found.request, decision, versions, reviews });
  });

  app.get('/:id/history', async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    return c.json({ requestId: found.request.id, history: await auditOf(c.env.DB, found.request.id) });
  });

  app.put('/:id', limitBody(BODY_LIMIT), async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    const who = c.get('identity')!;
    if (!canChangeAsDepartment(who, found.request)) return forbidden(c);
    const body = await jsonBody(c, revisionSchema);
    if (!body.ok) return body.response;
    const outcome = await reviseSubmission(c.env.DB, ruleSet, who, found.request, body.value);
    return outcome.ok ? c.json(outcome.value) : outcomeError(c, outcome);
  });

  app.post('/:id/withdraw', limitBody(16 * 1024), async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    const who = c.get('identity')!;
    if (!canChangeAsDepartment(who, found.request)) return forbidden(c);
    const body = await jsonBody(c, withdrawSchema);
    if (!body.ok) return body.response;
    const outcome = await endRequest(c.env.DB, who, found.request, 'withdraw', body.value);
    return outcome.ok ? c.json(outcome.value) : outcomeError(c, outcome);
  });

  app.post('/:id/review', limitBody(16 * 1024), async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    const who = c.get('identity')!;
    if (!canReview(who, found.request)) return forbidden(c);
    const body = await jsonBody(c, reviewSchema);
    if (!body.ok) return body.response;
    const outcome = await reviewRequest(c.env.DB, ruleSet, who, found.request, body.value);
    return outcome.ok ? c.json(outcome.value) : outcomeError(c, outcome);
  });

  app.post('/:id/exit', limitBody(16 * 1024), async (c) => {
    const found = await loadVisible(c);
    if (!found.ok) return found.response;
    const who = c.get('identity')!;
    if (!canReview(who, found.request)) return forbidden(c);
    const body = await jsonBody(c, withdrawSchema);
    if (!body.ok) return body.response;
    const outcome = await endRequest(c.env.DB, who, found.request, 'exit', body.value);
    return outcome.ok ? c.json(outcome.value) : outcomeError(c, outcome);
  });

  app.all('/', methodNotAllowed('GET, POST'));
  app.all('/:id', methodNotAllowed('GET, PUT'));
  app.all('/:id/history', methodNotAllowed('GET'));
  for (const action of ['withdraw', 'review', 'exit']) app.all(`/:id/${action}`, methodNotAllowed('POST'));
  return app;
}

