/**
 * One request, for everyone who may see it: its decision with reasons and highlighted evidence, the review and the
 * full history; and the forms the viewer may use (department: revise, withdraw; reviewer: approve, reject,
 * return, exit).
 */
import { WEB_TEXT } from '../../messages.ts';
import { canChangeAsDepartment, canReview } from '../../workflow/access.ts';
import { canMove } from '../../workflow/status.ts';
import type { AuditRow, Identity } from '../../workflow/types.ts';
import { chinaDateTime } from '../layout/format.ts';
import { DecisionBadge, DecisionView, described, ErrorSummary, FieldError, fieldId, Flash, StatusBadge, textsOf, type FieldErrors } from '../layout/parts.tsx';
import type { RequestDetail } from './load.ts';

const R = WEB_TEXT.requestPage;

export interface ActionState {
  errors: FieldErrors;
  /** Text typed into the action forms, kept when a form comes back with an error. */
  values: Record<string, string>;
}

export const NO_ACTION: ActionState = { errors: {}, values: {} };

function Comment({ name, label, state, required = true }: { name: string; label: string; state: ActionState; required?: boolean }) {
  return (
    <div class="field">
      <label for={fieldId(name)}>{label}</label>
      <FieldError name={name} errors={state.errors} />
      <textarea name={name.replace(/^.*-/, '')} id={fieldId(name)} rows={3} maxlength={2000} minlength={2} required={required} {...described(name, state.errors)}>
        {state.values[name] ?? ''}
      </textarea>
    </div>
  );
}

function ReviewForms({ detail, state }: { detail: RequestDetail; state: ActionState }) {
  const { request } = detail;
  const action = `/requests/${request.id}/review`;
  const version = String(request.version);
  return (
    <section class="card" aria-labelledby="review-heading" id="review">
      <h2 id="review-heading">{R.review}</h2>
      <p class="muted">{R.reviewHint}</p>
      <form method="post" action={action} id="review-approve">
        <input type="hidden" name="action" value="approve" />
        <input type="hidden" name="version" value={version} />
        <h3>{R.approve}</h3>
        <Comment name="approve-comment" label={R.approveComment} state={state} />
        <FieldError name="approve-funding" errors={state.errors} />
        <label class="choice">
          <input type="checkbox" name="fundingConfirmed" value="true" id={fieldId('approve-funding')} required {...described('approve-funding', state.errors)} />
          {R.fundingConfirm}
        </label>
        <div class="actions"><button type="submit" id="approve-button">{R.approve}</button></div>
      </form>
      <form method="post" action={action} id="review-return">
        <input type="hidden" name="action" value="return" />
        <input type="hidden" name="version" value={version} />
        <h3>{R.returnTitle}</h3>
        <Comment name="return-comment" label={R.returnComment} state={state} />
        <div class="actions"><button type="submit" class="secondary" id="return-button">{R.returnTitle}</button></div>
      </form>
      <form method="post" action={action} id="review-reject">
        <input type="hidden" name="action" value="reject" />
        <input type="hidden" name="version" value={version} />
        <h3>{R.rejectTitle}</h3>
        <Comment name="reject-comment" label={R.rejectComment} state={state} />
        <div class="actions"><button type="submit" class="danger" id="reject-button">{R.rejectTitle}</button></div>
      </form>
    </section>
  );
}

function EndForm({ detail, state, move }: { detail: RequestDetail; state: ActionState; move: 'withdraw' | 'exit' }) {
  const { request } = detail;
  const title = move === 'withdraw' ? R.withdraw : R.exit;
  return (
    <section class="card" aria-labelledby={`${move}-heading`}>
      <h2 id={`${move}-heading`}>{title}</h2>
      {move === 'exit' ? <p class="muted">{R.exitHint}</p> : null}
      <form method="post" action={`/requests/${request.id}/${move}`} id={`${move}-form`} data-confirm={move === 'withdraw' ? R.withdrawConfirm : R.exitConfirm}>
        <input type="hidden" name="version" value={String(request.version)} />
        <Comment name={`${move}-reason`} label={move === 'withdraw' ? R.withdrawReason : R.exitReason} state={state} />
        <div class="actions"><button type="submit" class="danger" id={`${move}-button`}>{title}</button></div>
      </form>
    </section>
  );
}

function change(entry: AuditRow): string {
  const before = entry.before as { status?: string; version?: number } | null;
  const after = entry.after as { status?: string; version?: number; comment?: string; decision?: string } | null;
  const status = (s?: string) => (s ? WEB_TEXT.status[s] ?? s : '');
  const parts = [
    before?.status ? `${status(before.status)} → ${status(after?.status)}` : status(after?.status),
    after?.version ? R.versionRow(after.version) : '',
    after?.decision ? `${WEB_TEXT.requestPage.decision}：${WEB_TEXT.decision[after.decision] ?? after.decision}` : '',
    after?.comment ? `“${after.comment}”` : '',
  ];
  return parts.filter(Boolean).join('，');
}

