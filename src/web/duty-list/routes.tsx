/**
 * /duty-list: upload or paste a task-breakdown table (CSV), get a verdict per row with reasons, filter by decision
 * (?decision=…) and download the verdicts as CSV. Nothing is stored: the table travels with each form post.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { field, type FormBody, type WebContext, type WebEnv } from '../env.ts';
import { DecisionBadge, ErrorSummary, FieldError, fieldId, Hint, type FieldErrors } from '../layout/parts.tsx';
import { render, requirePage } from '../page.tsx';
import { EXAMPLE_CSV, EXAMPLE_CSV_NAME } from './example-csv.ts';
import { FILTERS, judgeDutyList, parseFilter, verdictsCsv, type Filter, type Verdict } from './verdicts.ts';

const D = WEB_TEXT.dutyList;
const BODY_LIMIT = 4 * 1024 * 1024;

const filterLabel = (f: Filter) => (f === 'invalid' ? D.invalid : WEB_TEXT.decision[f]!);

function UploadForm({ errors, pasted }: { errors: FieldErrors; pasted: string }) {
  return (
    <form method="post" action="/duty-list" enctype="multipart/form-data" id="duty-list-form" class="card" novalidate>
      <ErrorSummary errors={errors} />
      <div class="field">
        <label for={fieldId('file')}>{D.file}</label>
        <Hint name="file">{D.fileHint}</Hint>
        <FieldError name="file" errors={errors} />
        <input type="file" name="file" id={fieldId('file')} accept=".csv,text/csv" aria-describedby="hint-file" />
      </div>
      <div class="field">
        <label for={fieldId('csv')}>{D.paste}</label>
        <Hint name="csv">{D.pasteHint}</Hint>
        <FieldError name="csv" errors={errors} />
        <textarea name="csv" id={fieldId('csv')} rows={6} aria-describedby="hint-csv">{pasted}</textarea>
      </div>
      <div class="actions">
        <button type="submit" id="duty-list-submit">{D.submit}</button>
        <a href="/duty-list?example=1" id="use-example">{D.useExample}</a>
      </div>
      <p><a href="/duty-list/example.csv" id="example-link" download={EXAMPLE_CSV_NAME}>{D.example}</a></p>
    </form>
  );
}

function Results({ verdicts, filter, source }: { verdicts: Verdict[]; filter: Filter | null; source: { example: true } | { csv: string } }) {
  const count = (k: Filter) => verdicts.filter((v) => v.kind === k).length;
  const shown = filter ? verdicts.filter((v) => v.kind === filter) : verdicts;
  const C = D.columns;
  const query = (f: Filter | null) => (f ? `?decision=${f}` : '');
  return (
    <section aria-labelledby="results-heading" id="duty-list-results">
      <h2 id="results-heading">{D.results}</h2>
      <p id="results-summary">{D.summary(verdicts.length, count('reject'), count('needs-review'), count('allow'), count('invalid'))}</p>
      {'example' in source ? (
        <nav aria-label={D.filter} class="actions" id="decision-filter">
          <span>{D.filter}：</span>
          <a href="/duty-list?example=1" aria-current={filter === null ? 'true' : undefined}>{D.all}</a>
          {FILTERS.map((f) => <a href={`/duty-list?example=1&decision=${f}`} aria-current={filter === f ? 'true' : undefined}>{filterLabel(f)}</a>)}
          <a class="button secondary" href={`/duty-list/verdicts.csv?example=1${filter ? `&decision=${filter}` : ''}`} id="download-csv">{D.download}</a>
        </nav>
      ) : (
        <form method="post" action={`/duty-list${query(filter)}`} class="actions" id="decision-filter" aria-label={D.filter}>
          <textarea name="csv" hidden aria-hidden="true">{source.csv}</textarea>
          <span>{D.filter}：</span>
          <button type="submit" class="secondary small" formaction="/duty-list" aria-pressed={filter === null ? 'true' : 'false'}>{D.all}</button>
          {FILTERS.map((f) => (
            <button type="submit" class="secondary small" formaction={`/duty-list?decision=${f}`} aria-pressed={filter === f ? 'true' : 'false'} data-filter={f}>{filterLabel(f)}</button>
          ))}
          <button type="submit" formaction={`/duty-list/verdicts.csv${query(filter)}`} id="download-csv">{D.download}</button>
        </form>
      )}
      <p class="muted">{D.shown(shown.length)}</p>
      {shown.length === 0 ? (
        <p class="muted">{D.none}</p>
      ) : (
        <div class="table-wrap">
          <table id="verdicts" class="stack">
            <thead>
              <tr>
                <th scope="col" class="num">{C.line}</th>
                <th scope="col">{C.serial}</th>
                <th scope="col">{C.item}</th>
                <th scope="col">{C.units}</th>
                <th scope="col">{C.decision}</th>
                <th scope="col">{C.reasons}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((v) => {
                const r = v.row.request as { title?: string; description?: string; responsibleUnits?: string[]; assistingUnits?: string[] };
                return (
                  <tr data-line={String(v.row.line)} data-decision={v.kind}>
                    <td data-label={C.line} class="num">{v.row.line}</td>
                    <td data-label={C.serial}>{v.row.carried.serial ?? ''}</td>
                    <td data-label={C.item}>
                      <strong>{r.title ?? ''}</strong>
                      {r.description ? (
                        <details>
                          <summary>{WEB_TEXT.fieldLabel.description}</summary>
                          <p class="text-block">{r.description}</p>
                        </details>
                      ) : null}
                    </td>
                    <td data-label={C.units}>{[...(r.responsibleUnits ?? []), ...(r.assistingUnits ?? [])].join('、')}</td>
                    <td data-label={C.decision}>{v.result ? <DecisionBadge decision={v.result.decision} /> : <span class="badge badge-reject">{D.invalid}</span>}</td>
                    <td data-label={C.reasons}>
                      {v.result ? (
                        <ul class="reasons">
                          {v.result.reasons.map((x) => (
                            <li class={`reason-${x.effect}`} data-code={x.code}>
                              {x.message}（{WEB_TEXT.clause(x.clause)}）
                              {x.effect !== 'allow' ? <span class="muted"> {WEB_TEXT.precheck.fix}：{x.fix}</span> : null}
                            </li>
                          ))}
                          {v.result.warnings.map((w) => <li class="warnings" data-code={w.code}>{w.message}</li>)}
                        </ul>
                      ) : (
                        <ul class="field-error">{v.issues.map((i) => <li>{i}</li>)}</ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The table a form post carries: the uploaded file if any, else the pasted text. */
