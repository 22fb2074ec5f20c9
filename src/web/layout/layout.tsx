/** The page shell: header with who is signed in, the role's menu, main content, and our own CSS and script. */
import type { Child } from 'hono/jsx';
import { WEB_TEXT } from '../../messages.ts';
import type { Identity, Role } from '../../workflow/types.ts';
import { ASSET_PATHS } from '../assets/routes.ts';

interface NavItem {
  href: string;
  label: string;
}

const T = WEB_TEXT.nav;

export const NAV: Record<Role, NavItem[]> = {
  department: [
    { href: '/department/requests/new', label: T.newRequest },
    { href: '/department/requests', label: T.myRequests },
    { href: '/duty-list', label: T.dutyList },
    { href: '/rules', label: T.rules },
  ],
  'street-reviewer': [
    { href: '/reviews', label: T.reviews },
    { href: '/supervision', label: T.supervision },
    { href: '/duty-list', label: T.dutyList },
    { href: '/rules', label: T.rules },
  ],
  community: [
    { href: '/inbox', label: T.inbox },
    { href: '/check', label: T.check },
    { href: '/duty-list', label: T.dutyList },
    { href: '/rules', label: T.rules },
  ],
  admin: [
    { href: '/supervision', label: T.supervision },
    { href: '/supervision/replay', label: T.replay },
    { href: '/reviews', label: T.reviews },
    { href: '/check', label: T.check },
    { href: '/duty-list', label: T.dutyList },
    { href: '/rules', label: T.rules },
  ],
};

/** Where each role lands after signing in. */
export const HOME: Record<Role, string> = {
  department: '/department/requests',
  'street-reviewer': '/reviews',
  community: '/inbox',
  admin: '/supervision',
};

export interface LayoutProps {
  title: string;
  identity: Identity | null;
  nonce?: string | undefined;
  path: string;
  children?: Child;
}

/** The menu entry for a path: the longest href that is the path or a prefix of it. */
function currentHref(items: NavItem[], path: string): string | null {
  const matches = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

export function Layout({ title, identity, nonce, path, children }: LayoutProps) {
  const items = identity ? NAV[identity.role] : [{ href: '/login', label: WEB_TEXT.signIn }, { href: '/rules', label: T.rules }];
  const current = currentHref(items, path);
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${WEB_TEXT.titleSuffix}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={ASSET_PATHS.css} />
        <script src={ASSET_PATHS.js} nonce={nonce} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">{WEB_TEXT.skipToContent}</a>
        <header class="site-header">
          <a class="brand" href={identity ? HOME[identity.role] : '/login'}>{WEB_TEXT.siteName}</a>
          {identity ? (
            <div class="who">
              <span id="signed-in-as">{WEB_TEXT.signedInAs(identity.name, WEB_TEXT.role[identity.role] ?? identity.role)}</span>
              <form method="post" action="/logout">
                <button type="submit" id="sign-out">{WEB_TEXT.signOut}</button>
              </form>
            </div>
          ) : null}
          <nav class="site-nav" aria-label={WEB_TEXT.menu}>
            <ul>
              {items.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>{item.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">{WEB_TEXT.footer}</footer>
      </body>
    </html>
  );
}
