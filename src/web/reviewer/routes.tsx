/** The street reviewer's queue: pending requests for its street (all for the district), overdue first. */
import { Hono } from 'hono';
import { WEB_TEXT } from '../../messages.ts';
import { reviewQueue } from '../../store/requests.ts';
import { chinaDate } from '../../workdays/index.ts';
import type { WebEnv } from '../env.ts';
import { DecisionBadge } from '../layout/parts.tsx';
import { render, requirePage } from '../page.tsx';

const Q = WEB_TEXT.reviews;

export function reviewerRoutes() {
  const app = new Hono<WebEnv>();

  app.get('/reviews', async (c) => {
    const guard = requirePage(c, ['street-reviewer', 'admin']);
    if (!guard.ok) return guard.response;
    const today = chinaDate(new Date());
    const items = (await reviewQueue(c.env.DB, guard.who, 200)).map((r) => ({ ...r, overdue: r.reviewDue !== null && r.reviewDue < today }));
    const overdue = items.filter((i) => i.overdue).length;
    const C = Q.columns;
    return render(
      c,
      Q.title,
      <>
        <h1>{Q.title}</h1>
        <p id="queue-summary">{Q.intro(items.length, overdue)}</p>
        {items.length === 0 ? (
          <p class="muted" id="empty-queue">{Q.empty}</p>
        ) : (
          <div class="table-wrap">
            <table id="review-queue" class="stack">
              <thead>
                <tr>
                  <th scope="col">{C.title}</th>
                  <th scope="col">{C.department}</th>
                  <th scope="col">{C.targets}</th>
                  <th scope="col">{C.due}</th>
                  <th scope="col">{C.reasons}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr class={r.overdue ? 'overdue' : undefined} data-request-id={r.id} data-overdue={r.overdue ? 'true' : 'false'}>
                    <td data-label={C.title}><a href={`/requests/${r.id}#review`}>{r.title}</a></td>
                    <td data-label={C.department}>{r.departmentName}</td>
                    <td data-label={C.targets}>{r.targets.map((t) => t.name).join('、')}</td>
                    <td data-label={C.due}>
                      {r.reviewDue ?? ''} {r.overdue ? <span class="badge badge-overdue">{Q.overdue}</span> : null}
                    </td>
                    <td data-label={C.reasons}><DecisionBadge decision={r.decision} /> {r.reasonCodes.map((code) => WEB_TEXT.reasonLabel[code] ?? code).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>,
    );
  });

  return app;
}
