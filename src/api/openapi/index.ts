/**
 * GET /api/v1/openapi.json (the OpenAPI 3.1 document) and GET /api/v1/docs (the same, as an HTML page the Worker
 * renders itself). Both are built on first request and kept for the life of the isolate.
 */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { methodNotAllowed } from '../errors.ts';
import { openApiDocument } from './document.ts';
import { DOCS_PAGE_CSP, renderDocsPage } from './page.ts';

export function openApiRoutes(ruleSet: CompiledRuleSet) {
  let page: string | undefined;
  return new Hono()
    .get('/openapi.json', (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(openApiDocument(ruleSet));
    })
    .get('/docs', (c) => {
      page ??= renderDocsPage(openApiDocument(ruleSet));
      c.header('Content-Security-Policy', DOCS_PAGE_CSP);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'public, max-age=300');
      return c.html(page);
    })
    .all('/openapi.json', methodNotAllowed('GET'))
    .all('/docs', methodNotAllowed('GET'));
}
