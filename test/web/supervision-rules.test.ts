/** /supervision (charts as SVG with the numbers as tables and CSV; a reviewer sees its street) and /rules. */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { COMMUNITIES, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { create, createPending, createRejected } from '../workflow/helpers.ts';
import { get, signIn, textOf } from './support.ts';

beforeAll(loadDemoData);

let admin: string;
let reviewer: string;

beforeAll(async () => {
  admin = await signIn(TOKENS.admin);
  reviewer = await signIn(TOKENS.reviewer);
  await createPending();
  await createRejected();
  await createRejected({ targetCommunities: [COMMUNITIES.liujie] });
  await create('assistance', 'pending-review', { description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训，每周拍照上传。', targetCommunities: [COMMUNITIES.liujie] });
});

const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe('/supervision', () => {
  it('draws each chart as an SVG image with a title, the numbers in a table and a CSV link', async () => {
    const page = await get('/supervision', admin);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>监督统计 - ');
    for (const id of ['chart-departments', 'chart-months', 'chart-reasons', 'chart-burden']) {
      expect(page.html).toMatch(new RegExp(`<svg class="chart" id="${id}" viewBox="0 0 (\\d+) (\\d+)" width="\\1" height="\\2" role="img" aria-labelledby="${id}-title"`));
      expect(page.html).toContain(`<title id="${id}-title">`);
    }
    expect(page.html).toContain('class="seg-reject"');
    expect(textOf(page.html, 'totals')).toBe('申请 4 项，不予准入 2 项，审核逾期 0 项。');
    expect(textOf(page.html, 'table-departments')).toContain('区民政局');
    expect(textOf(page.html, 'table-months')).toContain(month());
    expect(textOf(page.html, 'table-reasons')).toContain('forbidden-responsibility');
    const burden = textOf(page.html, 'table-burden')!;
    expect(burden).toContain('杏花社区');
    expect(burden).toContain('刘街社区');
    expect(page.html).toContain('href="/api/v1/reports/summary?groupBy=department&amp;format=csv"');
    for (const id of ['csv-months', 'csv-reasons', 'csv-burden']) expect(page.html).toContain(`id="${id}"`);
  });

  it('counts burden warnings per community and month', async () => {
    const csv = await get('/supervision/burden.csv', admin);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.trimEnd().split('\r\n');
    expect(lines[0]).toBe('镇(街道),社区,id,月份,收到要求,不予准入,减负提醒');
    const liujie = lines.find((l) => l.includes(',meijie-liujie,'))!;
    const [, , , m, demands, rejected, warnings] = liujie.split(',');
    expect([m, demands, rejected]).toEqual([month(), '2', '1']);
    expect(Number(warnings)).toBeGreaterThanOrEqual(1);
  });

  it('a reviewer sees its own street only', async () => {
    const page = await get('/supervision', reviewer);
    expect(page.html).toContain('范围：秋浦街道');
    const burden = textOf(page.html, 'table-burden')!;
    expect(burden).toContain('杏花社区');
    expect(burden).not.toContain('刘街社区');
    expect(textOf(page.html, 'totals')).toBe('申请 2 项，不予准入 1 项，审核逾期 0 项。');
    expect((await get('/supervision/burden.csv', reviewer)).html).not.toContain('meijie-liujie');
  });

  it('the month and reason CSVs hold the numbers behind their charts', async () => {
    const months = (await get('/supervision/months.csv', admin)).html.trimEnd().split('\r\n');
    expect(months[0]).toBe('月份,允许,需审核,不予准入,合计');
    expect(months[1]).toBe(`${month()},0,2,2,4`);
    const reasons = (await get('/supervision/reasons.csv', admin)).html.trimEnd().split('\r\n');
    expect(reasons[0]).toBe('code,原因,条款,次数');
    expect(reasons).toContain('forbidden-responsibility,社区作为禁止领域的责任主体,9d,2');
  });

  it('a date range filters, and a bad one is explained next to its field', async () => {
    const future = await get('/supervision?from=2099-01-01', admin);
    expect(textOf(future.html, 'totals')).toBe('申请 0 项，不予准入 0 项，审核逾期 0 项。');
    expect(future.html).toContain('value="2099-01-01"');
    const bad = await get('/supervision?from=2026-02-30', admin);
    expect(textOf(bad.html, 'error-from')).toBe('日期格式应为 年-月-日，如 2026-12-31');
    const backwards = await get('/supervision?from=2026-05-01&to=2026-04-01', admin);
    expect(textOf(backwards.html, 'error-to')).toBe('开始日期不能晚于结束日期');
  });
});

describe('/rules', () => {
  it('shows every rule, every clause quote, the four lists and the rule-set version, to anyone', async () => {
    const page = await get('/rules');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>现行规则 - ');
    expect(page.html).toContain(defaultRuleSet.version);
    const { data } = defaultRuleSet;
    const text = textOf(page.html, 'main')!;
    for (const clause of data.clauses.clauses) expect(text).toContain(clause.quote);
    for (const rule of data.decisionRules.rules) expect(page.html).toContain(`data-rule="${rule.name}"`);
    for (const list of ['list-statutory', 'list-assistance', 'list-negative', 'list-certificates-retained', 'list-certificates-cancelled']) expect(page.html).toContain(`id="${list}"`);
    for (const item of [...data.statutoryDuties.items, ...data.assistanceByLaw.items, ...data.negativeList.items, ...data.certificates.cancelled]) {
      expect(text).toContain(item.name);
    }
    for (const area of data.areas.areas) expect(text).toContain(area.label);
  });
});
