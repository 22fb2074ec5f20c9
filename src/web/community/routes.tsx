/**
 * The community's pages: the inbox of work aimed at it, and "这项工作该不该接？" — a pasted demand (and optionally a
 * request number) judged in plain words, with the clause to cite back and whether an admission is on record.
 */
import { Hono } from 'hono';
import { checkSchema } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { listRequests } from '../../store/requests.ts';
import { COMMUNITY_VISIBLE } from '../../workflow/access.ts';
import { checkDemand, type CheckResult } from '../../workflow/check.ts';
import { field, type FormBody, type WebEnv } from '../env.ts';
import { chinaDateTime } from '../layout/format.ts';
import { DecisionView, described, ErrorSummary, FieldError, fieldId, Hint, StatusBadge, type FieldErrors } from '../layout/parts.tsx';
import { render, requirePage } from '../page.tsx';

const I = WEB_TEXT.inbox;
const K = WEB_TEXT.check;

function CheckForm({ text, requestId, errors }: { text: string; requestId: string; errors: FieldErrors }) {
  return (
    <form method="post" action="/check" id="check-form" class="card" novalidate>
      <ErrorSummary errors={errors} />
      <div class="field">
        <label for={fieldId('text')}>{K.text}</label>
        <Hint name="text">{K.textHint}</Hint>
        <FieldError name="text" errors={errors} />
        <textarea name="text" id={fieldId('text')} rows={6} maxlength={20000} required {...described('text', errors, true)}>{text}</textarea>
      </div>
      <div class="field">
        <label for={fieldId('requestId')}>{K.requestId}</label>
        <Hint name="requestId">{K.requestIdHint}</Hint>
        <FieldError name="requestId" errors={errors} />
        <input type="text" name="requestId" id={fieldId('requestId')} value={requestId} maxlength={64} autocomplete="off" {...described('requestId', errors, true)} />
      </div>
      <div class="actions"><button type="submit" id="check-button">{K.submit}</button></div>
    </form>
  );
}

function CheckAnswer({ result, text, askedRecord }: { result: CheckResult; text: string; askedRecord: boolean }) {
  const { decision, record, advice } = result;
  const cited = new Map<string, string>();
  for (const r of decision.reasons) if (!cited.has(r.clause)) cited.set(r.clause, r.quote);
  const citeReasons = decision.reasons.filter((r) => r.effect !== 'allow');
  const quotes = [...new Set(citeReasons.map((r) => `“${r.quote}”`))];
  const showReply = decision.decision !== 'allow' && advice.code !== 'admitted' && quotes.length > 0;
  return (
    <section class="card" aria-labelledby="verdict-heading" id="check-result">
      <h2 id="verdict-heading">{K.verdict}</h2>
      <p class={`decision decision-${decision.decision}`} id="check-verdict" data-decision={decision.decision}>
        {K.plain[decision.decision]}
      </p>
      <h3>{K.record}</h3>
      <div id="check-record" data-advice={askedRecord || decision.decision !== 'allow' ? advice.code : 'not-asked'}>
        {record?.found && record.request ? (
          <p>{K.recordFound(record.request.id, record.request.title, '')}<StatusBadge status={record.request.status} /></p>
        ) : null}
        {!askedRecord ? <p class="muted">{K.noRequestId}</p> : null}
        {askedRecord || decision.decision !== 'allow' ? <p><strong>{advice.message}</strong></p> : null}
        {advice.code === 'admitted' && decision.decision === 'reject' ? <p class="field-error" id="check-mismatch">{K.mismatch}</p> : null}
      </div>
      <h3>{K.cite}</h3>
      <ul id="check-clauses">
        {[...cited].map(([clause, quote]) => (
          <li>
            <span class="clause-id">{WEB_TEXT.clause(clause)}</span>“{quote}”
          </li>
        ))}
      </ul>
      {showReply ? (
        <>
          <h3>{K.reply}</h3>
          <p class="reply" id="reply-text">{K.replyText(quotes)}</p>
          <button type="button" class="secondary" data-copy="reply-text" data-copied={K.copied} hidden>{K.copy}</button>
        </>
      ) : null}
      <details>
        <summary>{K.why}</summary>
        <DecisionView decision={decision} texts={{ description: text }} />
      </details>
    </section>
  );
}

export function communityRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();

  app.get('/inbox', async (c) => {
    const guard = requirePage(c, ['community']);
    if (!guard.ok) return guard.response;
    const page = await listRequests(c.env.DB, guard.who, {}, null, 100, COMMUNITY_VISIBLE);
    const C = I.columns;
    return render(
      c,
      I.title,
      <>
        <h1>{I.title}</h1>
        <p>{I.intro}</p>
        <p><a class="button secondary" href="/check">{K.title}</a></p>
        {page.items.length === 0 ? (
          <p class="muted" id="empty-inbox">{I.empty}</p>
        ) : (
          <div class="table-wrap">
            <table id="inbox" class="stack">
              <thead>
                <tr>
                  <th scope="col">{C.title}</th>
                  <th scope="col">{C.department}</th>
                  <th scope="col">{C.status}</th>
                  <th scope="col">{C.deadline}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr data-request-id={r.id} data-status={r.status}>
                    <td data-label={C.title}>
                      <a href={`/requests/${r.id}`}>{r.title}</a>
                      <br />
                      <span class="muted">{r.id} · {chinaDateTime(r.createdAt)}</span>
                    </td>
                    <td data-label={C.department}>{r.departmentName}</td>
                    <td data-label={C.status}><StatusBadge status={r.status} /> {I.advice[r.status] ?? ''}</td>
                    <td data-label={C.deadline}>{r.deadline ?? WEB_TEXT.notSet}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  app.get('/check', (c) => {
    const guard = requirePage(c, ['community', 'admin']);
    if (!guard.ok) return guard.response;
    const requestId = c.req.query('requestId') ?? '';
    return render(c, K.title, <><h1>{K.title}</h1><p>{K.intro}</p><CheckForm text="" requestId={requestId.slice(0, 64)} errors={{}} /></>);
  });

  app.post('/check', async (c) => {
    const guard = requirePage(c, ['community', 'admin']);
    if (!guard.ok) return guard.response;
    const body = (await c.req.parseBody()) as FormBody;
    const text = field(body, 'text');
    const requestId = field(body, 'requestId').trim();
    const parsed = checkSchema.safeParse({ text, ...(requestId ? { requestId } : {}) });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const name = issue.path[0] === 'requestId' ? 'requestId' : 'text';
        errors[name] ??= issue.code === 'too_big' ? WEB_TEXT.errors.tooLong(name === 'text' ? 20000 : 64) : WEB_TEXT.errors.checkTextRequired;
      }
      return render(c, K.title, <><h1>{K.title}</h1><p>{K.intro}</p><CheckForm text={text} requestId={requestId} errors={errors} /></>, 400);
    }
    const result = await checkDemand(c.env.DB, ruleSet, guard.who, parsed.data);
    return render(
      c,
      K.title,
      <>
        <h1>{K.title}</h1>
        <CheckAnswer result={result} text={parsed.data.text} askedRecord={Boolean(parsed.data.requestId)} />
        <CheckForm text={text} requestId={requestId} errors={{}} />
      </>,
    );
  });

  return app;
}
