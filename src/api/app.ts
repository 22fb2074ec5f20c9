/** The HTTP application: routes mounted on one Hono app, with the API's own 404 and error answers. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import type { AppEnv } from '../env.ts';
import { resolveIdentity } from '../auth/identity.ts';
import { communityRoutes } from './routes/community.ts';
import { reportsRoute } from './routes/reports.ts';
import { requestsRoute } from './routes/requests.ts';
import { csrfForSessions } from './middleware/csrf-for-sessions.ts';
import { reviewsRoute } from './routes/reviews.ts';
import { sessionRoutes } from './routes/session.ts';
import { ERROR_TEXT } from '../messages.ts';
import { errorResponse } from './errors.ts';
import { batchRoute } from './routes/batch.ts';
import { evaluateRoute } from './routes/evaluate.ts';
import { healthRoute } from './routes/health.ts';
import { rulesRoute } from './routes/rules.ts';
import { webRoutes } from '../web/routes.tsx';
import { decisionsRoutes } from './routes/decisions.ts';
import { openApiRoutes } from './openapi/index.ts';

export function createApp(ruleSet: CompiledRuleSet) {
  const app = new Hono<AppEnv>();
  app.use('/api/*', csrfForSessions());
  app.use('/api/v1/*', resolveIdentity());
  app.route('/healthz', healthRoute(ruleSet));
  app.route('/api/v1/requests', requestsRoute(ruleSet));
  app.route('/api/v1/reviews', reviewsRoute());
  app.route('/api/v1/reports', reportsRoute());
  app.route('/api/v1', communityRoutes(ruleSet));
  app.route('/api/v1', sessionRoutes());
  app.route('/api/v1/evaluate/batch', batchRoute(ruleSet));
  app.route('/api/v1/evaluate', evaluateRoute(ruleSet));
  app.route('/api/v1/rules', rulesRoute(ruleSet));
  app.route('/api/v1', decisionsRoutes(ruleSet));
  app.route('/api/v1', openApiRoutes(ruleSet));
  app.route('/', webRoutes(ruleSet));
  app.notFound((c) => errorResponse(c, 404, 'not-found', ERROR_TEXT.notFound));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 403 ? 'forbidden' : 'bad-request';
      return errorResponse(c, error.status, code, error.status === 403 ? ERROR_TEXT.forbidden : ERROR_TEXT.invalidRequest);
    }
    console.error('unhandled error', error);
    return errorResponse(c, 500, 'internal', ERROR_TEXT.internal);
  });
  return app;
}
