/**
 * The web pages in a real browser: Debian's Chromium (playwright-core) against a real `wrangler dev` with the demo
 * seed, as a new user would run `npm run dev`. One story, each step a test that builds on the one before:
 *
 *   1. a department (区城管局) fills the new-request form; the live pre-check rejects a one-vote veto and marks the
 *      words; they fix the text (assistance, funding and working conditions, a community of 秋浦街道) and submit;
 *   2. the street reviewer of 秋浦街道 finds it in the queue and approves it, funding confirmed, with a comment;
 *   3. the community (杏花社区) finds it admitted in its inbox;
 *   4. the community pastes demands on "这项工作该不该接？": demolition made its responsibility → reject, cite 9d;
 *      the admitted request's own text with its number → take it, admission on record;
 *   5. a duty list (seeds/attachment-2-duty-list.csv) is uploaded, judged, filtered and downloaded as CSV;
 *   6. wrong roles are refused (403 page), a signed-out visitor is sent to sign in;
 *   7. without JavaScript, the "预检" button gets the same verdict from the server;
 *   8. the remaining pages (rules, my requests, supervision) render cleanly;
 *   9. and the Worker logged no uncaught error meanwhile.
 *
 * Every page visited is captured at phone (390×844) and desktop (1280×800) width under test-results/screenshots/,
 * and every page is watched for console errors, uncaught exceptions and CSP violations.
 * Plain Node (vitest.e2e.config.ts): `npm run test:e2e`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startWranglerDev, type WranglerDev } from '../smoke/support/wrangler-dev.ts';
import {
  formatProblems,
  HTTP_STATUS_MESSAGE,
  launchChromium,
  newContext,
  resetScreenshots,
  screenshots,
  snap,
  takePageProblems,
  watchPage,
} from './support/browser.ts';

const ACCOUNTS = {
  department: /区城管局 张科长/,
  reviewer: /秋浦街道 周主任/,
  otherReviewer: /梅街镇 徐主任/,
  community: /杏花社区 陈书记/,
  admin: /区委社会工作部 王主任/,
} as const;

const DUTY_LIST_CSV = join(ROOT, 'seeds/attachment-2-duty-list.csv');
const CSV_HEADER = '行号,序号,重点任务,主要措施,牵头单位,完成时限,结论,理由代码,原因,条款,修改建议,提醒';

/** One row of each kind: demolition made the community's responsibility, funded assistance, a department's own work. */
const PASTED_CSV = [
  '序号,重点任务,主要措施,完成时限,牵头单位,责任单位,配合单位',
  '1,违建整治,由各社区负责辖区违建拆除,12月底前,区城管局,各社区,',
  '2,困难群众入户调查,请各社区协助开展困难群众入户调查，区民政局提供调查表和培训,12月底前,区民政局,区民政局,各社区',
  '3,社区党组织建设,推动社区党组织制定事项分层分类清单,6月底前,区委组织部,区委组织部,',
].join('\n');

const VETO_TEXT = '请各社区配合开展垃圾分类入户宣传，实行一票否决。';
const FIXED_TEXT = '请各社区协助区城管局开展垃圾分类入户宣传，区城管局提供宣传材料和培训。';
const TITLE = '垃圾分类入户宣传';
const APPROVAL_COMMENT = '同意准入，街道落实宣传场地和人员';

let dev: WranglerDev;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
/** The request the department submits in test 1, approved in 2, found in 3 and 4. */
let requestId = '';

