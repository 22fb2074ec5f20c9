/**
 * /supervision (加强…落实情况监督检查): the district's figures for admin, a street's own for its reviewer. Charts
 * drawn as SVG on the server; under each, the numbers as a table and a CSV download.
 */
import { Hono } from 'hono';
import { reportQuerySchema } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { summaryReport } from '../../store/reports.ts';
import type { Identity } from '../../workflow/types.ts';
import { chinaDate } from '../../workdays/index.ts';
import type { WebContext, WebEnv } from '../env.ts';
import { ErrorSummary, FieldError, fieldId, type FieldErrors } from '../layout/parts.tsx';
import { render, requirePage } from '../page.tsx';
import { replayRoutes } from '../replay/routes.tsx';
import { Bars, Heatmap, Legend, MonthColumns, StackedBars } from './charts.tsx';
import { communityBurden, monthlyDecisions, streetName, type BurdenRow, type MonthRow, type Range } from './queries.ts';

const S = WEB_TEXT.supervision;
const C = S.columns;

const cell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csv(c: WebContext, name: string, header: string[], rows: unknown[][]) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="duty-gate-${name}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(`\ufeff${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`);
}

/** The date range of the query string, or the errors to show next to its fields. */
function readRange(c: WebContext): { range: Range; errors: FieldErrors } {
  const from = c.req.query('from') || undefined;
  const to = c.req.query('to') || undefined;
  const parsed = reportQuerySchema.pick({ from: true, to: true }).safeParse({ from, to });
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= WEB_TEXT.errors.dateInvalid;
    return { range: {}, errors };
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) return { range: {}, errors: { to: WEB_TEXT.errors.dateRange } };
  return { range: parsed.data, errors };
}

function rangeQuery(range: Range, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...extra, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) }).toString();
  return q ? `?${q}` : '';
}

/** The clause a reason code cites, from the decision rules. */
function clauseOf(ruleSet: CompiledRuleSet, code: string): string {
  return ruleSet.data.decisionRules.rules.find((r) => r.event.type === code)?.event.params.clause ?? '';
}

function burdenGrid(rows: BurdenRow[]) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const communities = new Map<string, { label: string; counts: number[]; warnings: number }>();
  for (const r of rows) {
    const entry = communities.get(r.communityId) ?? { label: r.community, counts: months.map(() => 0), warnings: 0 };
    entry.counts[months.indexOf(r.month)]! += r.demands;
    entry.warnings += r.warnings;
    communities.set(r.communityId, entry);
  }
  return { months, rows: [...communities.values()] };
}

