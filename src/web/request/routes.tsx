/** /requests/:id and the forms posted from it: review (approve / reject / return), exit, withdraw. */
import { Hono } from 'hono';
import { reviewSchema, withdrawSchema } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { canChangeAsDepartment, canReview } from '../../workflow/access.ts';
import { endRequest, reviewRequest, type Outcome } from '../../workflow/commands.ts';
import type { Identity, RequestRow } from '../../workflow/types.ts';
import { chinaDate } from '../../workdays/index.ts';
import { field, type FormBody, type WebContext, type WebEnv } from '../env.ts';
import type { FieldErrors } from '../layout/parts.tsx';
import { chineseOnly, forbiddenPage, notFoundPage, render, requirePage } from '../page.tsx';
import { loadDetail, loadVisibleRequest } from './load.ts';
import { NO_ACTION, RequestView, type ActionState } from './view.tsx';

const R = WEB_TEXT.requestPage;
const E = WEB_TEXT.errors;

export async function showRequest(c: WebContext, who: Identity, request: RequestRow, state: ActionState = NO_ACTION, status: 200 | 400 | 409 = 200) {
  const detail = await loadDetail(c.env.DB, request);
  const done = c.req.query('done');
  const flash = done ? R.flash[done] ?? null : null;
  return render(c, R.title(request.title), <RequestView detail={detail} who={who} flash={flash} state={state} today={chinaDate(new Date())} />, status);
}

/** A failed workflow move as the page shows it: 404/403 pages, or the request again with the error. */
export function outcomePage(c: WebContext, who: Identity, request: RequestRow, outcome: Exclude<Outcome<unknown>, { ok: true }>, state: ActionState, errorField: string) {
  switch (outcome.kind) {
    case 'not-found':
      return notFoundPage(c);
    case 'forbidden':
      return forbiddenPage(c);
    case 'invalid': {
      const errors: FieldErrors = { ...state.errors };
      for (const issue of outcome.issues) errors[errorField] ??= chineseOnly(issue.message);
      return showRequest(c, who, request, { ...state, errors }, 400);
    }
    case 'idempotency-mismatch':
      return showRequest(c, who, request, { ...state, errors: { form: E.idempotency } }, 409);
    case 'conflict':
      return showRequest(c, who, request, { ...state, errors: { form: outcome.code === 'not-approvable' ? E.notApprovable : E.conflict } }, 409);
  }
}

async function visible(c: WebContext): Promise<{ ok: true; who: Identity; request: RequestRow } | { ok: false; response: Response | Promise<Response> }> {
  const guard = requirePage(c);
  if (!guard.ok) return guard;
  const request = await loadVisibleRequest(c.env.DB, guard.who, c.req.param('id')!);
  if (!request) return { ok: false, response: notFoundPage(c) };
  return { ok: true, who: guard.who, request };
}

export function requestRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();

  app.get('/requests/:id', async (c) => {
    const found = await visible(c);
    if (!found.ok) return found.response;
    return showRequest(c, found.who, found.request);
  });

  app.post('/requests/:id/review', async (c) => {
    const found = await visible(c);
    if (!found.ok) return found.response;
    const { who, request } = found;
    if (!canReview(who, request)) return forbiddenPage(c);
    const body = (await c.req.parseBody()) as FormBody;
    const action = field(body, 'action');
    const prefix = action === 'approve' || action === 'reject' || action === 'return' ? action : 'approve';
    const values = { [`${prefix}-comment`]: field(body, 'comment') };
    const parsed = reviewSchema.safeParse({
      action,
      version: Number(field(body, 'version')),
      comment: field(body, 'comment'),
      fundingConfirmed: field(body, 'fundingConfirmed') === 'true',
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        if (path === 'comment') errors[`${prefix}-comment`] ??= E.commentRequired;
        else if (path === 'fundingConfirmed') errors['approve-funding'] ??= E.fundingRequired;
        else errors.form ??= path === 'version' ? E.conflict : E.badRequest;
      }
      return showRequest(c, who, request, { errors, values }, 400);
    }
    const outcome = await reviewRequest(c.env.DB, ruleSet, who, request, parsed.data);
    if (!outcome.ok) return outcomePage(c, who, request, outcome, { errors: {}, values }, `${prefix}-comment`);
    return c.redirect(`/requests/${request.id}?done=${parsed.data.action}`, 303);
  });

  for (const move of ['withdraw', 'exit'] as const) {
    app.post(`/requests/:id/${move}`, async (c) => {
      const found = await visible(c);
      if (!found.ok) return found.response;
      const { who, request } = found;
      const allowed = move === 'withdraw' ? canChangeAsDepartment(who, request) : canReview(who, request);
      if (!allowed) return forbiddenPage(c);
      const body = (await c.req.parseBody()) as FormBody;
      const name = `${move}-reason`;
      const values = { [name]: field(body, 'reason') };
      const parsed = withdrawSchema.safeParse({ version: Number(field(body, 'version')), reason: field(body, 'reason') });
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'reason') errors[name] ??= E.reasonRequired;
          else errors.form ??= E.conflict;
        }
        return showRequest(c, who, request, { errors, values }, 400);
      }
      const outcome = await endRequest(c.env.DB, who, request, move, parsed.data);
      if (!outcome.ok) return outcomePage(c, who, request, outcome, { errors: {}, values }, name);
      return c.redirect(`/requests/${request.id}?done=${move}`, 303);
    });
  }

  return app;
}
