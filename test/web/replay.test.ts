/**
 * /supervision/replay: the district admin replays a candidate rule set (changed files uploaded, or one JSON pasted)
 * over the recorded decisions and reads what would flip and why. A scripted history made through the API, as
 * test/replay/history.test.ts makes it, replayed with two phrases added to the veto lexicon: the page reports the
 * exact flips, the same as POST /api/v1/replay, and writes nothing. Also: who may open it, an invalid candidate's
 * problems in Chinese next to its field, CSRF, and the CSP. This file's D1 holds only the history below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { compileRuleSet } from '../../src/engine/rule-set.ts';
import type { ReplayReport } from '../../src/replay/replay.ts';
import { bundledRuleFiles } from '../../src/ruleset/bundle.ts';
import type { RuleSetFiles } from '../../src/ruleset/types.ts';
import { db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson } from '../support/worker.ts';
import { approve, chinaToday, create, read, revise, type RequestView } from '../workflow/helpers.ts';
import { decode, get, post, postMultipart, signIn, textOf, type Page } from './support.ts';

const PATH = '/supervision/replay';

type Who = keyof typeof TOKENS;
const cookies = {} as Record<Who, string>;

/**
 *        how                                              entries (kind, decision)
 *   A    statutory duty                                  submission allow
 *   B    assistance, approved by 秋浦街道                 submission needs-review, approval allow
 *   C    forbidden (9d), then revised to a statutory duty submission reject, submission allow (v2)
 *   D    funding refused                                 submission reject
 *   E    forbidden, by 区城市管理局                        submission reject
 */
let made: Record<'A' | 'B' | 'C' | 'D' | 'E', RequestView>;

beforeAll(async () => {
  await loadDemoData();
  for (const who of Object.keys(TOKENS) as Who[]) cookies[who] = await signIn(TOKENS[who]);
  const A = await create('statutory', 'admitted');
  const B = await create('assistance', 'pending-review');
  expect((await approve(B.id, 1)).status).toBe(200);
  const C = await create('forbidden', 'rejected');
  expect((await revise(C.id, 1, 'statutory')).status).toBe(200);
  const D = await create('selfFunded', 'rejected');
  const E = await create('forbidden', 'rejected', {}, TOKENS.otherDepartment);
  made = { A, B, C, D, E };
});

/** The changed file: the veto lexicon with two phrases added (年度工作报告 is in A and C v2, 入户调查 in B). */
const changedVeto = () => ({ ...bundledRuleFiles.veto, phrases: [...(bundledRuleFiles.veto as { phrases: string[] }).phrases, '年度工作报告', '入户调查'] });

const jsonFile = (name: string, content: unknown) => new File([JSON.stringify(content, null, 2)], name, { type: 'application/json' });

function form(fields: { files?: File[]; json?: string; from?: string; to?: string; examples?: string }): FormData {
  const data = new FormData();
  if (fields.files && fields.files.length > 0) for (const file of fields.files) data.append('files', file);
  // A file input with nothing chosen still sends an empty part, as browsers do.
  else data.append('files', new File([], ''), '');
  data.set('json', fields.json ?? '');
  data.set('from', fields.from ?? '');
  data.set('to', fields.to ?? '');
  data.set('examples', fields.examples ?? '');
  return data;
}

const replayPage = (fields: Parameters<typeof form>[0], who: Who = 'admin') => postMultipart(PATH, form(fields), cookies[who]);

/** The flips table as "old→new" → count. */
const flipCounts = (html: string) => Object.fromEntries([...html.matchAll(/<tr data-flip="([a-z-]+→[a-z-]+)">.*?data-count="(\d+)"/gs)].map((m) => [m[1], Number(m[2])]));

/** The reason-code table as [code, change, count]. */
const codeRows = (html: string) => [...html.matchAll(/<tr data-code="([a-z-]+)" data-change="(added|removed)">.*?data-count="(\d+)"/gs)].map((m) => [m[1], m[2], Number(m[3])]);

/** The examples listed under one old→new group, as [request id, version, kind]. */
function examplesOf(html: string, group: string): Array<[string, number, string]> {
  const start = html.indexOf(`data-group="${group}"`);
  expect(start, group).toBeGreaterThan(0);
  const end = html.indexOf('</section>', start);
  expect(end, group).toBeGreaterThan(start);
  return [...html.slice(start, end).matchAll(/data-request-id="([^"]+)" data-version="(\d+)" data-kind="([a-z]+)"/g)].map((m) => [m[1]!, Number(m[2]), m[3]!]);
}