export function RequestView({ detail, who, flash, state, today }: { detail: RequestDetail; who: Identity; flash: string | null; state: ActionState; today: string }) {
  const { request, body, decision } = detail;
  const funding = (body.funding ?? {}) as { amountYuan?: number; conditions?: string };
  const overdue = request.status === 'pending-review' && request.reviewDue !== null && request.reviewDue < today;
  const department = canChangeAsDepartment(who, request);
  const reviewer = canReview(who, request);
  return (
    <>
      <h1 id="request-title">{request.title}</h1>
      <Flash message={flash} />
      <ErrorSummary errors={state.errors} />
      <section class="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{R.summary}</h2>
        <dl class="facts">
          <dt>{R.status}</dt>
          <dd><StatusBadge status={request.status} /></dd>
          <dt>{R.decision}</dt>
          <dd><DecisionBadge decision={request.decision} /></dd>
          <dt>{R.department}</dt>
          <dd>{request.departmentName}</dd>
          <dt>{R.targets}</dt>
          <dd>{request.targets.map((t) => `${t.streetName} ${t.name}`).join('、')}</dd>
          <dt>{R.deadline}</dt>
          <dd>{request.deadline ?? WEB_TEXT.notSet}</dd>
          {request.reviewDue ? (
            <>
              <dt>{R.reviewDue}</dt>
              <dd>{request.reviewDue} {overdue ? <span class="badge badge-overdue">{R.overdue}</span> : null}</dd>
            </>
          ) : null}
          <dt>{R.funding}</dt>
          <dd>
            {[typeof funding.amountYuan === 'number' ? R.amount(funding.amountYuan) : '', funding.conditions ?? ''].filter(Boolean).join('；') || WEB_TEXT.none}
          </dd>
          <dt>{R.legalBasis}</dt>
          <dd>{typeof body.legalBasis === 'string' && body.legalBasis ? body.legalBasis : WEB_TEXT.notSet}</dd>
          <dt>{R.version}</dt>
          <dd>{R.versionRow(request.version)} · <span class="muted" id="request-id">{request.id}</span></dd>
        </dl>
      </section>
      {!decision && typeof body.description === 'string' && body.description ? (
        <section class="card" aria-labelledby="content-heading">
          <h2 id="content-heading">{R.content}</h2>
          <p class="text-block">{body.description}</p>
        </section>
      ) : null}
      {decision ? (
        <section class="card" aria-labelledby="reasons-heading" id="decision">
          <h2 id="reasons-heading">{R.reasons}</h2>
          <DecisionView decision={decision} texts={textsOf(body)} />
        </section>
      ) : null}
      {reviewer && request.status === 'pending-review' ? <ReviewForms detail={detail} state={state} /> : null}
      {reviewer && canMove('exit', request.status) ? <EndForm detail={detail} state={state} move="exit" /> : null}
      {department && canMove('revise', request.status) ? (
        <p class="actions"><a class="button" href={`/requests/${request.id}/revise`} id="revise-link">{R.revise}</a></p>
      ) : null}
      {department && canMove('withdraw', request.status) ? <EndForm detail={detail} state={state} move="withdraw" /> : null}
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{R.reviews}</h2>
        {detail.reviews.length === 0 ? (
          <p class="muted">{R.noReviews}</p>
        ) : (
          <div class="table-wrap">
            <table id="review-history">
              <thead>
                <tr>
                  <th scope="col">{R.reviewColumns.at}</th>
                  <th scope="col">{R.reviewColumns.reviewer}</th>
                  <th scope="col">{R.reviewColumns.action}</th>
                  <th scope="col">{R.reviewColumns.comment}</th>
                  <th scope="col">{R.reviewColumns.funding}</th>
                </tr>
              </thead>
              <tbody>
                {detail.reviews.map((r) => (
                  <tr>
                    <td>{chinaDateTime(r.createdAt)}</td>
                    <td>{r.reviewerName}</td>
                    <td>{WEB_TEXT.action[r.action] ?? r.action}（{R.versionRow(r.version)}）</td>
                    <td>{r.comment}</td>
                    <td>{r.action === 'approve' ? (r.fundingConfirmed ? WEB_TEXT.yes : WEB_TEXT.no) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{R.versions}</h2>
        <div class="table-wrap">
          <table id="versions">
            <thead>
              <tr>
                <th scope="col">{R.versionColumns.version}</th>
                <th scope="col">{R.versionColumns.decision}</th>
                <th scope="col">{R.versionColumns.at}</th>
                <th scope="col">{R.versionColumns.rules}</th>
              </tr>
            </thead>
            <tbody>
              {detail.versions.map((v) => (
                <tr>
                  <td>{R.versionRow(v.version)}</td>
                  <td><DecisionBadge decision={v.decision} /> {v.result.reasons.map((r) => WEB_TEXT.reasonLabel[r.code] ?? r.code).join('、')}</td>
                  <td>{chinaDateTime(v.createdAt)}</td>
                  <td><code>{v.rulesVersion.slice(0, 19)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{R.history}</h2>
        <div class="table-wrap">
          <table id="history">
            <thead>
              <tr>
                <th scope="col">{R.historyColumns.at}</th>
                <th scope="col">{R.historyColumns.actor}</th>
                <th scope="col">{R.historyColumns.action}</th>
                <th scope="col">{R.historyColumns.change}</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h) => (
                <tr>
                  <td>{chinaDateTime(h.at)}</td>
                  <td>{detail.actorNames[h.actorId] ?? h.actorId}（{WEB_TEXT.role[h.actorRole] ?? h.actorRole}）</td>
                  <td>{WEB_TEXT.action[h.action] ?? h.action}</td>
                  <td>{change(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
