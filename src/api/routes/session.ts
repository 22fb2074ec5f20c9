/** Sign-in for the web pages: a token proves who you are once and a signed cookie carries it after. */
import { Hono } from 'hono';
import { signInSchema } from '../../contract/lifecycle.ts';
import type { AppEnv } from '../../env.ts';
import { endSession, startSession } from '../../auth/identity.ts';
import { hashToken } from '../../auth/tokens.ts';
import { ERROR_TEXT } from '../../messages.ts';
import { findUserByTokenHash, listOrganisation } from '../../store/users.ts';
import { errorResponse, methodNotAllowed } from '../errors.ts';
import { jsonBody, requireIdentity } from '../guard.ts';

export function sessionRoutes() {
  const app = new Hono<AppEnv>();
  app.post('/session', async (c) => {
    const body = await jsonBody(c, signInSchema);
    if (!body.ok) return body.response;
    if (!c.env.SESSION_SECRET) return errorResponse(c, 503, 'sessions-disabled', ERROR_TEXT.sessionsDisabled);
    const user = await findUserByTokenHash(c.env.DB, await hashToken(body.value.token), c.env.ALLOW_DEMO_TOKENS === 'true');
    if (!user) return errorResponse(c, 401, 'unauthenticated', ERROR_TEXT.badToken);
    await startSession(c, user.userId);
    return c.json({ identity: user });
  });
  app.delete('/session', (c) => {
    endSession(c);
    return c.body(null, 204);
  });
  app.get('/me', (c) => {
    const who = requireIdentity(c);
    return who.ok ? c.json({ identity: who.value }) : who.response;
  });
  app.get('/organisation', async (c) => {
    const who = requireIdentity(c);
    return who.ok ? c.json(await listOrganisation(c.env.DB)) : who.response;
  });
  app.all('/session', methodNotAllowed('POST, DELETE'));
  app.all('/me', methodNotAllowed('GET'));
  app.all('/organisation', methodNotAllowed('GET'));
  return app;
}