/** The exact outcome of adding 年度工作报告 and 入户调查 to the veto phrases (as test/replay/history.test.ts). */
function expectTheFlips(page: Page) {
  expect(page.status, textOf(page.html, 'main')?.slice(0, 600)).toBe(200);
  expect(textOf(page.html, 'replay-totals')).toBe('共 7 个已记录的决定（提交 6，审核批准 1），重新评估 7 个：结论改变 4，结论不变但理由改变 0，完全不变 3。');
  expect(flipCounts(page.html)).toEqual({ 'allow→reject': 3, 'needs-review→reject': 1 });
  expect(codeRows(page.html)).toEqual([
    ['one-vote-veto', 'added', 4],
    ['statutory-duty', 'removed', 2],
    ['approved-assistance', 'removed', 1],
  ]);
  expect(examplesOf(page.html, 'allow→reject')).toEqual([
    [made.A.id, 1, 'submission'],
    [made.B.id, 1, 'approval'],
    [made.C.id, 2, 'submission'],
  ]);
  expect(examplesOf(page.html, 'needs-review→reject')).toEqual([[made.B.id, 1, 'submission']]);
  expect(page.html).not.toContain('id="replay-reason-changes"');
  expect(page.html).toContain(`data-request-id="${made.A.id}"`);
  expect(page.html).not.toContain(`data-request-id="${made.D.id}"`);
  expect(page.html).not.toContain(`data-request-id="${made.E.id}"`);
}

describe('who may use it', () => {
  it('redirects to /login without a session, coming back after', async () => {
    const page = await get(PATH);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/login?next=${encodeURIComponent(PATH)}`);
    const posted = await postMultipart(PATH, form({ files: [jsonFile('veto.json', changedVeto())] }));
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/login?next=${encodeURIComponent(PATH)}`);
  });

  it.each(Object.keys(TOKENS) as Who[])('as %s', async (who) => {
    const page = await get(PATH, cookies[who]);
    const expected = who === 'admin' ? 200 : 403;
    expect(page.status, page.html.slice(0, 300)).toBe(expected);
    if (expected === 403) expect(page.html).toContain('当前账号无权访问此页面');
    const posted = await replayPage({ files: [jsonFile('veto.json', changedVeto())] }, who);
    expect(posted.status).toBe(who === 'admin' ? 200 : 403);
    if (who !== 'admin') expect(posted.html).not.toContain('id="replay-report"');
    expect((await get(`${PATH}/files/veto.json`, cookies[who])).status).toBe(who === 'admin' ? 200 : 403);
  });

  it('is linked from the supervision page and the menu for the admin only', async () => {
    const supervision = await get('/supervision', cookies.admin);
    expect(supervision.html).toContain('<p id="replay-link"><a href="/supervision/replay">规则变更重放</a>');
    expect(supervision.html).toContain('<a href="/supervision/replay">规则重放</a>');
    const page = await get(PATH, cookies.admin);
    expect(page.html).toContain('<a href="/supervision/replay" aria-current="page">规则重放</a>');
    expect(page.html).toContain('<a href="/supervision">监督统计</a>');
    for (const who of ['reviewer', 'department', 'community'] as const) {
      const other = await get(who === 'reviewer' ? '/supervision' : '/rules', cookies[who]);
      expect(other.status).toBe(200);
      expect(other.html, who).not.toContain('/supervision/replay');
    }
  });
});

