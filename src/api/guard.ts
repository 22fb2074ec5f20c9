/** Small helpers routes share: who is calling, JSON bodies validated by a zod schema, workflow outcomes as HTTP. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { ERROR_TEXT } from '../messages.ts';
import type { Outcome } from '../workflow/commands.ts';
import type { Identity, Role } from '../workflow/types.ts';
import { errorResponse, invalidRequest, issuesOf } from './errors.ts';
import { parseJson } from './validate.ts';

export type Guarded<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The caller's identity, or a 401; with roles given, a 403 for any other role. */
export function requireIdentity(c: Context<AppEnv>, roles?: readonly Role[]): Guarded<Identity> {
  const identity = c.get('identity');
  if (!identity) return { ok: false, response: errorResponse(c, 401, 'unauthenticated', ERROR_TEXT.unauthenticated) };
  if (roles && !roles.includes(identity.role)) return { ok: false, response: forbidden(c) };
  return { ok: true, value: identity };
}

export const forbidden = (c: Context) => errorResponse(c, 403, 'forbidden', ERROR_TEXT.forbidden);
export const notFound = (c: Context) => errorResponse(c, 404, 'not-found', ERROR_TEXT.requestNotFound);

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Guarded<z.output<S>>> {
  const parsed = parseJson(await c.req.text());
  if (!parsed.ok) return { ok: false, response: errorResponse(c, 400, 'invalid-json', ERROR_TEXT.invalidJson) };
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) return { ok: false, response: invalidRequest(c, issuesOf(checked.error)) };
  return { ok: true, value: checked.data };
}

/** Maps a failed workflow outcome to its HTTP answer. */
export function outcomeError(c: Context, outcome: Exclude<Outcome<unknown>, { ok: true }>): Response {
  switch (outcome.kind) {
    case 'not-found':
      return notFound(c);
    case 'forbidden':
      return forbidden(c);
    case 'invalid':
      return invalidRequest(c, outcome.issues);
    case 'idempotency-mismatch':
      return errorResponse(c, 422, 'idempotency-key-reused', ERROR_TEXT.idempotencyMismatch);
    case 'conflict':
      return c.json(
        {
          error: {
            code: outcome.code,
            message: outcome.code === 'not-approvable' ? ERROR_TEXT.notApprovable : ERROR_TEXT.conflict,
            ...(outcome.reasons ? { reasons: outcome.reasons } : {}),
            ...(outcome.current ? { current: outcome.current } : {}),
          },
        },
        409,
      );
  }
}
