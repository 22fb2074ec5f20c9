/**
 * Supervision figures (加强…落实情况监督检查): counts by decision and status, the most frequent reasons, grouped
 * by department, street or community, over a date range. A request aimed at several communities counts once in
 * each group it reaches.
 */
import type { Identity } from '../workflow/types.ts';
import { addDays, chinaDayStart } from '../workdays/index.ts';

export type GroupBy = 'department' | 'street' | 'community';

export interface ReportQuery {
  groupBy: GroupBy;
  from?: string;
  to?: string;
  today: string;
}

export interface GroupRow {
  id: string;
  name: string;
  total: number;
  allow: number;
  needsReview: number;
  reject: number;
  pendingReview: number;
  admitted: number;
  rejected: number;
  refused: number;
  returned: number;
  withdrawn: number;
  exited: number;
  overdue: number;
}

const GROUP_SOURCES: Record<GroupBy, string> = {
  department: `SELECT DISTINCT g.id AS gid, g.name AS gname, r.id, r.decision, r.status, r.review_due
                 FROM scoped r JOIN departments g ON g.id = r.department_id`,
  street: `SELECT DISTINCT g.id AS gid, g.name AS gname, r.id, r.decision, r.status, r.review_due
             FROM scoped r JOIN request_targets t ON t.request_id = r.id JOIN communities c ON c.id = t.community_id
             JOIN streets g ON g.id = c.street_id`,
  community: `SELECT DISTINCT g.id AS gid, g.name AS gname, g.street_id AS gstreet, r.id, r.decision, r.status, r.review_due
                FROM scoped r JOIN request_targets t ON t.request_id = r.id JOIN communities g ON g.id = t.community_id`,
};

export async function summaryReport(db: D1Database, who: Identity, q: ReportQuery) {
  const conditions: string[] = [];
  const args: unknown[] = [];
  if (who.role === 'street-reviewer') {
    conditions.push('EXISTS (SELECT 1 FROM request_targets t JOIN communities c ON c.id = t.community_id WHERE t.request_id = requests.id AND c.street_id = ?)');
    args.push(who.streetId);
  }
  // from/to are China calendar dates: from its first instant, up to and including the whole "to" day.
  if (q.from) {
    conditions.push('created_at >= ?');
    args.push(chinaDayStart(q.from));
  }
  if (q.to) {
    conditions.push('created_at < ?');
    args.push(chinaDayStart(addDays(q.to, 1)));
  }
  // A reviewer's report stays inside its street, even for requests that also reach other streets.
  const groupScope = who.role !== 'street-reviewer' ? '' : q.groupBy === 'street' ? 'WHERE gid = ?' : q.groupBy === 'community' ? 'WHERE gstreet = ?' : '';
  const groupArgs = groupScope ? [who.streetId] : [];
  const scoped = `WITH scoped AS (SELECT * FROM requests ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''})`;
  const overdue = `status = 'pending-review' AND review_due IS NOT NULL AND review_due < ?`;
  const [totals, reasons, groups] = await db.batch([
    db
      .prepare(
        `${scoped} SELECT count(*) AS total,
           sum(decision = 'allow') AS allow, sum(decision = 'needs-review') AS needsReview, sum(decision = 'reject') AS reject,
           sum(status = 'pending-review') AS pendingReview, sum(status = 'admitted') AS admitted, sum(status = 'rejected') AS rejected,
           sum(status = 'refused') AS refused, sum(status = 'returned') AS returned, sum(status = 'withdrawn') AS withdrawn,
           sum(status = 'exited') AS exited, sum(${overdue}) AS overdue
         FROM scoped`,
      )
      .bind(...args, q.today),
    db
      .prepare(`${scoped} SELECT j.value AS code, count(*) AS count FROM scoped, json_each(scoped.reason_codes) j GROUP BY j.value ORDER BY count DESC, code LIMIT 20`)
      .bind(...args),
    db
      .prepare(
        `${scoped}, grouped AS (${GROUP_SOURCES[q.groupBy]})
         SELECT gid AS id, gname AS name, count(*) AS total,
           sum(decision = 'allow') AS allow, sum(decision = 'needs-review') AS needsReview, sum(decision = 'reject') AS reject,
           sum(status = 'pending-review') AS pendingReview, sum(status = 'admitted') AS admitted, sum(status = 'rejected') AS rejected,
           sum(status = 'refused') AS refused, sum(status = 'returned') AS returned, sum(status = 'withdrawn') AS withdrawn,
           sum(status = 'exited') AS exited, sum(${overdue}) AS overdue
         FROM grouped ${groupScope} GROUP BY gid, gname ORDER BY total DESC, name`,
      )
      .bind(...args, q.today, ...groupArgs),
  ]);
  const zeroed = (row: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v ?? 0])) as Record<string, number>;
  return {
    groupBy: q.groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    totals: zeroed(totals!.results[0] as Record<string, unknown>),
    topReasons: reasons!.results as Array<{ code: string; count: number }>,
    groups: (groups!.results as Array<Record<string, unknown>>).map((g) => ({ ...zeroed(g), id: g.id, name: g.name })) as unknown as GroupRow[],
  };
}

const CSV_COLUMNS: Array<[keyof GroupRow, string]> = [
  ['id', '编号'],
  ['name', '名称'],
  ['total', '申请总数'],
  ['allow', '允许'],
  ['needsReview', '需审核'],
  ['reject', '不予准入'],
  ['pendingReview', '待审核'],
  ['admitted', '已准入'],
  ['rejected', '引擎拒绝'],
  ['refused', '街道不予准入'],
  ['returned', '退回补充'],
  ['withdrawn', '已撤回'],
  ['exited', '已退出'],
  ['overdue', '审核逾期'],
];

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function reportCsv(groups: GroupRow[]): string {
  const lines = [CSV_COLUMNS.map(([, label]) => label).join(',')];
  for (const g of groups) lines.push(CSV_COLUMNS.map(([key]) => csvCell(g[key])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
