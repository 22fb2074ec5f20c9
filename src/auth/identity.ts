/**
 * Resolves who is calling: a bearer API token, or the signed session cookie the web pages use. Sets
 * c.var.identity (null when anonymous); routes decide what an identity may do.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { findUser, findUserByTokenHash } from '../store/users.ts';
import { hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'dg_session';
const SESSION_SECONDS = 8 * 60 * 60;

export function resolveIdentity(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('identity', await identify(c));
    await next();
  };
}

async function identify(c: Context<AppEnv>) {
  const header = c.req.header('authorization');
  const allowDemo = c.env.ALLOW_DEMO_TOKENS === 'true';
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return null;
    return findUserByTokenHash(c.env.DB, await hashToken(match[1]!), allowDemo);
  }
  const secret = c.env.SESSION_SECRET;
  if (!secret) return null;
  const cookie = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (!cookie) return null;
  const [userId, expires] = cookie.split('|');
  if (!userId || !expires || Number(expires) < Date.now()) return null;
  return findUser(c.env.DB, userId);
}

/** Signs the session cookie for a user who proved a token. */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<boolean> {
  const secret = c.env.SESSION_SECRET;
  if (!secret) return false;
  const expires = Date.now() + SESSION_SECONDS * 1000;
  await setSignedCookie(c, SESSION_COOKIE, `${userId}|${expires}`, secret, {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_SECONDS,
  });
  return true;
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
