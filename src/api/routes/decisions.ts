/**
 * The district's view of recorded decisions (admin only):
 *   GET  /api/v1/decisions/export?from&to  NDJSON, one line per decision, personal data masked
 *   POST /api/v1/replay                    {files: RuleSetFiles, from?, to?, examples?}: what a candidate rule set
 *                                          would change in the recorded decisions (never writes)
 */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { AppEnv } from '../../env.ts';
import { LIFECYCLE_TEXT } from '../../messages.ts';
import { compileCandidate, replay } from '../../replay/replay.ts';
import type { RuleSetFiles } from '../../ruleset/types.ts';
import { exportQuerySchema, replayBodySchema } from '../../contract/lifecycle.ts';
import { decisionLogStream, readDecisionLog } from '../../store/decision-log.ts';
import { invalidRequest, issuesOf, methodNotAllowed } from '../errors.ts';
import { jsonBody, requireIdentity } from '../guard.ts';
import { limitBody } from '../middleware/body-limit.ts';

/** A candidate rule set is about as large as rules/ (under 100 KB today); room for a district's long lists. */
export const REPLAY_BODY_LIMIT = 2 * 1024 * 1024;

export function decisionsRoutes(ruleSet: CompiledRuleSet) {
  return new Hono<AppEnv>()
    .get('/decisions/export', async (c) => {
      const who = requireIdentity(c, ['admin']);
      if (!who.ok) return who.response;
      const query = exportQuerySchema.safeParse(c.req.query());
      if (!query.success) return invalidRequest(c, issuesOf(query.error));
      const { from, to } = query.data;
      const name = `duty-gate-decisions${from ? `-from-${from}` : ''}${to ? `-to-${to}` : ''}.ndjson`;
      return new Response(decisionLogStream(c.env.DB, { from, to }), {
        headers: {
          'content-type': 'application/x-ndjson; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
          'x-rules-version': ruleSet.version,
        },
      });
    })
    .all('/decisions/export', methodNotAllowed('GET'))
    .post('/replay', limitBody(REPLAY_BODY_LIMIT), async (c) => {
      const who = requireIdentity(c, ['admin']);
      if (!who.ok) return who.response;
      const body = await jsonBody(c, replayBodySchema);
      if (!body.ok) return body.response;
      const { files, from, to, examples } = body.value;
      const candidate = compileCandidate(files as RuleSetFiles);
      if (!candidate.ok) {
        return c.json({ error: { code: 'invalid-rule-set', message: LIFECYCLE_TEXT.invalidRuleSet, problems: candidate.problems } }, 400);
      }
      const entries = await readDecisionLog(c.env.DB, { from, to });
      return c.json({ currentVersion: ruleSet.version, ...replay(entries, candidate.ruleSet, { examples, from, to }) });
    })
    .all('/replay', methodNotAllowed('POST'));
}
