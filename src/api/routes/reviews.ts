/** GET /api/v1/reviews: a reviewer's queue of pending requests, overdue first. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { reviewQueue } from '../../store/requests.ts';
import { chinaDate } from '../../workdays/index.ts';
import { methodNotAllowed } from '../errors.ts';
import { requireIdentity } from '../guard.ts';

export function reviewsRoute() {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const who = requireIdentity(c, ['street-reviewer', 'admin']);
      if (!who.ok) return who.response;
      const today = chinaDate(new Date());
      const items = (await reviewQueue(c.env.DB, who.value, 200)).map((request) => ({
        ...request,
        overdue: request.reviewDue !== null && request.reviewDue < today,
      }));
      return c.json({ items, overdue: items.filter((i) => i.overdue).length });
    })
    .all('/', methodNotAllowed('GET'));
}
