/** GET /api/v1/reports/summary: supervision figures for the district (all) or a street (its own area). */
import { Hono } from 'hono';
import { reportQuerySchema } from '../../contract/submission.ts';
import type { AppEnv } from '../../env.ts';
import { reportCsv, summaryReport } from '../../store/reports.ts';
import { chinaDate } from '../../workdays/index.ts';
import { invalidRequest, issuesOf, methodNotAllowed } from '../errors.ts';
import { requireIdentity } from '../guard.ts';

export function reportsRoute() {
  return new Hono<AppEnv>()
    .get('/summary', async (c) => {
      const who = requireIdentity(c, ['admin', 'street-reviewer']);
      if (!who.ok) return who.response;
      const query = reportQuerySchema.safeParse(c.req.query());
      if (!query.success) return invalidRequest(c, issuesOf(query.error));
      const { groupBy = 'department', from, to, format = 'json' } = query.data;
      const report = await summaryReport(c.env.DB, who.value, { groupBy, from, to, today: chinaDate(new Date()) });
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="duty-gate-summary-${groupBy}.csv"`);
        return c.body(reportCsv(report.groups));
      }
      return c.json(report);
    })
    .all('/summary', methodNotAllowed('GET'));
}
