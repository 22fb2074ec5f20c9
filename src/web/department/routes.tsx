/**
 * The department's pages: a new request with the live pre-check, "my requests" with a status filter, and revising
 * a request. Submitting goes through the workflow commands, exactly as POST /api/v1/requests does.
 */
import { Hono } from 'hono';
import { listQuerySchema } from '../../contract/submission.ts';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { contentHash } from '../../ruleset/version.ts';
import { decodeCursor, listRequests, versionsOf } from '../../store/requests.ts';
import { departmentName } from '../../store/users.ts';
import { canChangeAsDepartment } from '../../workflow/access.ts';
import { reviseSubmission, submitRequest } from '../../workflow/commands.ts';
import { canMove } from '../../workflow/status.ts';
import { STATUSES, type Identity, type RequestRow } from '../../workflow/types.ts';
import { field, type FormBody, type WebContext, type WebEnv } from '../env.ts';
import { chinaDateTime } from '../layout/format.ts';
import { DecisionBadge, StatusBadge, textsOf, type FieldErrors } from '../layout/parts.tsx';
import { forbiddenPage, notFoundPage, render, requirePage } from '../page.tsx';
import { loadVisibleRequest } from '../request/load.ts';
import { outcomePage } from '../request/routes.tsx';
import { NO_ACTION } from '../request/view.tsx';
import { loadFormOptions, RequestForm, type Precheck } from './form.tsx';
import { addIssues, EMPTY_FORM, readRequestForm, toEvaluateRequest, toSubmission, valuesFromBody, type RequestFormValues } from './form-values.ts';

const F = WEB_TEXT.form;
const L = WEB_TEXT.requestList;
const KEY = /^[A-Za-z0-9-]{8,64}$/;

function precheckOf(values: RequestFormValues, department: string | null, ruleSet: CompiledRuleSet): Precheck {
  const built = toEvaluateRequest(values, department, ruleSet);
  if (!built.ok) return built.empty ? { kind: 'empty' } : { kind: 'errors', errors: built.errors };
  return { kind: 'decision', decision: evaluate(built.request, ruleSet), texts: textsOf(built.request) };
}

interface FormPage {
  mode: 'new' | 'revise';
  values: RequestFormValues;
  errors: FieldErrors;
  precheck: Precheck;
  request?: RequestRow;
  idempotencyKey?: string;
}

async function formPage(c: WebContext, ruleSet: CompiledRuleSet, who: Identity, page: FormPage, status: 200 | 400 | 409 = 200) {
  const [options, department] = await Promise.all([loadFormOptions(c.env.DB, ruleSet), departmentName(c.env.DB, who.departmentId ?? '')]);
  const title = page.mode === 'new' ? F.newTitle : F.reviseTitle(page.request!.title);
  return render(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p class="muted">{F.intro}</p>
      <RequestForm
        action={page.mode === 'new' ? '/department/requests/new' : `/requests/${page.request!.id}/revise`}
        mode={page.mode}
        values={page.values}
        errors={page.errors}
        precheck={page.precheck}
        options={options}
        department={page.request?.departmentName ?? department}
        {...(page.request ? { version: page.request.version } : {})}
        {...(page.idempotencyKey ? { idempotencyKey: page.idempotencyKey } : {})}
        cancelHref={page.request ? `/requests/${page.request.id}` : '/department/requests'}
      />
    </>,
    status,
  );
}

