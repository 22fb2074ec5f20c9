/**
 * GET /api/v1/reports/summary: counts by decision and status, the most frequent reasons, grouped by department,
 * street or community, over a date range, as JSON and CSV; overdue reviews counted; a street sees its own area.
 * This file's D1 holds exactly the scenario below (storage is per test file), so every count is known.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, loadDemoData, TOKENS, USERS } from '../support/demo-data.ts';
import { call } from '../support/worker.ts';
import { approve, create, createPending, exit, get, read, review, withdraw, type RequestView } from './helpers.ts';

/** A request written straight into D1: for dates the API would never give (old, overdue). */
async function insertRequest(r: {
  id: string;
  department: 'minzheng' | 'chengguan';
  status: string;
  decision: string;
  reasons: string[];
  target: string;
  createdAt: string;
  reviewDue?: string;
}) {
  const user = r.department === 'minzheng' ? USERS.department : USERS.otherDepartment;
  await db.batch([
    db
      .prepare(
        `INSERT INTO requests (id, department_id, created_by, status, version, title, decision, rules_version, reason_codes,
                               deadline, review_due, last_op, created_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, ?, 'sha256:test', ?, NULL, ?, ?, ?, ?)`,
      )
      .bind(r.id, r.department, user, r.status, `直接写入 ${r.id}`, r.decision, JSON.stringify(r.reasons), r.reviewDue ?? null, `op_${r.id}`, r.createdAt, r.createdAt),
    db.prepare('INSERT INTO request_targets (request_id, community_id) VALUES (?, ?)').bind(r.id, r.target),
  ]);
}

type Totals = Record<'total' | 'allow' | 'needsReview' | 'reject' | 'pendingReview' | 'admitted' | 'rejected' | 'refused' | 'returned' | 'withdrawn' | 'exited' | 'overdue', number>;
interface Report {
  groupBy: string;
  from: string | null;
  to: string | null;
  totals: Totals;
  topReasons: Array<{ code: string; count: number }>;
  groups: Array<Totals & { id: string; name: string }>;
}