async function postedCsv(body: FormBody): Promise<{ ok: true; csv: string } | { ok: false; errors: FieldErrors }> {
  const file = body.file;
  const upload = Array.isArray(file) ? file[0] : file;
  if (upload && typeof upload !== 'string' && upload.size > 0) {
    const bytes = await upload.arrayBuffer();
    try {
      return { ok: true, csv: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
    } catch {
      try {
        return { ok: true, csv: new TextDecoder('gb18030', { fatal: true, ignoreBOM: false }).decode(bytes) };
      } catch {
        return { ok: false, errors: { file: WEB_TEXT.errors.csvEncoding } };
      }
    }
  }
  const pasted = field(body, 'csv');
  if (pasted.trim() === '') return { ok: false, errors: { csv: WEB_TEXT.errors.csvRequired } };
  return { ok: true, csv: pasted };
}

function page(c: WebContext, content: { errors: FieldErrors; pasted: string; results?: unknown }, status: 200 | 400 | 413 = 200) {
  return render(
    c,
    D.title,
    <>
      <h1>{D.title}</h1>
      <p>{D.intro}</p>
      {content.results ?? null}
      <UploadForm errors={content.errors} pasted={content.pasted} />
    </>,
    status,
  );
}

function csvResponse(c: WebContext, verdicts: Verdict[]) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', 'attachment; filename="duty-list-verdicts.csv"');
  c.header('Cache-Control', 'no-store');
  return c.body(verdictsCsv(verdicts));
}

export function dutyListRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();
  const limit = bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => page(c as WebContext, { errors: { file: WEB_TEXT.errors.csvTooLarge('4 MB') }, pasted: '' }, 413) });

  app.get('/duty-list/example.csv', (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${EXAMPLE_CSV_NAME}"`);
    return c.body(EXAMPLE_CSV);
  });

  app.get('/duty-list', (c) => {
    const guard = requirePage(c);
    if (!guard.ok) return guard.response;
    if (c.req.query('example') !== '1') return page(c, { errors: {}, pasted: '' });
    const judged = judgeDutyList(EXAMPLE_CSV, ruleSet);
    if (!judged.ok) return page(c, { errors: { csv: judged.error }, pasted: '' }, 400);
    const filter = parseFilter(c.req.query('decision'));
    return page(c, { errors: {}, pasted: '', results: <Results verdicts={judged.verdicts} filter={filter} source={{ example: true }} /> });
  });

  app.post('/duty-list', limit, async (c) => {
    const guard = requirePage(c);
    if (!guard.ok) return guard.response;
    const body = (await c.req.parseBody()) as FormBody;
    const posted = await postedCsv(body);
    if (!posted.ok) return page(c, { errors: posted.errors, pasted: field(body, 'csv') }, 400);
    const judged = judgeDutyList(posted.csv, ruleSet);
    if (!judged.ok) return page(c, { errors: { csv: judged.error }, pasted: posted.csv }, 400);
    const filter = parseFilter(c.req.query('decision'));
    return page(c, { errors: {}, pasted: posted.csv, results: <Results verdicts={judged.verdicts} filter={filter} source={{ csv: posted.csv }} /> });
  });

  app.get('/duty-list/verdicts.csv', (c) => {
    const guard = requirePage(c);
    if (!guard.ok) return guard.response;
    const judged = judgeDutyList(EXAMPLE_CSV, ruleSet);
    if (!judged.ok) return page(c, { errors: { csv: judged.error }, pasted: '' }, 400);
    const filter = parseFilter(c.req.query('decision'));
    return csvResponse(c, filter ? judged.verdicts.filter((v) => v.kind === filter) : judged.verdicts);
  });

  app.post('/duty-list/verdicts.csv', limit, async (c) => {
    const guard = requirePage(c);
    if (!guard.ok) return guard.response;
    const body = (await c.req.parseBody()) as FormBody;
    const posted = await postedCsv(body);
    if (!posted.ok) return page(c, { errors: posted.errors, pasted: '' }, 400);
    const judged = judgeDutyList(posted.csv, ruleSet);
    if (!judged.ok) return page(c, { errors: { csv: judged.error }, pasted: posted.csv }, 400);
    const filter = parseFilter(c.req.query('decision'));
    return csvResponse(c, filter ? judged.verdicts.filter((v) => v.kind === filter) : judged.verdicts);
  });

  return app;
}
