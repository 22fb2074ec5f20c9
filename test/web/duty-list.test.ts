/** /duty-list: a CSV task table checked row by row, filtered by decision and downloaded as CSV. */
import { beforeAll, describe, expect, it } from 'vitest';
import seedCsv from '../../seeds/attachment-2-duty-list.csv?raw';
import { EXAMPLE_CSV } from '../../src/web/duty-list/example-csv.ts';
import { loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call } from '../support/worker.ts';
import { encode, ORIGIN } from './support.ts';
import { get, post, postMultipart, signIn, textOf } from './support.ts';

beforeAll(loadDemoData);

let cookie: string;
beforeAll(async () => {
  cookie = await signIn(TOKENS.community);
});

const TABLE = [
  '序号,重点任务,主要措施,牵头单位,责任单位,配合单位,完成时限',
  '1,违建拆除,请各社区负责辖区违建拆除,区城管局,各社区,,6月底前',
  '2,居民会议,召开居民代表会议,区民政局,各社区,,年底前',
  '3,入户调查,开展困难群众入户调查，区民政局提供调查表,区民政局,区民政局,各社区,长期',
  '4,党建,推进小区党支部组建,区委组织部,区委组织部,,12月底前',
].join('\r\n');

const rowsOf = (html: string) => [...html.matchAll(/<tr data-line="(\d+)" data-decision="([a-z-]+)">/g)].map((m) => [Number(m[1]), m[2]]);