const summary = async (query = '', token: string = TOKENS.admin) => {
  const answer = await read<Report>(call(`/api/v1/reports/summary${query ? `?${query}` : ''}`, undefined, { token }));
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

const counts = (groups: Report['groups']) => Object.fromEntries(groups.map((g) => [g.id, g.total]));

const ZERO: Totals = { total: 0, allow: 0, needsReview: 0, reject: 0, pendingReview: 0, admitted: 0, rejected: 0, refused: 0, returned: 0, withdrawn: 0, exited: 0, overdue: 0 };

/**
 *        department  targets                          how                                 status          decision
 *   A    minzheng    qiupu-xinghua                    assistance                          pending-review  needs-review
 *   B    minzheng    qiupu-xinghua                    assistance, approved                admitted        allow
 *   C    minzheng    qiupu-baiya                      statutory duty                      admitted        allow
 *   D    minzheng    meijie-liujie                    forbidden (9d)                      rejected        reject
 *   E    minzheng    meijie-liujie                    assistance, refused by 梅街镇        refused         needs-review
 *   F    minzheng    qiupu-xinghua + meijie-liujie    assistance, returned by 秋浦街道      returned        needs-review
 *   G    minzheng    chiyang-jiuhua                   assistance, withdrawn               withdrawn       needs-review
 *   H    chengguan   qiupu-xinghua                    funding refused (9f)                rejected        reject
 *   I    chengguan   qiupu-xinghua                    statutory duty, exited by admin     exited          allow
 *   J    minzheng    qiupu-baiya                      (D1) pending, review due 2026-01-05 pending-review  needs-review  ← overdue
 *   K    chengguan   meijie-meixi                     (D1) created 2025-06-15 (China)     admitted        allow
 *   L    chengguan   meijie-meixi                     (D1) created 2025-03-31T17:00Z = 2025-04-01 01:00 in China   admitted allow
 */
let made: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I', RequestView>;

beforeAll(async () => {
  await loadDemoData();
  const ok = async (answer: Promise<{ status: number; body: { request: RequestView } }>) => {
    const a = await answer;
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    return a.body.request;
  };
  const A = await createPending();
  const B = await ok(approve((await createPending()).id, 1));
  const C = await create('statutory', 'admitted', { targetCommunities: ['qiupu-baiya'] });
  const D = await create('forbidden', 'rejected', { targetCommunities: ['meijie-liujie'] });
  const e = await createPending({ targetCommunities: ['meijie-liujie'] });
  const E = await ok(review(e.id, { action: 'reject', version: 1, comment: '不予准入' }, TOKENS.otherReviewer));
  const f = await createPending({ targetCommunities: ['qiupu-xinghua', 'meijie-liujie'] });
  const F = await ok(review(f.id, { action: 'return', version: 1, comment: '请补充' }));
  const G = await ok(withdraw((await createPending({ targetCommunities: ['chiyang-jiuhua'] })).id, 1));
  const H = await create('selfFunded', 'rejected', {}, TOKENS.otherDepartment);
  const I = await ok(exit((await create('statutory', 'admitted', {}, TOKENS.otherDepartment)).id, 1, TOKENS.admin));
  made = { A, B, C, D, E, F, G, H, I };
  await insertRequest({ id: 'req_overdue_J', department: 'minzheng', status: 'pending-review', decision: 'needs-review', reasons: ['street-review-required'], target: 'qiupu-baiya', createdAt: new Date().toISOString(), reviewDue: '2026-01-05' });
  await insertRequest({ id: 'req_old_K', department: 'chengguan', status: 'admitted', decision: 'allow', reasons: ['statutory-duty'], target: 'meijie-meixi', createdAt: '2025-06-15T04:00:00.000Z' });
  await insertRequest({ id: 'req_old_L', department: 'chengguan', status: 'admitted', decision: 'allow', reasons: ['statutory-duty'], target: 'meijie-meixi', createdAt: '2025-03-31T17:00:00.000Z' });
});

describe('the district (admin) summary', () => {
  it('counts every request by decision and by status, overdue included', async () => {
    const report = await summary();
    expect(report.totals).toEqual({
      total: 12,
      allow: 5, // B C I K L
      needsReview: 5, // A E F G J
      reject: 2, // D H
      pendingReview: 2, // A J
      admitted: 4, // B C K L
      rejected: 2, // D H
      refused: 1, // E
      returned: 1, // F
      withdrawn: 1, // G
      exited: 1, // I
      overdue: 1, // J
    });
    expect(report).toMatchObject({ groupBy: 'department', from: null, to: null });
  });

  it('topReasons tallies the current reasons of every request, most frequent first', async () => {
    const report = await summary();
    const all = (await get('/api/v1/requests?limit=100', TOKENS.admin)).body.items as RequestView[];
    expect(all).toHaveLength(12);
    const tally = new Map<string, number>();
    for (const r of all) for (const code of r.reasonCodes) tally.set(code, (tally.get(code) ?? 0) + 1);
    expect(Object.fromEntries(report.topReasons.map((r) => [r.code, r.count]))).toEqual(Object.fromEntries(tally));
    // A E F G H J carry street-review-required; C I K L are statutory duties.
    expect(report.topReasons[0]).toEqual({ code: 'street-review-required', count: 6 });
    expect(report.topReasons[1]).toEqual({ code: 'statutory-duty', count: 4 });
    for (let i = 1; i < report.topReasons.length; i++) expect(report.topReasons[i]!.count).toBeLessThanOrEqual(report.topReasons[i - 1]!.count);
    expect(made.B.reasonCodes).toEqual(['approved-assistance']);
  });

  it('groups by department', async () => {
    const report = await summary('groupBy=department');
    expect(counts(report.groups)).toEqual({ minzheng: 8, chengguan: 4 });
    const minzheng = report.groups.find((g) => g.id === 'minzheng')!;
    expect(minzheng).toMatchObject({ name: '区民政局', allow: 2, needsReview: 5, reject: 1, pendingReview: 2, admitted: 2, rejected: 1, refused: 1, returned: 1, withdrawn: 1, exited: 0, overdue: 1 });
    const chengguan = report.groups.find((g) => g.id === 'chengguan')!;
    expect(chengguan).toMatchObject({ name: '区城市管理局', allow: 3, reject: 1, admitted: 2, rejected: 1, exited: 1, overdue: 0 });
    expect(report.groups[0]!.id).toBe('minzheng'); // largest first
  });

  it('groups by street: a request aimed at two streets counts once in each', async () => {
    const report = await summary('groupBy=street');
    expect(counts(report.groups)).toEqual({ qiupu: 7, meijie: 5, chiyang: 1 });
    expect(report.groups.find((g) => g.id === 'qiupu')).toMatchObject({ name: '秋浦街道', overdue: 1, returned: 1 });
    expect(report.groups.find((g) => g.id === 'meijie')).toMatchObject({ name: '梅街镇', returned: 1, refused: 1 });
  });

  it('groups by community: a request aimed at two communities of a street counts once in each, never twice in one', async () => {
    const report = await summary('groupBy=community');
    expect(counts(report.groups)).toEqual({ 'qiupu-xinghua': 5, 'qiupu-baiya': 2, 'meijie-liujie': 3, 'meijie-meixi': 2, 'chiyang-jiuhua': 1 });
    expect(report.groups.find((g) => g.id === 'qiupu-xinghua')!.name).toBe('杏花社区');
  });

  it('a date range counts only requests created in it', async () => {
    const old = await summary('from=2025-06-01&to=2025-07-01');
    expect(old.totals).toMatchObject({ total: 1, admitted: 1, allow: 1 });
    expect(old).toMatchObject({ from: '2025-06-01', to: '2025-07-01' });
    expect(counts(old.groups)).toEqual({ chengguan: 1 });
    const recent = await summary('from=2026-01-01');
    expect(recent.totals.total).toBe(10);
    const future = await summary('from=2099-01-01');
    expect(future.totals).toEqual(ZERO);
    expect(future.topReasons).toEqual([]);
    expect(future.groups).toEqual([]);
  });

  // Regression: from/to are China calendar dates, not UTC instants.
  it('the range is in China dates: a request made at 01:00 on April 1 in China counts on April 1 (report and list)', async () => {
    const april = await summary('from=2025-04-01&to=2025-04-02');
    expect(april.totals.total).toBe(1);
    const march = await summary('from=2025-03-01&to=2025-03-31');
    expect(march.totals.total).toBe(0);
    // The list filter reads the same dates the same way.
    const listed = await get('/api/v1/requests?from=2025-04-01&to=2025-04-02', TOKENS.admin);
    expect(listed.body.items.map((r: RequestView) => r.id)).toEqual(['req_old_L']);
  });

  it('the overdue request heads the review queue and is flagged', async () => {
    const queue = await get('/api/v1/reviews', TOKENS.admin);
    expect(queue.body.overdue).toBe(1);
    expect(queue.body.items.map((r: RequestView) => r.id)).toEqual(['req_overdue_J', made.A.id]);
    expect(queue.body.items[0].overdue).toBe(true);
    expect(queue.body.items[1].overdue).toBe(false);
    const qiupu = await get('/api/v1/reviews', TOKENS.reviewer);
    expect(qiupu.body.overdue).toBe(1);
    const meijie = await get('/api/v1/reviews', TOKENS.otherReviewer);
    expect(meijie.body).toEqual({ items: [], overdue: 0 });
  });
});

describe('CSV', () => {
  const csv = async (query: string, token: string = TOKENS.admin) => {
    const response = await call(`/api/v1/reports/summary?${query}`, undefined, { token });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes) };
  };

  const HEADER = '编号,名称,申请总数,允许,需审核,不予准入,待审核,已准入,引擎拒绝,街道不予准入,退回补充,已撤回,已退出,审核逾期';

  it('starts with a UTF-8 BOM and a header row in Chinese; served as an attachment', async () => {
    const { response, bytes, text } = await csv('format=csv&groupBy=department');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="duty-gate-summary-department\.csv"$/);
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe(''); // ends with a line break
  });

  it.each(['department', 'street', 'community'])('has the same rows as the JSON, grouped by %s', async (groupBy) => {
    const { text } = await csv(`format=csv&groupBy=${groupBy}`);
    const report = await summary(`groupBy=${groupBy}`);
    const rows = text.replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
    expect(rows).toEqual(
      report.groups.map((g) => [g.id, g.name, g.total, g.allow, g.needsReview, g.reject, g.pendingReview, g.admitted, g.rejected, g.refused, g.returned, g.withdrawn, g.exited, g.overdue].map(String)),
    );
  });

  it('an empty range is the header alone', async () => {
    const { text } = await csv('format=csv&from=2099-01-01');
    expect(text).toBe(`\ufeff${HEADER}\r\n`);
  });
});

