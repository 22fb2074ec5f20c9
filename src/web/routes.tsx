/**
 * The web pages, mounted on the app at '/'. Only the paths listed in WEB_AREAS are the pages': /api and /healthz
 * (and anything mounted later) never see this middleware. On those paths: strict security headers with a CSP
 * nonce, CSRF protection on every form post (hono/csrf: Origin / Sec-Fetch-Site must be this site), and the
 * identity from the signed session cookie.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { resolveIdentity } from '../auth/identity.ts';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import { WEB_TEXT } from '../messages.ts';
import { assetRoutes } from './assets/routes.ts';
import { communityRoutes } from './community/routes.tsx';
import { departmentRoutes } from './department/routes.tsx';
import { dutyListRoutes } from './duty-list/routes.tsx';
import type { WebContext, WebEnv } from './env.ts';
import { messagePage, notFoundPage } from './page.tsx';
import { requestRoutes } from './request/routes.tsx';
import { reviewerRoutes } from './reviewer/routes.tsx';
import { rulesRoutes } from './rules/routes.tsx';
import { signInRoutes } from './sign-in/routes.tsx';
import { supervisionRoutes } from './supervision/routes.tsx';

/** First path segments that belong to the pages. */
export const WEB_AREAS = ['login', 'logout', 'department', 'requests', 'reviews', 'inbox', 'check', 'duty-list', 'supervision', 'rules', 'assets'] as const;

export function isWebPath(path: string): boolean {
  if (path === '/') return true;
  const first = path.split('/')[1] ?? '';
  return (WEB_AREAS as readonly string[]).includes(first);
}

const webOnly = (middleware: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> => (c, next) =>
  isWebPath(c.req.path) ? middleware(c, next) : next();

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", NONCE],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

export function webRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();

  app.use(
    '*',
    webOnly(secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'same-origin', xFrameOptions: 'DENY' })),
    webOnly(csrf()),
    webOnly(resolveIdentity() as unknown as MiddlewareHandler<WebEnv>),
  );

  app.route('/assets', assetRoutes());
  app.route('/', signInRoutes());
  app.route('/', rulesRoutes(ruleSet));
  app.route('/', departmentRoutes(ruleSet));
  app.route('/', requestRoutes(ruleSet));
  app.route('/', reviewerRoutes());
  app.route('/', communityRoutes(ruleSet));
  app.route('/', dutyListRoutes(ruleSet));
  app.route('/', supervisionRoutes(ruleSet));

  // Unknown paths inside the pages' areas get a page, not the API's JSON 404.
  for (const area of WEB_AREAS) app.all(`/${area}/*`, (c) => notFoundPage(c));

  app.onError((error, c) => {
    const web = c as unknown as WebContext;
    if (error instanceof HTTPException && error.status === 403) return messagePage(web, WEB_TEXT.errors.csrfTitle, WEB_TEXT.errors.csrf, 403);
    if (error instanceof HTTPException && error.status < 500) return messagePage(web, WEB_TEXT.errors.notFoundTitle, WEB_TEXT.errors.badRequest, 400);
    console.error('unhandled error in web page', error);
    return messagePage(web, WEB_TEXT.errors.internalTitle, WEB_TEXT.errors.internal, 500);
  });

  return app;
}