beforeAll(async () => {
  resetScreenshots();
  [dev, browser] = await Promise.all([
    startWranglerDev({ seed: true, vars: { ALLOW_DEMO_TOKENS: 'true', SESSION_SECRET: 'x' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await dev?.stop();
  if (screenshots.length > 0) console.log(`${screenshots.length} screenshots in test-results/screenshots/`);
});

/** Any console error, page error or CSP violation left over from a test fails it (allowed ones are taken earlier). */
afterEach(() => {
  const left = pages.flatMap((p) => takePageProblems(p));
  expect(left, formatProblems(left)).toEqual([]);
});

/** A new browser profile (no cookies) at phone width with one watched page. */
async function freshPage(options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, dev.base, options);
  context.setDefaultTimeout(20_000);
  contexts.push(context);
  const page = await watchPage(await context.newPage());
  pages.push(page);
  return page;
}

/** Signs in on /login with a demo account button and waits for the role's home page. */
async function signIn(page: Page, account: RegExp, home: string): Promise<void> {
  const response = await page.goto('/login');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  await page.getByRole('button', { name: account }).click();
  await waitForPath(page, home);
  await expect.poll(() => page.locator('#signed-in-as').textContent()).toMatch(account);
}

/** Waits until the page is at this path (and, if given, exactly this query string). */
async function waitForPath(page: Page, pathname: string, search?: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === pathname && (search === undefined || url.search === search));
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

describe('web pages in Chromium on wrangler dev', () => {
  it('1. a department: the live pre-check rejects a one-vote veto and marks it; fixed, submitted, pending review', async () => {
    const page = await freshPage();
    await signIn(page, ACCOUNTS.department, '/department/requests');
    await snap(page, 'department-my-requests-empty');

    await page.getByRole('link', { name: '新建申请' }).first().click();
    await waitForPath(page, '/department/requests/new');
    await expect.poll(() => page.title()).toMatch(/^新建协助申请 - /);
    // The live pre-check is on once the script has run.
    await page.locator('#request-form[data-live="true"]').waitFor();
    await snap(page, 'department-new-request-empty');

    // Type the demand with a veto: no button pressed, the panel updates by itself.
    await page.getByLabel('事项名称').fill(TITLE);
    await page.getByLabel('工作内容', { exact: true }).fill(VETO_TEXT);
    const verdict = page.locator('#precheck-body .decision');
    await expect.poll(() => verdict.getAttribute('data-decision')).toBe('reject');
    const veto = page.locator('#precheck-body li.reason[data-code="one-vote-veto"]');
    await veto.waitFor();
    expect(await veto.innerText()).toMatch(/第9条 9c/);
    expect(await veto.locator('.fix').innerText()).toMatch(/^修改建议：/);
    // The words that triggered it are marked in the copy of the text.
    const marks = await page.locator('#precheck-body .evidence-field[data-field="description"] mark.ev-reject').allInnerTexts();
    expect(marks).toContain('一票否决');
    expect(await page.locator('#precheck-summary').innerText()).toMatch(/不予准入/);
    await snap(page, 'department-precheck-veto-rejected');

    // Fix it: assistance with funding and working conditions, for 杏花社区 of 秋浦街道.
    await page.getByLabel('工作内容', { exact: true }).fill(FIXED_TEXT);
    await page.getByLabel('社区角色').selectOption('assist');
    await page.getByLabel('工作经费（元）').fill('3000');
    await page.getByLabel('工作条件', { exact: true }).fill('区城管局提供宣传材料、培训和宣传志愿者');
    await page.getByLabel('法律或政策依据').fill('《池州市生活垃圾分类管理办法》');
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('完成时限').fill(deadline);
    const street = page.locator('fieldset[data-street="qiupu"]');
    await street.getByLabel('杏花社区', { exact: true }).check();
    await expect.poll(() => verdict.getAttribute('data-decision')).toBe('needs-review');
    expect(await page.locator('#precheck-body li.reason').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))).toEqual([
      'street-review-required',
    ]);
    expect(await page.locator('#precheck-body mark.ev-reject').count()).toBe(0);
    await snap(page, 'department-precheck-fixed-needs-review');

    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/requests\/[^/?#]+\?done=created$/);
    requestId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    expect(await text(page, '#request-id')).toBe(requestId);
    expect(await text(page, '#flash')).toBe('申请已提交。');
    expect(await text(page, '#request-title')).toBe(TITLE);
    expect(await page.locator('.facts .badge-status').getAttribute('data-status')).toBe('pending-review');
    expect(await text(page, '.facts .badge-status')).toBe('待审核');
    expect(await text(page, '.facts')).toMatch(/秋浦街道 杏花社区/);
    expect(await page.locator('#decision li.reason[data-code="street-review-required"]').count()).toBe(1);
    await snap(page, 'department-request-pending-review');

    await page.getByRole('link', { name: '我的申请' }).click();
    await waitForPath(page, '/department/requests');
    expect(await page.locator(`#request-list tr[data-request-id="${requestId}"]`).getAttribute('data-status')).toBe('pending-review');
    await snap(page, 'department-my-requests');
  });

  it('2. the street reviewer of 秋浦街道 finds it in the queue and approves it, funding confirmed, with a comment', async () => {
    expect(requestId, 'test 1 submitted a request').not.toBe('');
    const page = await freshPage();
    await signIn(page, ACCOUNTS.reviewer, '/reviews');
    const row = page.locator(`#review-queue tr[data-request-id="${requestId}"]`);
    expect(await row.innerText()).toMatch(/区城市管理局[\s\S]*杏花社区/);
    await snap(page, 'reviewer-queue');

    await row.getByRole('link', { name: TITLE }).click();
    await waitForPath(page, `/requests/${requestId}`);
    const approve = page.locator('#review-approve');
    // Approving needs the funding confirmation: the browser will not send the form without it.
    expect(await approve.getByLabel('确认经费或工作条件已落实').getAttribute('required')).not.toBeNull();
    await snap(page, 'reviewer-request');

    await approve.getByLabel('批准意见').fill(APPROVAL_COMMENT);
    await approve.getByLabel('确认经费或工作条件已落实').check();
    await approve.getByRole('button', { name: '批准准入' }).click();
    await waitForPath(page, `/requests/${requestId}`, '?done=approve');
    expect(await text(page, '#flash')).toBe('已批准准入。');
    expect(await page.locator('.facts .badge-status').getAttribute('data-status')).toBe('admitted');
    const review = await text(page, '#review-history tbody tr');
    expect(review).toContain(APPROVAL_COMMENT);
    expect(review).toMatch(/秋浦街道 周主任[\s\S]*批准[\s\S]*是/);
    expect(await page.locator('#history tbody tr').count()).toBe(2);
    expect(await page.locator('#review-approve').count()).toBe(0);
    await snap(page, 'reviewer-request-approved');

    await page.getByRole('link', { name: '待审队列' }).click();
    await waitForPath(page, '/reviews');
    expect(await page.locator(`#review-queue tr[data-request-id="${requestId}"]`).count()).toBe(0);
    await snap(page, 'reviewer-queue-after-approval');
  });

  it('3. the community finds it admitted in its inbox', async () => {
    expect(requestId, 'test 1 submitted a request').not.toBe('');
    const page = await freshPage();
    await signIn(page, ACCOUNTS.community, '/inbox');
    const row = page.locator(`#inbox tr[data-request-id="${requestId}"]`);
    expect(await row.getAttribute('data-status')).toBe('admitted');
    expect(await row.innerText()).toMatch(/已准入[\s\S]*应当承接/);
    expect(await row.innerText()).toContain('区城市管理局');
    await snap(page, 'community-inbox');

    await row.getByRole('link', { name: TITLE }).click();
    await waitForPath(page, `/requests/${requestId}`);
    expect(await page.locator('.facts .badge-status').getAttribute('data-status')).toBe('admitted');
    // Not the community's to review or withdraw.
    expect(await page.locator('#review-approve, #withdraw-form, #revise-link').count()).toBe(0);
    await snap(page, 'community-request');
  });

  it('4. the community pastes demands on "这项工作该不该接？": demolition is refused with 9d; the admitted one is on record', async () => {
    const page = await freshPage();
    await signIn(page, ACCOUNTS.community, '/inbox');
    await page.getByRole('link', { name: '该不该接' }).first().click();
    await waitForPath(page, '/check');
    await expect.poll(() => page.title()).toMatch(/^这项工作该不该接？ - /);
    await snap(page, 'community-check-empty');

    await page.getByLabel('收到的要求').fill('@所有人 请各社区负责辖区违建拆除，本周内完成，纳入年度考核。');
    await page.getByRole('button', { name: '判断' }).click();
    await page.locator('#check-result').waitFor();
    const verdict = page.locator('#check-verdict');
    expect(await verdict.getAttribute('data-decision')).toBe('reject');
    expect(await verdict.innerText()).toMatch(/^不该接/);
    const clauses = await page.locator('#check-clauses li').allInnerTexts();
    expect(clauses.some((c) => c.startsWith('第9条 9d'))).toBe(true);
    expect(await page.locator('#check-record').getAttribute('data-advice')).toBe('no-record');
    expect(await text(page, '#reply-text')).toMatch(/社区暂不承接/);
    // The pasted text comes back in the form, so it can be edited and judged again.
    expect(await page.getByLabel('收到的要求').inputValue()).toContain('违建拆除');
    await snap(page, 'community-check-demolition-rejected');

    expect(requestId, 'test 1 submitted a request').not.toBe('');
    await page.getByLabel('收到的要求').fill(`各位书记：${FIXED_TEXT}`);
    await page.getByLabel('申请编号（可选）').fill(requestId);
    await page.getByRole('button', { name: '判断' }).click();
    await page.locator('#check-result').waitFor();
    expect(await verdict.getAttribute('data-decision')).toBe('allow');
    expect(await page.locator('#check-record').getAttribute('data-advice')).toBe('admitted');
    expect(await text(page, '#check-record')).toContain(requestId);
    expect(await page.locator('#reply-text').count()).toBe(0);
    await snap(page, 'community-check-admitted');
  });

  it('5. a duty list: attachment 2 uploaded and judged row by row, downloaded as CSV; a pasted table filtered by decision', async () => {
    const page = await freshPage();
    await signIn(page, ACCOUNTS.department, '/department/requests');
    await page.getByRole('link', { name: '任务清单检查' }).click();
    await waitForPath(page, '/duty-list');
    await snap(page, 'duty-list-empty');

    // Upload the seed's attachment 2: one verdict per row.
    await page.getByLabel('CSV 文件').setInputFiles(DUTY_LIST_CSV);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.locator('#verdicts').waitFor();
    const rows = page.locator('#verdicts tbody tr');
    expect(await rows.count()).toBe(20);
    const summary = await text(page, '#results-summary');
    const counts = summaryCounts(summary);
    expect(counts).toMatchObject({ total: 20 });
    expect(counts.reject + counts.review + counts.allow).toBe(20);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-decision')))).toEqual(expect.arrayContaining(['allow']));
    // Row 9 of attachment 2 restates the rules (取消…一票否决, 不得将社区作为…责任主体): negated, so no veto.
    expect(await page.locator('#verdicts [data-code="one-vote-veto"]').count()).toBe(0);
    await snap(page, 'duty-list-attachment-2-results');

    // The download holds every row's verdict under the header row the page promises.
    const all = await downloadCsv(page);
    expect(all.filename).toBe('duty-list-verdicts.csv');
    expect(all.records[0]!.join(',')).toBe(CSV_HEADER);
    expect(all.records.length).toBe(1 + 20);
    expect(all.records.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['1', '13.2', '19']));
    expect(all.records.slice(1).filter((r) => r[6] === '允许').length).toBe(counts.allow);
    expect(all.records.slice(1).filter((r) => r[6] === '不予准入').length).toBe(counts.reject);

    // A pasted table with one row of each kind, then filtered to the refused row and downloaded again.
    await page.goto('/duty-list');
    await page.getByLabel('或粘贴表格内容').fill(PASTED_CSV);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.locator('#verdicts').waitFor();
    expect(summaryCounts(await text(page, '#results-summary'))).toEqual({ total: 3, reject: 1, review: 1, allow: 1 });
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-decision')))).toEqual(['reject', 'needs-review', 'allow']);
    await snap(page, 'duty-list-pasted-results');
    // The table rides along in a hidden field of the filter form: hidden, not shown above the buttons.
    expect(await page.locator('#decision-filter textarea').isVisible()).toBe(false);

    await page.locator('#decision-filter').getByRole('button', { name: '不予准入' }).click();
    await waitForPath(page, '/duty-list', '?decision=reject');
    await page.locator('#verdicts').waitFor();
    expect(await rows.count()).toBe(1);
    const refused = rows.first();
    expect(await refused.locator('[data-code="forbidden-responsibility"]').innerText()).toContain('第9条 9d');
    expect(await text(page, '#verdicts tbody tr')).toContain('违建整治');
    await snap(page, 'duty-list-pasted-filtered-reject');

    const filtered = await downloadCsv(page);
    expect(filtered.records[0]!.join(',')).toBe(CSV_HEADER);
    expect(filtered.records.slice(1).map((r) => [r[1], r[2], r[6], r[7]])).toEqual([['1', '违建整治', '不予准入', 'forbidden-responsibility']]);
  });

  it('6. wrong roles are refused: a community on the review queue and the department form (403), a visitor sent to sign in', async () => {
    const page = await freshPage();
    for (const path of ['/reviews', '/department/requests/new']) {
      const response = await page.goto(path);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe(path);
      expect(response?.status()).toBe(200);
    }
    await snap(page, 'visitor-sent-to-login');

    await signIn(page, ACCOUNTS.community, '/inbox');
    for (const [path, name] of [['/reviews', 'community-on-review-queue-403'], ['/department/requests/new', 'community-on-department-form-403']] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await text(page, 'h1')).toBe('无权访问');
      expect(await text(page, '#page-message')).toBe('当前账号无权访问此页面或进行此操作。');
      expect(await page.locator('#review-queue, #request-form').count()).toBe(0);
      await snap(page, name);
    }
    expect(takePageProblems(page, [HTTP_STATUS_MESSAGE(403)])).toEqual([]);

    // A reviewer of another street (梅街镇) neither sees the request in its queue nor opens it.
    expect(requestId, 'test 1 submitted a request').not.toBe('');
    const other = await freshPage();
    await signIn(other, ACCOUNTS.otherReviewer, '/reviews');
    expect(await other.locator(`[data-request-id="${requestId}"]`).count()).toBe(0);
    const response = await other.goto(`/requests/${requestId}`);
    expect(response?.status()).toBe(404);
    expect(await other.locator('#request-title').count()).toBe(0);
    await snap(other, 'other-street-reviewer-request-404');
    expect(takePageProblems(other, [HTTP_STATUS_MESSAGE(404)])).toEqual([]);
  });

  it('7. without JavaScript the forms still work: the "预检" button asks the server, which marks the veto', async () => {
    const page = await freshPage({ javaScript: false });
    await signIn(page, ACCOUNTS.department, '/department/requests');
    await page.goto('/department/requests/new');
    expect(await page.locator('#request-form').getAttribute('data-live')).toBeNull();
    await page.getByLabel('事项名称').fill(TITLE);
    await page.getByLabel('工作内容', { exact: true }).fill(VETO_TEXT);
    await page.getByRole('button', { name: '预检', exact: true }).click();
    await page.locator('#precheck-body .decision').waitFor();
    expect(await page.locator('#precheck-body .decision').getAttribute('data-decision')).toBe('reject');
    expect(await page.locator('#precheck-body li.reason[data-code="one-vote-veto"]').count()).toBe(1);
    expect(await page.locator('#precheck-body mark.ev-reject').allInnerTexts()).toContain('一票否决');
    // What was typed comes back in the form.
    expect(await page.getByLabel('工作内容', { exact: true }).inputValue()).toBe(VETO_TEXT);
    expect(await text(page, '#precheck-summary')).toMatch(/不予准入/);
    await snap(page, 'no-js-department-precheck-veto-rejected');
  });

  it('8. the other pages render cleanly: rules (signed out), my requests filter, supervision (admin)', async () => {
    const page = await freshPage();
    const rules = await page.goto('/rules');
    expect(rules?.status()).toBe(200);
    expect(await text(page, 'h1')).toBe('现行规则');
    await snap(page, 'rules');

    await signIn(page, ACCOUNTS.department, '/department/requests');
    await page.getByLabel('按状态筛选').selectOption('admitted');
    await page.getByRole('button', { name: '筛选' }).click();
    await waitForPath(page, '/department/requests', '?status=admitted');
    expect(await page.locator(`#request-list tr[data-request-id="${requestId}"]`).count()).toBe(1);
    await snap(page, 'department-my-requests-admitted');

    const admin = await freshPage();
    await signIn(admin, ACCOUNTS.admin, '/supervision');
    expect(await text(admin, 'h1')).toBe('监督统计');
    expect(await admin.locator('svg').count()).toBeGreaterThan(0);
    await snap(admin, 'admin-supervision');
  });

  it('9. wrangler dev logged no uncaught error from the Worker', () => {
    expect(dev.log()).not.toMatch(/Uncaught|unhandled error|✘ \[ERROR\]/);
  });
});

/** The counts of the results summary ("共 20 行：不予准入 0，需审核 0，允许 20。"). */
function summaryCounts(summary: string) {
  const n = (re: RegExp) => Number(re.exec(summary)?.[1] ?? NaN);
  return { total: n(/共 (\d+) 行/), reject: n(/不予准入 (\d+)/), review: n(/需审核 (\d+)/), allow: n(/允许 (\d+)/) };
}

/** Clicks "下载结果 CSV" and reads the file: UTF-8 with a BOM, CRLF lines, as records. */
async function downloadCsv(page: Page): Promise<{ filename: string; records: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe(CSV_HEADER);
  return { filename: download.suggestedFilename(), records: csvRecords(csv) };
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && csv[i + 1] === '\n') {
      record.push(field), records.push(record), (record = []), (field = ''), i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  return records;
}