describe('the form', () => {
  it('offers upload of the changed files and a JSON paste, a date range, and says it writes nothing', async () => {
    const page = await get(PATH, cookies.admin);
    expect(page.html).toContain('<title>规则变更重放 - ');
    expect(page.html).toContain(`<form method="post" action="${PATH}" enctype="multipart/form-data" id="replay-form"`);
    expect(page.html).toMatch(/<input type="file" name="files" id="field-files" multiple="" accept="\.json,application\/json"/);
    for (const name of ['files', 'json', 'from', 'to', 'examples']) expect(page.html).toContain(`<label for="field-${name}">`);
    expect(textOf(page.html, 'hint-files')).toContain('veto.json、');
    expect(textOf(page.html, 'hint-files')).toContain('没有上传的文件沿用现行规则集');
    expect(textOf(page.html, 'replay-read-only-note')).toBe('重放只读：不写入、不修改任何已记录的决定，也不改变现行规则集；候选规则集只用于本次计算，不会保存。');
    expect(page.html).not.toContain('id="replay-report"');
  });

  it('offers the current rule files to download, edit and upload', async () => {
    const veto = await get(`${PATH}/files/veto.json`, cookies.admin);
    expect(veto.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(veto.headers.get('content-disposition')).toBe('attachment; filename="veto.json"');
    expect(JSON.parse(veto.html)).toEqual(defaultRuleSet.data.veto);
    const all = await get(`${PATH}/files/rule-set.json`, cookies.admin);
    expect(Object.keys(JSON.parse(all.html).files)).toEqual(Object.keys(bundledRuleFiles));
    expect((await get(`${PATH}/files/nothing.json`, cookies.admin)).status).toBe(404);
    expect((await get(`${PATH}/files/Veto.json`, cookies.admin)).status).toBe(404);
    // Pasted back unchanged, the current rule set is its own candidate: nothing changes.
    const same = await replayPage({ json: all.html });
    expect(same.status).toBe(200);
    expect(textOf(same.html, 'replay-candidate-version')).toBe(defaultRuleSet.version);
    expect(textOf(same.html, 'replay-nothing-changes')).toBe('候选规则集不会改变任何已记录的决定。');
    expect(textOf(same.html, 'replay-totals')).toContain('完全不变 7');
  });
});

describe('replaying the history with a changed veto phrase list', () => {
  it('an uploaded veto.json: the exact flips, old → new with counts, and the reason codes gained and lost', async () => {
    const page = await replayPage({ files: [jsonFile('veto.json', changedVeto())] });
    expectTheFlips(page);
    const candidate = structuredClone(bundledRuleFiles) as RuleSetFiles;
    candidate.veto = changedVeto();
    expect(textOf(page.html, 'replay-candidate-version')).toBe(compileRuleSet(candidate).version);
    expect(textOf(page.html, 'replay-composition')).toBe('上传的文件：veto.json；其余 11 个文件沿用现行规则集');
    expect(textOf(page.html, 'replay-read-only')).toContain('重放只读');
  });

  it('reports what POST /api/v1/replay reports for the same candidate', async () => {
    const candidate = structuredClone(bundledRuleFiles) as RuleSetFiles;
    candidate.veto = changedVeto();
    const api = await read<ReplayReport>(postJson('/api/v1/replay', { files: candidate }, { token: TOKENS.admin }));
    expect(api.status).toBe(200);
    const page = await replayPage({ files: [jsonFile('veto.json', changedVeto())] });
    expect(textOf(page.html, 'replay-candidate-version')).toBe(api.body.candidateVersion);
    expect(flipCounts(page.html)).toEqual(api.body.flipCounts);
    expect(codeRows(page.html)).toEqual([
      ...api.body.reasonCodes.added.map((c) => [c.code, 'added', c.count]),
      ...api.body.reasonCodes.removed.map((c) => [c.code, 'removed', c.count]),
    ]);
  });

  it('marks the text that made the difference in each example', async () => {
    const page = await replayPage({ files: [jsonFile('veto.json', changedVeto())] });
    const at = page.html.indexOf(`data-request-id="${made.A.id}"`);
    const a = page.html.slice(at, page.html.indexOf('</article>', at));
    expect(a).toContain('听取居委会年度工作报告');
    expect(page.html).toMatch(/<mark class="ev ev-reject" data-change="added" title="新增">年度工作报告<\/mark>/);
    expect(page.html).toMatch(/<mark class="ev ev-reject" data-change="added" title="新增">入户调查<\/mark>/);
    expect(textOf(page.html, 'replay-examples')).toContain('听取居委会年度工作报告。');
    expect(a).toContain('data-code="one-vote-veto" data-change="added"');
    expect(a).toContain('data-code="statutory-duty" data-change="removed"');
    expect(page.html).toContain(`<a href="/requests/${made.A.id}">${made.A.id}</a>`);
    // The removed reason's text is marked too, as the rule that decided read it; a declared field is named as such.
    expect(page.html).toMatch(/data-change="removed" title="不再有">居民会议<\/mark>/);
    expect(textOf(page.html, 'replay-examples')).toContain('声明的社区角色（申请时声明）：assist');
  });

  it('a pasted {"files": {"veto": …}} gives the same report; a range and the number of examples narrow it', async () => {
    const json = JSON.stringify({ files: { veto: changedVeto() } });
    const page = await replayPage({ json });
    expectTheFlips(page);
    expect(textOf(page.html, 'replay-composition')).toBe('粘贴的文件：veto.json；其余 11 个文件沿用现行规则集');
    expect(decode(/<textarea name="json"[^>]*>([^<]*)<\/textarea>/.exec(page.html)![1]!)).toBe(json);
    const today = chinaToday();
    const ranged = await replayPage({ json, from: today, to: today });
    expect(flipCounts(ranged.html)).toEqual({ 'allow→reject': 3, 'needs-review→reject': 1 });
    const future = await replayPage({ json, from: chinaToday(1) });
    expect(textOf(future.html, 'replay-totals')).toContain('共 0 个已记录的决定');
    expect(textOf(future.html, 'replay-report')).toContain('该范围内没有已记录的决定。');
    expect(future.html).toContain(`value="${chinaToday(1)}"`);
    const one = await replayPage({ json, examples: '1' });
    expect(examplesOf(one.html, 'allow→reject')).toEqual([[made.A.id, 1, 'submission']]);
    expect(one.html).toContain('……另有 2 个未列出');
  });

  it('never writes: the store is the same before and after', async () => {
    const snapshot = async () =>
      db.batch(['requests', 'request_versions', 'reviews', 'audit_log', 'rule_sets'].map((t) => db.prepare(`SELECT count(*) AS n FROM ${t}`)));
    const before = (await snapshot()).map((r) => r.results);
    expect((await replayPage({ files: [jsonFile('veto.json', changedVeto())] })).status).toBe(200);
    expect((await snapshot()).map((r) => r.results)).toEqual(before);
  });
});

describe('an invalid candidate or form', () => {
  it('shows the rule set problems in Chinese next to the upload field', async () => {
    const page = await replayPage({ files: [jsonFile('veto.json', { ...bundledRuleFiles.veto, phrases: 42 })] });
    expect(page.status).toBe(400);
    expect(page.html).not.toContain('id="replay-report"');
    expect(textOf(page.html, 'error-files')).toBe('候选规则集无效（1 个问题），请按下列各项修改后再重放');
    expect(textOf(page.html, 'problems-files')).toBe('lexicon/veto.json，位置 phrases：无效输入：期望 数组，实际接收 数字');
    expect(page.html).toContain('<a href="#field-files">候选规则集无效');
    expect(page.html).toMatch(/id="field-files"[^>]*aria-describedby="hint-files error-files problems-files" aria-invalid="true"/);
  });

  it('problems across files, pasted, are explained next to the paste field and the paste is kept', async () => {
    const decisionRules = structuredClone(bundledRuleFiles.decisionRules) as { rules: Array<{ name: string; event: { params: { clause: string } } }> };
    decisionRules.rules[0]!.event.params.clause = '9z';
    const json = JSON.stringify({ files: { decisionRules } });
    const page = await replayPage({ json });
    expect(page.status).toBe(400);
    expect(textOf(page.html, 'problems-json')).toBe(`decision-rules.json：规则 ${decisionRules.rules[0]!.name} 引用的条款「9z」不在 clauses.json 中`);
    expect(textOf(page.html, 'error-json')).toMatch(/^候选规则集无效（1 个问题）/);
    expect(page.html).toContain('9z');
    expect(page.html).toContain('</textarea>');
    const schema = await replayPage({ json: JSON.stringify({ files: { clauses: { source: 'x', clauses: [] } } }) });
    expect(textOf(schema.html, 'problems-json')).toContain('clauses.json，位置 source：');
    expect(textOf(schema.html, 'problems-json')).toContain('clauses.json，位置 clauses：');
  });

  it('explains a form it cannot read, next to each field', async () => {
    const cases: Array<[Parameters<typeof form>[0], string, string]> = [
      [{}, 'error-files', '请上传修改过的规则文件，或粘贴 JSON'],
      [{ files: [jsonFile('veto.json', changedVeto())], json: '{"files":{}}' }, 'error-files', '请只用一种方式提供候选规则集：上传文件或粘贴 JSON，二选一'],
      [{ files: [jsonFile('rules.json', {})] }, 'error-files', '文件「rules.json」不是规则集中的文件，文件名须为：clauses.json、decision-rules.json、areas.json、roles.json、negation.json、veto.json、funding.json、paperwork.json、statutory-duties.json、assistance-by-law.json、negative-list.json、certificates.json'],
      [{ files: [jsonFile('veto.json', {}), jsonFile('veto.json', {})] }, 'error-files', '文件「veto.json」上传了不止一次'],
      [{ files: [new File(['{ nope'], 'veto.json')] }, 'error-files', '文件「veto.json」不是有效的 JSON'],
      [{ files: [new File([new Uint8Array([0xd2, 0xbb, 0xc6, 0xb1, 0xb7, 0xf1, 0xbe, 0xf6])], 'veto.json')] }, 'error-files', '文件「veto.json」不是 UTF-8 编码，请另存为 UTF-8 后再上传'],
      [{ json: '{ nope' }, 'error-json', '粘贴的内容不是有效的 JSON'],
      [{ json: JSON.stringify({ veto: changedVeto() }) }, 'error-json', '粘贴的内容应为一个 JSON 对象：{"files": {…}}，files 之外不能有其他键'],
      [{ json: JSON.stringify({ files: { vetoes: {} } }) }, 'error-json', 'files 中的「vetoes」不是规则文件的键'],
      [{ json: '{"files":{}}', from: '2026-02-30' }, 'error-from', '日期格式应为 年-月-日，如 2026-12-31'],
      [{ json: '{"files":{}}', from: '2026-05-01', to: '2026-04-01' }, 'error-to', '开始日期不能晚于结束日期'],
      [{ json: '{"files":{}}', examples: '101' }, 'error-examples', '示例数应为 0 至 100 的整数'],
      [{ json: '{"files":{}}', examples: 'x' }, 'error-examples', '示例数应为 0 至 100 的整数'],
    ];
    for (const [fields, id, message] of cases) {
      const page = await replayPage(fields);
      const label = `${id}: ${message}`;
      expect(page.status, label).toBe(400);
      expect(textOf(page.html, id), label).toContain(message);
      expect(page.html, label).toContain('id="error-summary"');
      expect(page.html, label).not.toContain('id="replay-report"');
    }
  });
});

describe('security', () => {
  it('refuses a replay posted from another site, or with no origin', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {} as Record<string, string>]) {
      const response = await call(PATH, { method: 'POST', redirect: 'manual', headers: { cookie: cookies.admin, ...headers }, body: form({ files: [jsonFile('veto.json', changedVeto())] }) });
      const html = await response.text();
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(html).toContain('表单来源校验失败');
      expect(html).not.toContain('id="replay-report"');
    }
    const urlEncoded = await post(PATH, { json: JSON.stringify({ files: { veto: changedVeto() } }) }, cookies.admin, { origin: 'https://evil.example' });
    expect(urlEncoded.status).toBe(403);
    expect(urlEncoded.html).not.toContain('id="replay-report"');
  });

  it('the form and the report carry the strict CSP and no inline code', async () => {
    const pages = [await get(PATH, cookies.admin), await replayPage({ files: [jsonFile('veto.json', changedVeto())] }), await replayPage({ json: '{ nope' })];
    for (const page of pages) {
      const csp = page.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const scripts = page.html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(/\bsrc="\/assets\/app\.js\?v=[0-9a-f]+"/);
      expect(scripts[0]).toContain(`nonce="${nonce}"`);
      expect(page.html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(page.html).not.toMatch(/\son[a-z]+=/i);
      expect(page.html).not.toMatch(/\sstyle=/i);
      expect(page.html).not.toMatch(/javascript:/i);
      expect(page.html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    }
  });

  it('refuses a body over the limit with a page', async () => {
    const page = await replayPage({ json: `{"files":{"veto":{"source":"${'x'.repeat(4 * 1024 * 1024)}"}}}` });
    expect(page.status).toBe(413);
    expect(textOf(page.html, 'error-files')).toBe('提交的内容过大，上限 4 MB');
  });

  it('escapes what the candidate and the records carry', async () => {
    const page = await replayPage({ json: JSON.stringify({ files: { vetoes: '<script>alert(1)</script>' } }) + ' ' });
    expect(page.status).toBe(400);
    expect(page.html).not.toContain('<script>alert(1)</script>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
