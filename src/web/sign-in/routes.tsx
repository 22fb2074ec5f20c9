/**
 * Signing in to the pages: a token proves who you are once and the signed session cookie (dg_session) carries it.
 * Under `npm run dev` (ALLOW_DEMO_TOKENS=true) the demo accounts are offered as buttons posting their token.
 */
import { Hono } from 'hono';
import { endSession, startSession } from '../../auth/identity.ts';
import { hashToken } from '../../auth/tokens.ts';
import { WEB_TEXT } from '../../messages.ts';
import { findUserByTokenHash } from '../../store/users.ts';
import organisation from '../../../seeds/demo/organisation.json';
import { asAppContext, field, safeNext, type FormBody, type WebContext, type WebEnv } from '../env.ts';
import { HOME } from '../layout/layout.tsx';
import { described, ErrorSummary, FieldError, fieldId, Flash, Hint, type FieldErrors } from '../layout/parts.tsx';
import { render } from '../page.tsx';

const S = WEB_TEXT.signInPage;

interface DemoAccount {
  name: string;
  role: string;
  token: string;
}

/** The demo accounts of seeds/demo/organisation.json that carry a token (shown only when demo tokens are on). */
export const DEMO_ACCOUNTS: DemoAccount[] = (organisation.users as Array<{ name: string; role: string; demoToken?: string }>)
  .filter((u) => u.demoToken)
  .map((u) => ({ name: u.name, role: u.role, token: u.demoToken! }));

function SignInPage({ c, errors, token, next }: { c: WebContext; errors: FieldErrors; token: string; next: string | null }) {
  const demo = c.env.ALLOW_DEMO_TOKENS === 'true';
  return (
    <>
      <h1>{S.heading}</h1>
      <p>{S.intro}</p>
      <Flash message={c.req.query('signedOut') ? S.signedOut : null} />
      <ErrorSummary errors={errors} />
      {demo ? (
        <section class="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{S.demoHeading}</h2>
          <p class="muted">{S.demoHint}</p>
          <div class="demo-accounts">
            {DEMO_ACCOUNTS.map((a) => (
              <form method="post" action="/login">
                <input type="hidden" name="token" value={a.token} />
                {next ? <input type="hidden" name="next" value={next} /> : null}
                <button type="submit" class="secondary" id={`demo-${a.token}`} data-token={a.token}>
                  {S.demoButton(a.name, WEB_TEXT.role[a.role] ?? a.role)}
                </button>
              </form>
            ))}
          </div>
        </section>
      ) : null}
      <section class="card" aria-labelledby="token-heading">
        <h2 id="token-heading">{S.tokenHeading}</h2>
        <form method="post" action="/login" id="token-form" novalidate>
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <div class="field">
            <label for={fieldId('token')}>{S.tokenLabel}</label>
            <Hint name="token">{S.tokenHint}</Hint>
            <FieldError name="token" errors={errors} />
            <input type="password" name="token" id={fieldId('token')} value={token} autocomplete="current-password" required {...described('token', errors, true)} />
          </div>
          <button type="submit" id="token-submit">{S.submit}</button>
        </form>
      </section>
      <p><a href="/rules">{S.rulesLink}</a></p>
    </>
  );
}

export function signInRoutes() {
  const app = new Hono<WebEnv>();

  app.get('/', (c) => {
    const who = c.get('identity');
    return c.redirect(who ? HOME[who.role] : '/login', 303);
  });

  app.get('/login', (c) => render(c, S.title, <SignInPage c={c} errors={{}} token="" next={safeNext(c.req.query('next'))} />));

  app.post('/login', async (c) => {
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const token = field(body, 'token').trim();
    const next = safeNext(field(body, 'next'));
    const again = (errors: FieldErrors, status: 400 | 401 | 503) =>
      render(c, S.title, <SignInPage c={c} errors={errors} token="" next={next} />, status);
    if (token === '' || token.length > 200) return again({ token: WEB_TEXT.errors.tokenRequired }, 400);
    if (!c.env.SESSION_SECRET) return again({ form: WEB_TEXT.errors.sessionsDisabled }, 503);
    const user = await findUserByTokenHash(c.env.DB, await hashToken(token), c.env.ALLOW_DEMO_TOKENS === 'true');
    if (!user) return again({ token: WEB_TEXT.errors.badToken }, 401);
    await startSession(asAppContext(c), user.userId);
    return c.redirect(next ?? HOME[user.role], 303);
  });

  app.post('/logout', (c) => {
    endSession(asAppContext(c));
    return c.redirect('/login?signedOut=1', 303);
  });

  return app;
}
