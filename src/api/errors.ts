/** The API's error bodies: { error: { code, message, issues? } }, Chinese first, English after. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { describeIssue, ERROR_TEXT } from '../messages.ts';

export interface ApiIssue {
  path: string;
  message: string;
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, issues?: ApiIssue[]) {
  return c.json({ error: { code, message, ...(issues ? { issues } : {}) } }, status);
}

export function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): ApiIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: describeIssue(issue as Parameters<typeof describeIssue>[0]),
  }));
}

export function invalidRequest(c: Context, issues: ApiIssue[]) {
  return errorResponse(c, 400, 'invalid-request', ERROR_TEXT.invalidRequest, issues);
}

/** The answer for a known path asked with the wrong method. */
export function methodNotAllowed(allow: string) {
  return (c: Context) => {
    c.header('Allow', allow);
    return errorResponse(c, 405, 'method-not-allowed', ERROR_TEXT.methodNotAllowed);
  };
}
