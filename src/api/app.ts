/** The HTTP application: routes mounted on one Hono app, with the API's own 404 and error answers. */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import { ERROR_TEXT } from '../messages.ts';
import { errorResponse } from './errors.ts';
import { batchRoute } from './routes/batch.ts';
import { evaluateRoute } from './routes/evaluate.ts';
import { healthRoute } from './routes/health.ts';
import { rulesRoute } from './routes/rules.ts';

export function createApp(ruleSet: CompiledRuleSet) {
  const app = new Hono();
  app.route('/healthz', healthRoute(ruleSet));
  app.route('/api/v1/evaluate/batch', batchRoute(ruleSet));
  app.route('/api/v1/evaluate', evaluateRoute(ruleSet));
  app.route('/api/v1/rules', rulesRoute(ruleSet));
  app.notFound((c) => errorResponse(c, 404, 'not-found', ERROR_TEXT.notFound));
  app.onError((error, c) => {
    console.error('unhandled error', error);
    return errorResponse(c, 500, 'internal', ERROR_TEXT.internal);
  });
  return app;
}
