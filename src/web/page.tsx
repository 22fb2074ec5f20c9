/** Rendering a page inside the layout, and the guards pages share: signed in, right role, else redirect or 403. */
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { WEB_TEXT } from '../messages.ts';
import type { Identity, Role } from '../workflow/types.ts';
import type { WebContext } from './env.ts';
import { HOME, Layout } from './layout/layout.tsx';

export async function render(c: WebContext, title: string, content: Child, status: ContentfulStatusCode = 200): Promise<Response> {
  const node = (
    <Layout title={title} identity={c.get('identity')} nonce={c.get('secureHeadersNonce')} path={c.req.path}>
      {content}
    </Layout>
  );
  const html = await (node as unknown as { toString(): string | Promise<string> }).toString();
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${html}`, status);
}

export type PageGuard = { ok: true; who: Identity } | { ok: false; response: Response | Promise<Response> };

/** The signed-in person, or a redirect to /login (coming back here after); with roles, a 403 page for any other. */
export function requirePage(c: WebContext, roles?: readonly Role[]): PageGuard {
  const who = c.get('identity');
  if (!who) {
    const url = new URL(c.req.url);
    const next = c.req.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
    return { ok: false, response: c.redirect(`/login?next=${encodeURIComponent(next)}`, 303) };
  }
  if (roles && !roles.includes(who.role)) return { ok: false, response: forbiddenPage(c) };
  return { ok: true, who };
}

export function messagePage(c: WebContext, title: string, message: string, status: ContentfulStatusCode) {
  const who = c.get('identity');
  return render(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p id="page-message">{message}</p>
      <p><a href={who ? HOME[who.role] : '/login'}>{WEB_TEXT.errors.backHome}</a></p>
    </>,
    status,
  );
}

export const forbiddenPage = (c: WebContext) => messagePage(c, WEB_TEXT.errors.forbiddenTitle, WEB_TEXT.errors.forbidden, 403);
export const notFoundPage = (c: WebContext) => messagePage(c, WEB_TEXT.errors.notFoundTitle, WEB_TEXT.errors.notFound, 404);

/** A validation or workflow message without the English line the API appends for developers. */
export function chineseOnly(message: string): string {
  return message.replace(/\s*\((?=[^)]*[A-Za-z])[^()]*\)\s*$/, '').trim();
}
