/**
 * Rendering: user text is escaped everywhere it is shown (request pages, lists, the pre-check, the check page, a
 * duty list), and evidence offsets turn into the right highlighted runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { evaluate } from '../../src/engine/evaluate.ts';
import { highlight, spansFor } from '../../src/web/layout/highlight.ts';
import { DecisionView } from '../../src/web/layout/parts.tsx';
import { COMMUNITIES, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { get, post, requestIdOf, signIn } from './support.ts';

beforeAll(loadDemoData);

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';

function expectEscaped(html: string) {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).toContain(ESCAPED);
}

describe('user text is escaped', () => {
  let department: string;
  let id: string;

  beforeAll(async () => {
    department = await signIn(TOKENS.department);
    const answer = await post(
      '/department/requests/new',
      {
        intent: 'submit',
        idempotencyKey: crypto.randomUUID(),
        title: HOSTILE,
        description: `${HOSTILE} 请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。`,
        fundingConditions: HOSTILE,
        legalBasis: HOSTILE,
        communityRole: 'assist',
        targetCommunities: [COMMUNITIES.xinghua],
      },
      department,
    );
    id = requestIdOf(answer);
  });

  it('on the request page, in its title, summary, content and evidence copy', async () => {
    const page = await get(`/requests/${id}`, department);
    expect(page.status).toBe(200);
    expectEscaped(page.html);
    expect(page.html).toContain(`<title>申请：${ESCAPED} - `);
    expect(page.html.match(/<script\b/g)).toHaveLength(1);
  });

  it('in lists: my requests, the review queue and the inbox', async () => {
    for (const [token, path] of [[TOKENS.department, '/department/requests'], [TOKENS.reviewer, '/reviews'], [TOKENS.community, '/inbox']] as const) {
      const page = await get(path, await signIn(token));
      expect(page.html, path).toContain(ESCAPED);
      expect(page.html, path).not.toContain('<script>alert');
    }
  });

  it('in the pre-check panel, the kept form values and the error summary', async () => {
    const page = await post('/department/requests/new', { intent: 'check', title: HOSTILE, description: HOSTILE, fundingAmount: HOSTILE }, department);
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain(`value="${ESCAPED}"`);
    expect(page.html).toContain(`${ESCAPED}</textarea>`);
  });

  it('in the review comment and the history', async () => {
    const reviewer = await signIn(TOKENS.reviewer);
    const back = await post(`/requests/${id}/review`, { action: 'return', version: '1', comment: HOSTILE }, reviewer);
    expect(back.status).toBe(303);
    const page = await get(`/requests/${id}`, reviewer);
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).toContain(`“${ESCAPED}”`);
  });

  it('on the check page and in a duty list', async () => {
    const community = await signIn(TOKENS.community);
    const check = await post('/check', { text: `${HOSTILE} 请社区负责违建拆除`, requestId: HOSTILE.slice(0, 30) }, community);
    expect(check.html).not.toContain('<script>alert');
    expect(check.html).toContain(ESCAPED);
    const csv = `重点任务,主要措施,责任单位\r\n"${HOSTILE.replace(/"/g, '""')}",请社区负责违建拆除,各社区\r\n`;
    const list = await post('/duty-list', { csv }, community);
    expect(list.status).toBe(200);
    expect(list.html).not.toContain('<script>alert');
    expect(list.html).toContain(ESCAPED);
  });
});

describe('evidence highlighting', () => {
  it('cuts the text at every span edge and marks each run with the strongest effect covering it', () => {
    const runs = highlight('abcdefgh', [
      { start: 1, end: 5, kind: 'needs-review', label: 'A' },
      { start: 3, end: 7, kind: 'reject', label: 'B' },
      { start: 6, end: 7, kind: 'warning', label: 'C' },
      { start: 5, end: 99, kind: 'reject', label: 'out of range' },
    ]);
    expect(runs).toEqual([
      { text: 'a' },
      { text: 'bc', kind: 'needs-review', labels: ['A'] },
      { text: 'de', kind: 'reject', labels: ['A', 'B'] },
      { text: 'f', kind: 'reject', labels: ['B'] },
      { text: 'g', kind: 'reject', labels: ['B', 'C'] },
      { text: 'h' },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe('abcdefgh');
    expect(highlight('', [])).toEqual([]);
  });

  it('uses the engine\'s UTF-16 offsets, skipping evidence that no longer matches the text', () => {
    const description = '😀请各社区负责辖区违建拆除，实行一票否决。';
    const decision = evaluate({ description }, defaultRuleSet);
    const spans = spansFor(decision, 'description', description);
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) expect(description.slice(s.start, s.end).length).toBe(s.end - s.start);
    expect(spans.some((s) => description.slice(s.start, s.end) === '一票否决' && s.kind === 'reject')).toBe(true);
    expect(spansFor(decision, 'description', `x${description}`)).toEqual([]);
  });

  it('renders the decision with clause quotes, fixes and <mark> around the evidence', async () => {
    const description = '请各社区负责辖区违建拆除，实行一票否决。每天拍照上传。';
    const decision = evaluate({ description }, defaultRuleSet);
    const html = await (DecisionView({ decision, texts: { description } }) as unknown as { toString(): string | Promise<string> }).toString();
    expect(html).toContain('data-decision="reject"');
    expect(html).toContain('data-code="one-vote-veto"');
    expect(html).toContain('“取消对社区工作&quot;一票否决&quot;事项”');
    expect(html).toMatch(/<mark class="ev ev-reject" title="[^"]+">一票否决<\/mark>/);
    expect(html).toMatch(/<mark class="ev ev-warning" title="减负提醒">拍照<\/mark>/);
    expect(html).toContain('删除&quot;一票否决&quot;');
  });
});