describe('a street reviewer sees its own street', () => {
  it('totals count only requests aimed at its communities', async () => {
    const qiupu = await summary('', TOKENS.reviewer);
    // A B C F H I J
    expect(qiupu.totals).toMatchObject({ total: 7, pendingReview: 2, admitted: 2, rejected: 1, returned: 1, exited: 1, refused: 0, withdrawn: 0, overdue: 1 });
    const meijie = await summary('', TOKENS.otherReviewer);
    // D E F K L
    expect(meijie.totals).toMatchObject({ total: 5, rejected: 1, refused: 1, returned: 1, admitted: 2, overdue: 0 });
  });

  it('grouped by department: only its requests', async () => {
    expect(counts((await summary('groupBy=department', TOKENS.reviewer)).groups)).toEqual({ minzheng: 5, chengguan: 2 });
  });

  // Regression: a request reaching two streets must not bring the other street's groups into a reviewer's report.
  it('grouped by street or community: only its street and its communities', async () => {
    expect(counts((await summary('groupBy=street', TOKENS.reviewer)).groups)).toEqual({ qiupu: 7 });
    expect(counts((await summary('groupBy=community', TOKENS.reviewer)).groups)).toEqual({ 'qiupu-xinghua': 5, 'qiupu-baiya': 2 });
  });

  it('its CSV is scoped the same way', async () => {
    const response = await call('/api/v1/reports/summary?format=csv&groupBy=department', undefined, { token: TOKENS.otherReviewer });
    const rows = (await response.text()).replace(/^\ufeff/, '').trimEnd().split('\r\n').slice(1);
    // 梅街镇: D E F (区民政局) and K L (区城管局); largest group first.
    expect(rows.map((r) => r.split(',').slice(0, 3))).toEqual([
      ['minzheng', '区民政局', '3'],
      ['chengguan', '区城市管理局', '2'],
    ]);
  });
});