function RequestTable({ items }: { items: RequestRow[] }) {
  const C = L.columns;
  return (
    <div class="table-wrap">
      <table id="request-list" class="stack">
        <thead>
          <tr>
            <th scope="col">{C.title}</th>
            <th scope="col">{C.status}</th>
            <th scope="col">{C.decision}</th>
            <th scope="col">{C.targets}</th>
            <th scope="col">{C.created}</th>
            <th scope="col">{C.due}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr data-request-id={r.id} data-status={r.status}>
              <td data-label={C.title}><a href={`/requests/${r.id}`}>{r.title}</a></td>
              <td data-label={C.status}><StatusBadge status={r.status} /></td>
              <td data-label={C.decision}><DecisionBadge decision={r.decision} /></td>
              <td data-label={C.targets}>{r.targets.map((t) => t.name).join('、')}</td>
              <td data-label={C.created}>{chinaDateTime(r.createdAt)}</td>
              <td data-label={C.due}>{r.reviewDue ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function departmentRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();

  app.get('/department/requests/new', async (c) => {
    const guard = requirePage(c, ['department']);
    if (!guard.ok) return guard.response;
    return formPage(c, ruleSet, guard.who, { mode: 'new', values: EMPTY_FORM, errors: {}, precheck: { kind: 'empty' }, idempotencyKey: crypto.randomUUID() });
  });

  app.post('/department/requests/new', async (c) => {
    const guard = requirePage(c, ['department']);
    if (!guard.ok) return guard.response;
    const who = guard.who;
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const values = readRequestForm(body);
    const postedKey = field(body, 'idempotencyKey');
    const idempotencyKey = KEY.test(postedKey) ? postedKey : crypto.randomUUID();
    const department = await departmentName(c.env.DB, who.departmentId ?? '');
    const precheck = precheckOf(values, department, ruleSet);
    const again = (errors: FieldErrors, status: 200 | 400 | 409) => formPage(c, ruleSet, who, { mode: 'new', values, errors, precheck, idempotencyKey }, status);
    if (field(body, 'intent') === 'check') return again({}, 200);
    const checked = toSubmission(values);
    if (!checked.ok) return again(checked.errors, 400);
    const outcome = await submitRequest(c.env.DB, ruleSet, who, checked.submission, { key: `web-${idempotencyKey}`, hash: contentHash(checked.submission) });
    if (!outcome.ok) {
      if (outcome.kind === 'forbidden') return forbiddenPage(c);
      if (outcome.kind === 'invalid') return again(addIssues({}, outcome.issues), 400);
      return again({ form: WEB_TEXT.errors.idempotency }, 409);
    }
    return c.redirect(`/requests/${outcome.value.request.id}?done=created`, 303);
  });

  app.get('/department/requests', async (c) => {
    const guard = requirePage(c, ['department']);
    if (!guard.ok) return guard.response;
    const query = listQuerySchema.pick({ status: true, cursor: true }).safeParse({ status: c.req.query('status') || undefined, cursor: c.req.query('cursor') || undefined });
    const status = query.success ? query.data.status : undefined;
    const cursor = query.success && query.data.cursor ? decodeCursor(query.data.cursor) : null;
    const page = await listRequests(c.env.DB, guard.who, status ? { status } : {}, cursor, 50);
    const nextHref = page.nextCursor ? `/department/requests?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}` : null;
    return render(
      c,
      L.title,
      <>
        <h1>{L.title}</h1>
        <p><a class="button" href="/department/requests/new" id="new-request-link">{WEB_TEXT.nav.newRequest}</a></p>
        <form method="get" action="/department/requests" id="status-filter" class="actions">
          <label for="field-status">{L.filter}</label>
          <select name="status" id="field-status">
            <option value="" selected={!status}>{L.all}</option>
            {STATUSES.map((s) => <option value={s} selected={status === s}>{WEB_TEXT.status[s]}</option>)}
          </select>
          <button type="submit" class="secondary">{L.apply}</button>
        </form>
        {page.items.length === 0 ? <p class="muted" id="empty-list">{L.empty}</p> : <RequestTable items={page.items} />}
        {nextHref ? <p><a href={nextHref} rel="next">{L.next}</a></p> : null}
      </>,
    );
  });

  /** The revise form: the current version prefilled; the version it revises travels in a hidden field. */
  async function revisable(c: WebContext) {
    const guard = requirePage(c, ['department']);
    if (!guard.ok) return guard;
    const request = await loadVisibleRequest(c.env.DB, guard.who, c.req.param('id')!);
    if (!request) return { ok: false as const, response: notFoundPage(c) };
    if (!canChangeAsDepartment(guard.who, request)) return { ok: false as const, response: forbiddenPage(c) };
    return { ok: true as const, who: guard.who, request };
  }

  app.get('/requests/:id/revise', async (c) => {
    const found = await revisable(c);
    if (!found.ok) return found.response;
    const { who, request } = found;
    if (!canMove('revise', request.status)) return c.redirect(`/requests/${request.id}`, 303);
    const current = (await versionsOf(c.env.DB, request.id)).find((v) => v.version === request.version);
    const values = valuesFromBody(current?.body ?? {});
    return formPage(c, ruleSet, who, { mode: 'revise', values, errors: {}, precheck: precheckOf(values, request.departmentName, ruleSet), request });
  });

  app.post('/requests/:id/revise', async (c) => {
    const found = await revisable(c);
    if (!found.ok) return found.response;
    const { who, request } = found;
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const values = readRequestForm(body);
    const precheck = precheckOf(values, request.departmentName, ruleSet);
    const again = (errors: FieldErrors, status: 200 | 400 | 409) => formPage(c, ruleSet, who, { mode: 'revise', values, errors, precheck, request }, status);
    if (field(body, 'intent') === 'check') return again({}, 200);
    const checked = toSubmission(values);
    if (!checked.ok) return again(checked.errors, 400);
    const version = Number(field(body, 'version'));
    const outcome = await reviseSubmission(c.env.DB, ruleSet, who, request, { ...checked.submission, version: Number.isInteger(version) ? version : 0 });
    if (!outcome.ok) {
      if (outcome.kind === 'invalid') return again(addIssues({}, outcome.issues), 400);
      return outcomePage(c, who, request, outcome, NO_ACTION, 'form');
    }
    return c.redirect(`/requests/${request.id}?done=revised`, 303);
  });

  return app;
}
