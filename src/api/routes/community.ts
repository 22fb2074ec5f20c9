/** The community's side: its inbox, and checking a demand it received against the rules and the records. */
import { Hono } from 'hono';
import { checkSchema } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { AppEnv } from '../../env.ts';
import { listRequests } from '../../store/requests.ts';
import { COMMUNITY_VISIBLE } from '../../workflow/access.ts';
import { checkDemand } from '../../workflow/check.ts';
import { methodNotAllowed } from '../errors.ts';
import { jsonBody, requireIdentity } from '../guard.ts';
import { limitBody } from '../middleware/body-limit.ts';

export function communityRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<AppEnv>();

  app.get('/inbox', async (c) => {
    const who = requireIdentity(c, ['community']);
    if (!who.ok) return who.response;
    const page = await listRequests(c.env.DB, who.value, {}, null, 100, COMMUNITY_VISIBLE);
    return c.json({ items: page.items });
  });

  app.post('/check', limitBody(128 * 1024), async (c) => {
    const who = requireIdentity(c, ['community', 'admin']);
    if (!who.ok) return who.response;
    const body = await jsonBody(c, checkSchema);
    if (!body.ok) return body.response;
    return c.json(await checkDemand(c.env.DB, ruleSet, who.value, body.value));
  });

  app.all('/inbox', methodNotAllowed('GET'));
  app.all('/check', methodNotAllowed('POST'));
  return app;
}
