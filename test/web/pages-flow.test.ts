/**
 * The admission workflow driven through the pages as a browser without JavaScript would: the department pre-checks
 * and submits, errors come back next to their fields, the street reviews, the community sees the result and
 * checks a pasted demand; revise, withdraw and exit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITIES, db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { chinaToday } from '../workflow/helpers.ts';
import { get, post, requestIdOf, signIn, textOf, type Fields } from './support.ts';

beforeAll(loadDemoData);

let department: string;
let reviewer: string;
let community: string;
let admin: string;

beforeAll(async () => {
  department = await signIn(TOKENS.department);
  reviewer = await signIn(TOKENS.reviewer);
  community = await signIn(TOKENS.community);
  admin = await signIn(TOKENS.admin);
});

const ASSISTANCE: Fields = {
  title: '困难群众入户调查',
  description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。',
  communityRole: 'assist',
  fundingAmount: '3000',
  fundingConditions: '提供调查表和培训',
  legalBasis: '《社会救助暂行办法》第十一条',
  deadline: chinaToday(60),
  targetCommunities: [COMMUNITIES.xinghua, COMMUNITIES.baiya],
};

const VETO: Fields = { ...ASSISTANCE, description: '请各社区协助区民政局开展困难群众入户调查，完成情况纳入年度考核，实行一票否决。' };

function submit(fields: Fields, intent: 'check' | 'submit' = 'submit') {
  return post('/department/requests/new', { ...fields, intent, idempotencyKey: crypto.randomUUID() }, department);
}

describe('the new request form', () => {
  it('has a label for every field and every contract field', async () => {
    const page = await get('/department/requests/new', department);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>新建协助申请 - ');
    for (const name of ['title', 'description', 'communityRole', 'listItem', 'fundingAmount', 'fundingConditions', 'legalBasis', 'deadline']) {
      expect(page.html, name).toContain(`name="${name}" id="field-${name}"`);
      expect(page.html, name).toContain(`<label for="field-${name}">`);
    }
    expect(page.html).toContain('name="oneVoteVeto" value="true" id="field-oneVoteVeto"');
    for (const area of ['law-enforcement', 'demolition', 'investment-promotion']) expect(page.html).toContain(`value="${area}" id="area-${area}"`);
    // Target communities come grouped by street, each box inside its label.
    expect(page.html).toMatch(/<fieldset data-select-all="全选秋浦街道" data-street="qiupu"><legend>秋浦街道<\/legend>/);
    expect(page.html).toMatch(/<label class="choice"><input type="checkbox" name="targetCommunities" value="qiupu-xinghua" id="target-qiupu-xinghua"\/>杏花社区<\/label>/);
    expect(page.html).toContain('<optgroup label="村(社区)依法履职事项清单">');
    expect(page.html).toContain('id="precheck"');
    expect(page.html).toContain('data-department="区民政局"');
    expect(page.html).toMatch(/name="idempotencyKey" value="[0-9a-f-]{36}"/);
  });

  it('"预检" without JavaScript renders the decision, each reason with its clause and fix, and marks the words', async () => {
    const page = await submit(VETO, 'check');
    expect(page.status).toBe(200);
    const panel = textOf(page.html, 'precheck')!;
    expect(panel).toContain('不予准入');
    expect(panel).toContain('取消对社区工作"一票否决"事项');
    expect(panel).toContain('删除"一票否决"');
    expect(page.html).toContain('data-code="one-vote-veto"');
    expect(page.html).toMatch(/<mark class="ev ev-reject" title="[^"]*设置一票否决[^"]*">一票否决<\/mark>/);
    // Nothing was stored, and the form keeps what was typed.
    expect(page.html).toContain('实行一票否决。</textarea>');
    expect(page.html).toContain('value="qiupu-baiya" id="target-qiupu-baiya" checked=""');
    const stored = await db.prepare("SELECT count(*) AS n FROM requests WHERE title = '困难群众入户调查' AND decision = 'reject'").first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('the pre-check reads the declared veto and the stricter reading of the text too', async () => {
    const page = await submit({ ...ASSISTANCE, oneVoteVeto: 'true' }, 'check');
    expect(page.html).toContain('data-code="one-vote-veto"');
    expect(textOf(page.html, 'precheck')).toContain('涉及的声明字段：声明一票否决');
    const fixed = await submit(ASSISTANCE, 'check');
    expect(fixed.html).toMatch(/class="decision decision-needs-review" data-decision="needs-review"/);
    expect(fixed.html).not.toContain('data-code="one-vote-veto"');
  });

  it('puts errors next to the fields they concern, in Chinese, keeping the input', async () => {
    const page = await submit({ title: '', description: ' ', fundingAmount: '三千', deadline: '2020-01-01', targetCommunities: [] });
    expect(page.status).toBe(400);
    expect(textOf(page.html, 'error-description')).toBe('事项名称和工作内容至少填写一项');
    expect(textOf(page.html, 'error-fundingAmount')).toBe('经费金额应为不小于 0 的数字（单位：元）');
    expect(textOf(page.html, 'error-targetCommunities')).toBe('请至少选择一个目标社区');
    expect(page.html).toMatch(/name="fundingAmount" id="field-fundingAmount" value="三千"[^>]*aria-describedby="hint-fundingAmount error-fundingAmount" aria-invalid="true"/);
    expect(page.html).toContain('<a href="#field-targetCommunities">请至少选择一个目标社区</a>');
    const late = await submit({ ...ASSISTANCE, deadline: '2020-01-01' });
    expect(late.status).toBe(400);
    expect(textOf(late.html, 'error-deadline')).toBe('完成时限不能早于今天');
    const badDate = await submit({ ...ASSISTANCE, deadline: '2026-13-45' });
    expect(textOf(badDate.html, 'error-deadline')).toBe('日期格式应为 年-月-日，如 2026-12-31');
  });

  it('submitting creates the request through the workflow and shows its page; a double submit creates one', async () => {
    const key = crypto.randomUUID();
    const first = await post('/department/requests/new', { ...ASSISTANCE, intent: 'submit', idempotencyKey: key }, department);
    const id = requestIdOf(first);
    expect(first.location).toBe(`/requests/${id}?done=created`);
    const again = await post('/department/requests/new', { ...ASSISTANCE, intent: 'submit', idempotencyKey: key }, department);
    expect(requestIdOf(again)).toBe(id);
    const page = await get(first.location!, department);
    expect(page.status).toBe(200);
    expect(textOf(page.html, 'flash')).toBe('申请已提交。');
    expect(page.html).toContain('data-status="pending-review"');
    expect(textOf(page.html, 'summary-heading')).toBe('概况');
    expect(page.html).toContain('秋浦街道 百牙社区、秋浦街道 杏花社区');
    expect(page.html).toContain('3000 元；提供调查表和培训');
    expect(page.html).toContain('《社会救助暂行办法》第十一条');
    const row = await db.prepare('SELECT status, deadline FROM requests WHERE id = ?').bind(id).first<{ status: string; deadline: string }>();
    expect(row).toEqual({ status: 'pending-review', deadline: ASSISTANCE.deadline });
  });

  it('"my requests" lists them with a status filter', async () => {
    const rejected = requestIdOf(await submit(VETO));
    const all = await get('/department/requests', department);
    expect(all.html).toContain(`data-request-id="${rejected}" data-status="rejected"`);
    const filtered = await get('/department/requests?status=pending-review', department);
    expect(filtered.html).not.toContain(`data-request-id="${rejected}"`);
    expect(filtered.html).toContain('data-status="pending-review"');
    expect(filtered.html).toContain('<option value="pending-review" selected="">');
    const other = await get('/department/requests', await signIn(TOKENS.otherDepartment));
    expect(other.html).not.toContain(rejected);
  });
});

describe('review, community and history', () => {
  let id: string;

  beforeAll(async () => {
    id = requestIdOf(await submit(ASSISTANCE));
  });

  it('the queue shows due dates, overdue first and marked', async () => {
    const late = requestIdOf(await submit({ ...ASSISTANCE, title: '逾期的申请' }));
    await db.prepare("UPDATE requests SET review_due = '2020-01-06' WHERE id = ?").bind(late).run();
    const queue = await get('/reviews', reviewer);
    expect(queue.status).toBe(200);
    const rows = [...queue.html.matchAll(/data-request-id="(req_[a-z0-9]+)" data-overdue="(true|false)"/g)].map((m) => [m[1], m[2]]);
    expect(rows[0]).toEqual([late, 'true']);
    expect(rows.find(([r]) => r === id)?.[1]).toBe('false');
    expect(queue.html).toContain('<tr class="overdue"');
    expect(queue.html).toContain('2020-01-06 <span class="badge badge-overdue">已逾期</span>');
    expect(textOf(queue.html, 'queue-summary')).toMatch(/其中 \d+ 项已逾期/);
    expect((await get('/reviews', await signIn(TOKENS.otherReviewer))).html).not.toContain(id);
  });

  it('approval needs the funding confirmation and a comment, shown next to the fields', async () => {
    const page = await get(`/requests/${id}`, reviewer);
    expect(page.html).toContain('<mark class="ev ev-needs-review"');
    expect(page.html).toMatch(/id="field-approve-funding" required=""/);
    const missing = await post(`/requests/${id}/review`, { action: 'approve', version: '1', comment: '同意' }, reviewer);
    expect(missing.status).toBe(400);
    expect(textOf(missing.html, 'error-approve-funding')).toBe('批准前须确认经费或工作条件已落实');
    expect(missing.html).toContain('同意</textarea>');
    const noComment = await post(`/requests/${id}/review`, { action: 'return', version: '1', comment: '' }, reviewer);
    expect(textOf(noComment.html, 'error-return-comment')).toBe('请填写审核意见（至少 2 个字）');
    const stale = await post(`/requests/${id}/review`, { action: 'approve', version: '9', comment: '同意', fundingConfirmed: 'true' }, reviewer);
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('申请状态已变化');
    const approved = await post(`/requests/${id}/review`, { action: 'approve', version: '1', comment: '同意，经费已落实', fundingConfirmed: 'true' }, reviewer);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`/requests/${id}?done=approve`);
    const after = await get(approved.location!, reviewer);
    expect(textOf(after.html, 'flash')).toBe('已批准准入。');
    expect(after.html).toContain('data-status="admitted"');
    expect(textOf(after.html, 'review-history')).toContain('同意，经费已落实');
    expect(textOf(after.html, 'history')).toContain('秋浦街道 周主任（镇(街道)审核）');
    expect(after.html).toContain('id="exit-form"');
    expect(after.html).not.toContain('id="review-approve"');
  });

  it('the community sees it admitted in its inbox and on its page', async () => {
    const inbox = await get('/inbox', community);
    expect(inbox.html).toContain(`data-request-id="${id}" data-status="admitted"`);
    expect(inbox.html).toContain('应当承接');
    const page = await get(`/requests/${id}`, community);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('<form method="post" action="/requests/');
    expect((await get('/inbox', await signIn(TOKENS.otherCommunity))).html).not.toContain(id);
  });

  it('"这项工作该不该接？" judges a pasted demand in plain words, with the clause to cite and the record', async () => {
    const veto = await post('/check', { text: '@所有人 请各社区本周内负责完成辖区违建拆除，完成情况纳入年度考核，实行一票否决。' }, community);
    expect(veto.status).toBe(200);
    expect(textOf(veto.html, 'check-verdict')).toContain('不该接');
    expect(textOf(veto.html, 'check-clauses')).toContain('取消对社区工作"一票否决"事项');
    expect(textOf(veto.html, 'check-clauses')).toContain('不得将社区作为行政执法、拆迁拆违');
    expect(textOf(veto.html, 'check-record')).toContain('没有找到准入记录');
    expect(textOf(veto.html, 'reply-text')).toContain('社区暂不承接');
    expect(veto.html).toContain('data-copy="reply-text"');
    const admitted = await post('/check', { text: ASSISTANCE.description as string, requestId: id }, community);
    expect(textOf(admitted.html, 'check-verdict')).toContain('可以接');
    expect(textOf(admitted.html, 'check-record')).toContain(`找到申请 ${id}`);
    expect(textOf(admitted.html, 'check-record')).toContain('应当承接');
    expect(admitted.html).not.toContain('id="reply-text"');
    const statutory = await post('/check', { text: '请各社区于本月底前召开居民会议，听取居委会年度工作报告。' }, community);
    expect(textOf(statutory.html, 'check-verdict')).toContain('可以接');
    const otherCommunity = await post('/check', { text: ASSISTANCE.description as string, requestId: id }, await signIn(TOKENS.otherCommunity));
    expect(textOf(otherCommunity.html, 'check-record')).not.toContain(id);
    const empty = await post('/check', { text: '   ' }, community);
    expect(empty.status).toBe(400);
    expect(textOf(empty.html, 'error-text')).toBe('请粘贴收到的要求（通知或群消息原文）');
  });

  it('the web check answers what POST /api/v1/check answers', async () => {
    const text = '各社区：请协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。';
    const api = await (await import('../support/worker.ts')).postJson('/api/v1/check', { text, requestId: id }, { token: TOKENS.community });
    const body = (await api.json()) as { decision: { decision: string; reasons: Array<{ code: string }> }; advice: { code: string } };
    const page = await post('/check', { text, requestId: id }, community);
    expect(page.html).toContain(`data-decision="${body.decision.decision}"`);
    expect(page.html).toContain(`data-advice="${body.advice.code}"`);
    for (const reason of body.decision.reasons) expect(page.html).toContain(`data-code="${reason.code}"`);
  });

  it('an admitted request can exit the community, with a reason', async () => {
    const noReason = await post(`/requests/${id}/exit`, { version: '1', reason: '' }, reviewer);
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.html, 'error-exit-reason')).toBe('请填写原因（至少 2 个字）');
    const exited = await post(`/requests/${id}/exit`, { version: '1', reason: '居民反对，退出社区' }, reviewer);
    expect(exited.location).toBe(`/requests/${id}?done=exit`);
    expect((await get(`/requests/${id}`, admin)).html).toContain('data-status="exited"');
  });
});

describe('revise and withdraw', () => {
  it('a rejected request is revised from its prefilled form and lands in review', async () => {
    const id = requestIdOf(await submit(VETO));
    const form = await get(`/requests/${id}/revise`, department);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<title>修改申请：困难群众入户调查 - ');
    expect(form.html).toContain(`action="/requests/${id}/revise"`);
    expect(form.html).toContain('<input type="hidden" name="version" value="1"/>');
    expect(form.html).toContain('实行一票否决。</textarea>');
    expect(form.html).toContain('value="3000"');
    expect(form.html).toContain('data-code="one-vote-veto"');
    const revised = await post(`/requests/${id}/revise`, { ...ASSISTANCE, intent: 'submit', version: '1' }, department);
    expect(revised.location).toBe(`/requests/${id}?done=revised`);
    const page = await get(`/requests/${id}`, department);
    expect(page.html).toContain('data-status="pending-review"');
    expect(textOf(page.html, 'versions')).toContain('第 2 版');
    const stale = await post(`/requests/${id}/revise`, { ...ASSISTANCE, intent: 'submit', version: '1' }, department);
    expect(stale.status).toBe(409);
  });

  it('withdrawing needs a reason and ends the request', async () => {
    const id = requestIdOf(await submit(ASSISTANCE));
    const page = await get(`/requests/${id}`, department);
    expect(page.html).toMatch(/id="withdraw-form" data-confirm="确定撤回这项申请吗？"/);
    const withdrawn = await post(`/requests/${id}/withdraw`, { version: '1', reason: '工作安排调整' }, department);
    expect(withdrawn.location).toBe(`/requests/${id}?done=withdraw`);
    const after = await get(`/requests/${id}`, department);
    expect(after.html).toContain('data-status="withdrawn"');
    expect(after.html).not.toContain('id="withdraw-form"');
    expect(after.html).not.toContain('id="revise-link"');
    expect((await get(`/requests/${id}/revise`, department)).location).toBe(`/requests/${id}`);
  });
});
