/**
 * Supervision figures beyond GET /api/v1/reports/summary (src/store/reports.ts, reused for departments and
 * reasons): requests per month by decision, and each community's burden per month (demands, rejections, burden
 * warnings of the standing version). Same scope as the summary: the district for admin, a reviewer's own street.
 */
import type { Effect } from '../../engine/types.ts';
import type { Identity } from '../../workflow/types.ts';
import { addDays, chinaDayStart } from '../../workdays/index.ts';

export interface Range {
  from?: string | undefined;
  to?: string | undefined;
}

export interface MonthRow {
  month: string;
  allow: number;
  'needs-review': number;
  reject: number;
  total: number;
}

export interface BurdenRow {
  communityId: string;
  community: string;
  street: string;
  month: string;
  demands: number;
  rejected: number;
  warnings: number;
}

function rangeConditions(column: string, range: Range): { sql: string[]; args: unknown[] } {
  const sql: string[] = [];
  const args: unknown[] = [];
  if (range.from) {
    sql.push(`${column} >= ?`);
    args.push(chinaDayStart(range.from));
  }
  if (range.to) {
    sql.push(`${column} < ?`);
    args.push(chinaDayStart(addDays(range.to, 1)));
  }
  return { sql, args };
}

export async function monthlyDecisions(db: D1Database, who: Identity, range: Range): Promise<MonthRow[]> {
  const { sql, args } = rangeConditions('r.created_at', range);
  if (who.role === 'street-reviewer') {
    sql.push('EXISTS (SELECT 1 FROM request_targets t JOIN communities c ON c.id = t.community_id WHERE t.request_id = r.id AND c.street_id = ?)');
    args.push(who.streetId);
  }
  const { results } = await db
    .prepare(
      `SELECT strftime('%Y-%m', r.created_at, '+8 hours') AS month, r.decision AS decision, count(*) AS n
         FROM requests r ${sql.length ? `WHERE ${sql.join(' AND ')}` : ''}
        GROUP BY month, r.decision ORDER BY month`,
    )
    .bind(...args)
    .all<{ month: string; decision: Effect; n: number }>();
  const byMonth = new Map<string, MonthRow>();
  for (const r of results) {
    const row = byMonth.get(r.month) ?? { month: r.month, allow: 0, 'needs-review': 0, reject: 0, total: 0 };
    row[r.decision] += r.n;
    row.total += r.n;
    byMonth.set(r.month, row);
  }
  return [...byMonth.values()];
}

export async function communityBurden(db: D1Database, who: Identity, range: Range): Promise<BurdenRow[]> {
  const { sql, args } = rangeConditions('r.created_at', range);
  if (who.role === 'street-reviewer') {
    sql.push('c.street_id = ?');
    args.push(who.streetId);
  }
  const { results } = await db
    .prepare(
      `SELECT c.id AS communityId, c.name AS community, s.name AS street,
              strftime('%Y-%m', r.created_at, '+8 hours') AS month,
              count(*) AS demands, sum(r.decision = 'reject') AS rejected,
              sum(coalesce(json_array_length(v.result, '$.warnings'), 0)) AS warnings
         FROM requests r
         JOIN request_targets t ON t.request_id = r.id
         JOIN communities c ON c.id = t.community_id
         JOIN streets s ON s.id = c.street_id
         JOIN request_versions v ON v.request_id = r.id AND v.version = r.version
        ${sql.length ? `WHERE ${sql.join(' AND ')}` : ''}
        GROUP BY c.id, month ORDER BY s.name, c.name, month`,
    )
    .bind(...args)
    .all<BurdenRow>();
  return results.map((r) => ({ ...r, demands: r.demands ?? 0, rejected: r.rejected ?? 0, warnings: r.warnings ?? 0 }));
}

export async function streetName(db: D1Database, id: string): Promise<string | null> {
  const row = await db.prepare('SELECT name FROM streets WHERE id = ?').bind(id).first<{ name: string }>();
  return row?.name ?? null;
}
