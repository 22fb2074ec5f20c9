/**
 * CSRF protection where it matters: requests authenticated by the session cookie. Bearer-token and anonymous
 * calls carry no ambient credential a foreign site could borrow, so curl without a Content-Type keeps working.
 */
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { SESSION_COOKIE } from '../../auth/identity.ts';

export function csrfForSessions(): MiddlewareHandler {
  const check = csrf();
  return async (c, next) => {
    const usesSession = !c.req.header('authorization') && (c.req.header('cookie') ?? '').includes(`${SESSION_COOKIE}=`);
    return usesSession ? check(c, next) : next();
  };
}