describe('the duty-list page', () => {
  it('embeds the seed\'s attachment 2 as its example, unchanged', async () => {
    expect(EXAMPLE_CSV).toBe(seedCsv);
    const example = await get('/duty-list/example.csv');
    expect(example.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(example.headers.get('content-disposition')).toContain('attachment-2-duty-list.csv');
    expect(example.html).toBe(seedCsv);
  });

  it('offers upload and paste, each with its label, and the example', async () => {
    const page = await get('/duty-list', cookie);
    expect(page.html).toContain('<title>任务清单检查 - ');
    expect(page.html).toContain('enctype="multipart/form-data"');
    expect(page.html).toContain('<label for="field-file">');
    expect(page.html).toContain('<label for="field-csv">');
    expect(page.html).toContain('href="/duty-list/example.csv"');
  });

  it('the example table: 20 rows, each as the batch API judges it', async () => {
    const page = await get('/duty-list?example=1', cookie);
    const rows = rowsOf(page.html);
    expect(rows).toHaveLength(20);
    expect(textOf(page.html, 'results-summary')).toBe('共 20 行：不予准入 0，需审核 0，允许 20。');
    expect(page.html).toContain('data-code="not-addressed"');
  });

  it('a pasted table gets a verdict per row with reasons, as POST /api/v1/evaluate/batch gives', async () => {
    const page = await post('/duty-list', { csv: TABLE }, cookie);
    expect(page.status).toBe(200);
    const batch = await call('/api/v1/evaluate/batch', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: TABLE });
    const results = ((await batch.json()) as { results: Array<{ decision: string; reasons: Array<{ code: string }> }> }).results;
    expect(rowsOf(page.html)).toEqual(results.map((r, i) => [i + 2, r.decision]));
    expect(rowsOf(page.html).map(([, d]) => d)).toContain('reject');
    for (const code of new Set(results.flatMap((r) => r.reasons.map((x) => x.code)))) expect(page.html).toContain(`data-code="${code}"`);
    expect(page.html).toContain('不得将社区作为拆迁拆违事项的责任主体');
  });

  it('filters by decision from the query string, carrying the table along', async () => {
    const all = rowsOf((await post('/duty-list', { csv: TABLE }, cookie)).html);
    const rejects = await post('/duty-list?decision=reject', { csv: TABLE }, cookie);
    expect(rowsOf(rejects.html)).toEqual(all.filter(([, d]) => d === 'reject'));
    expect(rejects.html).toContain('<textarea name="csv" hidden="" aria-hidden="true">');
    expect(rejects.html).toContain('formaction="/duty-list?decision=allow"');
    expect(rejects.html).toContain('formaction="/duty-list/verdicts.csv?decision=reject"');
    const example = await get('/duty-list?example=1&decision=reject', cookie);
    expect(rowsOf(example.html)).toEqual([]);
    expect(example.html).toContain('没有符合筛选条件的行');
    const bogus = await post('/duty-list?decision=bogus', { csv: TABLE }, cookie);
    expect(rowsOf(bogus.html)).toEqual(all);
  });

  it('downloads the verdicts as CSV (UTF-8 with BOM), filtered or whole', async () => {
    const whole = await post('/duty-list/verdicts.csv', { csv: TABLE }, cookie);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(whole.headers.get('content-disposition')).toContain('attachment');
    const lines = whole.html.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    const bytes = new Uint8Array(
      await (await call('/duty-list/verdicts.csv', { method: 'POST', headers: { origin: ORIGIN, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: encode({ csv: TABLE }) })).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe('行号,序号,重点任务,主要措施,牵头单位,完成时限,结论,理由代码,原因,条款,修改建议,提醒');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2,1,违建拆除,请各社区负责辖区违建拆除,区城管局,6月底前,不予准入,forbidden-responsibility/);
    const rejects = await post('/duty-list/verdicts.csv?decision=reject', { csv: TABLE }, cookie);
    expect(rejects.html.trimEnd().split('\r\n').slice(1).every((l) => l.includes(',不予准入,'))).toBe(true);
    const example = await get('/duty-list/verdicts.csv?example=1', cookie);
    expect(example.html.trimEnd().split('\r\n')).toHaveLength(21);
  });

  it('takes an uploaded file (UTF-8 with BOM, or GBK)', async () => {
    const form = new FormData();
    form.set('file', new File([`\ufeff${TABLE}`], 'list.csv', { type: 'text/csv' }));
    form.set('csv', '');
    const page = await postMultipart('/duty-list', form, cookie);
    expect(page.status).toBe(200);
    expect(rowsOf(page.html)).toHaveLength(4);
    const gbk = new Uint8Array([0xd6, 0xd8, 0xb5, 0xe3, 0xc8, 0xce, 0xce, 0xf1, 0x0d, 0x0a, 0xc7, 0xeb, 0xc9, 0xe7, 0xc7, 0xf8, 0xd5, 0xd9, 0xbf, 0xaa, 0xbe, 0xd3, 0xc3, 0xf1, 0xbb, 0xe1, 0xd2, 0xe9]);
    const gbkForm = new FormData();
    gbkForm.set('file', new File([gbk], 'gbk.csv', { type: 'text/csv' }));
    const gbkPage = await postMultipart('/duty-list', gbkForm, cookie);
    expect(gbkPage.status, textOf(gbkPage.html, 'main') ?? '').toBe(200);
    expect(gbkPage.html).toContain('请社区召开居民会议');
  });

  it('explains a table it cannot read next to the field', async () => {
    const empty = await post('/duty-list', { csv: '' }, cookie);
    expect(empty.status).toBe(400);
    expect(textOf(empty.html, 'error-csv')).toBe('请上传 CSV 文件或粘贴表格内容');
    const noColumns = await post('/duty-list', { csv: '甲,乙\r\n1,2' }, cookie);
    expect(textOf(noColumns.html, 'error-csv')).toMatch(/^CSV 表头中没有可识别的列/);
    const malformed = await post('/duty-list', { csv: '重点任务,主要措施\r\n"未闭合,内容' }, cookie);
    expect(textOf(malformed.html, 'error-csv')).toMatch(/^CSV 第 \d+ 行格式错误/);
    expect(malformed.html).toContain('&quot;未闭合,内容</textarea>');
  });
});