function Table({ id, head, rows, numeric }: { id: string; head: string[]; rows: Array<Array<string | number>>; numeric: number }) {
  return (
    <details>
      <summary>{S.numbers}</summary>
      <div class="table-wrap">
        <table id={id}>
          <thead>
            <tr>{head.map((h, i) => <th scope="col" class={i >= head.length - numeric ? 'num' : undefined}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => <tr>{r.map((v, i) => <td class={i >= r.length - numeric ? 'num' : undefined}>{v}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </details>
  );
}

async function scopeName(c: WebContext, who: Identity): Promise<string> {
  return who.role === 'street-reviewer' && who.streetId ? (await streetName(c.env.DB, who.streetId)) ?? who.streetId : S.scopeAll;
}

export function supervisionRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();
  const roles = ['admin', 'street-reviewer'] as const;

  app.get('/supervision', async (c) => {
    const guard = requirePage(c, roles);
    if (!guard.ok) return guard.response;
    const who = guard.who;
    const { range, errors } = readRange(c);
    const [report, months, burden, scope] = await Promise.all([
      summaryReport(c.env.DB, who, { groupBy: 'department', from: range.from, to: range.to, today: chinaDate(new Date()) }),
      monthlyDecisions(c.env.DB, who, range),
      communityBurden(c.env.DB, who, range),
      scopeName(c, who),
    ]);
    const t = report.totals as Record<string, number>;
    const departments = report.groups.map((g) => ({ label: g.name, values: { allow: g.allow, 'needs-review': g.needsReview, reject: g.reject } }));
    const monthRows = months.map((m: MonthRow) => ({ label: m.month, values: { allow: m.allow, 'needs-review': m['needs-review'], reject: m.reject } }));
    const reasons = report.topReasons.map((r) => ({ code: r.code, label: WEB_TEXT.reasonLabel[r.code] ?? r.code, value: r.count, clause: clauseOf(ruleSet, r.code) }));
    const grid = burdenGrid(burden);
    const apiCsv = (groupBy: string) => `/api/v1/reports/summary${rangeQuery(range, { groupBy, format: 'csv' })}`;
    return render(
      c,
      S.title,
      <>
        <h1>{S.title}</h1>
        <p>{S.intro(scope)}</p>
        {who.role === 'admin' ? (
          <p id="replay-link"><a href="/supervision/replay">{S.replayLink}</a>{S.replayLinkHint}</p>
        ) : null}
        <form method="get" action="/supervision" class="card" id="range-form" novalidate>
          <ErrorSummary errors={errors} />
          <div class="actions">
            <div class="field">
              <label for={fieldId('from')}>{S.from}</label>
              <FieldError name="from" errors={errors} />
              <input type="date" name="from" id={fieldId('from')} value={c.req.query('from') ?? ''} aria-invalid={errors.from ? 'true' : undefined} />
            </div>
            <div class="field">
              <label for={fieldId('to')}>{S.to}</label>
              <FieldError name="to" errors={errors} />
              <input type="date" name="to" id={fieldId('to')} value={c.req.query('to') ?? ''} aria-invalid={errors.to ? 'true' : undefined} />
            </div>
            <button type="submit" class="secondary">{S.apply}</button>
          </div>
        </form>
        <p id="totals">{S.totals(t.total ?? 0, t.reject ?? 0, t.overdue ?? 0)}</p>
        {t.total === 0 ? <p class="muted">{S.empty}</p> : null}

        <section class="card" aria-labelledby="by-department">
          <h2 id="by-department">{S.byDepartment}</h2>
          <Legend />
          <StackedBars id="chart-departments" title={S.byDepartment} rows={departments} />
          <Table
            id="table-departments"
            head={[C.department, WEB_TEXT.decision.allow!, WEB_TEXT.decision['needs-review']!, WEB_TEXT.decision.reject!, C.total]}
            rows={report.groups.map((g) => [g.name, g.allow, g.needsReview, g.reject, g.total])}
            numeric={4}
          />
          <p class="actions">
            <a href={apiCsv('department')} id="csv-departments">{S.csv}</a>
            <a href={apiCsv('street')}>{S.csvByStreet}</a>
            <a href={apiCsv('community')}>{S.csvByCommunity}</a>
          </p>
        </section>

        <section class="card" aria-labelledby="by-month">
          <h2 id="by-month">{S.byMonth}</h2>
          <Legend />
          <MonthColumns id="chart-months" title={S.byMonth} rows={monthRows} />
          <Table
            id="table-months"
            head={[C.month, WEB_TEXT.decision.allow!, WEB_TEXT.decision['needs-review']!, WEB_TEXT.decision.reject!, C.total]}
            rows={months.map((m) => [m.month, m.allow, m['needs-review'], m.reject, m.total])}
            numeric={4}
          />
          <p><a href={`/supervision/months.csv${rangeQuery(range)}`} id="csv-months">{S.csv}</a></p>
        </section>

        <section class="card" aria-labelledby="top-reasons">
          <h2 id="top-reasons">{S.topReasons}</h2>
          <Bars id="chart-reasons" title={S.topReasons} rows={reasons} />
          <Table
            id="table-reasons"
            head={[C.reason, C.clause, C.count]}
            rows={reasons.map((r) => [`${r.label}（${r.code}）`, WEB_TEXT.clause(r.clause), r.value])}
            numeric={1}
          />
          <p><a href={`/supervision/reasons.csv${rangeQuery(range)}`} id="csv-reasons">{S.csv}</a></p>
        </section>

        <section class="card" aria-labelledby="burden">
          <h2 id="burden">{S.burden}</h2>
          <Heatmap id="chart-burden" title={S.burden} rows={grid.rows} months={grid.months} />
          <Table
            id="table-burden"
            head={[C.street, C.community, C.month, C.demands, C.rejected, C.warnings]}
            rows={burden.map((b) => [b.street, b.community, b.month, b.demands, b.rejected, b.warnings])}
            numeric={3}
          />
          <p><a href={`/supervision/burden.csv${rangeQuery(range)}`} id="csv-burden">{S.csv}</a></p>
        </section>
      </>,
    );
  });

  app.get('/supervision/months.csv', async (c) => {
    const guard = requirePage(c, roles);
    if (!guard.ok) return guard.response;
    const rows = await monthlyDecisions(c.env.DB, guard.who, readRange(c).range);
    return csv(c, 'months', [C.month, WEB_TEXT.decision.allow!, WEB_TEXT.decision['needs-review']!, WEB_TEXT.decision.reject!, C.total], rows.map((m) => [m.month, m.allow, m['needs-review'], m.reject, m.total]));
  });

  app.get('/supervision/reasons.csv', async (c) => {
    const guard = requirePage(c, roles);
    if (!guard.ok) return guard.response;
    const { range } = readRange(c);
    const report = await summaryReport(c.env.DB, guard.who, { groupBy: 'department', from: range.from, to: range.to, today: chinaDate(new Date()) });
    return csv(c, 'reasons', ['code', C.reason, C.clause, C.count], report.topReasons.map((r) => [r.code, WEB_TEXT.reasonLabel[r.code] ?? r.code, clauseOf(ruleSet, r.code), r.count]));
  });

  app.get('/supervision/burden.csv', async (c) => {
    const guard = requirePage(c, roles);
    if (!guard.ok) return guard.response;
    const rows = await communityBurden(c.env.DB, guard.who, readRange(c).range);
    return csv(c, 'burden', [C.street, C.community, 'id', C.month, C.demands, C.rejected, C.warnings], rows.map((b) => [b.street, b.community, b.communityId, b.month, b.demands, b.rejected, b.warnings]));
  });

  // The district's replay of a candidate rule set over the recorded decisions (admin only).
  app.route('/', replayRoutes(ruleSet));

  return app;
}
