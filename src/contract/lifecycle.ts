/**
 * Request schemas of sign-in and of the rule-set lifecycle endpoints (decision-log export, replay). The routes
 * validate with them and the OpenAPI document describes them: one schema each.
 */
import { z } from 'zod';
import { LIFECYCLE_TEXT } from '../messages.ts';
import { MAX_EXAMPLES } from '../replay/replay.ts';
import { RULE_FILES, type RuleSetFiles } from '../ruleset/types.ts';
import { isIsoDate } from '../workdays/index.ts';

/** POST /api/v1/session: a token proves who you are once. */
export const signInSchema = z.object({ token: z.string().trim().min(1).max(200) }).strict();

/** A China calendar date (the pattern is for the document; isIsoDate also refuses impossible dates). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date-format').refine(isIsoDate, 'date-format');
const fromBeforeTo = (r: { from?: string; to?: string }) => !r.from || !r.to || r.from <= r.to;
const RANGE_ISSUE = { message: LIFECYCLE_TEXT.dateRange, path: ['from'] };

/** GET /api/v1/decisions/export */
export const exportQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict().refine(fromBeforeTo, RANGE_ISSUE);

const FILE_KEYS = Object.keys(RULE_FILES) as [keyof RuleSetFiles, ...(keyof RuleSetFiles)[]];

/** POST /api/v1/replay: a candidate rule set (the files of rules/, by key) and a date range. */
export const replayBodySchema = z
  .object({
    files: z.partialRecord(z.enum(FILE_KEYS), z.unknown()),
    from: isoDate.optional(),
    to: isoDate.optional(),
    examples: z.number().int().min(0).max(MAX_EXAMPLES).optional(),
  })
  .strict()
  .refine(fromBeforeTo, RANGE_ISSUE);
