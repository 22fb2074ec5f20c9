/** The Worker's bindings (wrangler.toml) and the variables middleware puts on the request context. */
import type { Identity } from './workflow/types.ts';

export interface Env {
  DB: D1Database;
  /** Signs session cookies. Without it, only bearer tokens authenticate. */
  SESSION_SECRET?: string;
  /** "true" only under `npm run dev`: lets the demo tokens of seeds/demo sign in. */
  ALLOW_DEMO_TOKENS?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { identity: Identity | null };
}
