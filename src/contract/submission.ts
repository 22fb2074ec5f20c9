/**
 * A department's assistance request (the workflow's submission): the evaluate contract's fields plus the
 * communities it targets, a deadline and its legal basis. The street review is the workflow's to record, so a
 * submission may not carry one.
 */
import { z } from 'zod';
import { evaluateRequestFields, hasText, TEXT_REQUIRED } from './evaluate-request.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date-format').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'date-invalid');
const id = z.string().trim().min(1).max(64);

export const submissionSchema = evaluateRequestFields
  .omit({ streetReview: true })
  .extend({
    targetCommunities: z.array(id).min(1).max(200),
    deadline: isoDate.optional(),
    legalBasis: z.string().max(1_000).optional(),
  })
  .strict()
  .refine(hasText, TEXT_REQUIRED);

export type Submission = z.output<typeof submissionSchema>;

/** A revision names the version it revises, so a stale edit is refused rather than silently applied. */
export const revisionSchema = evaluateRequestFields
  .omit({ streetReview: true })
  .extend({
    version: z.number().int().min(1),
    targetCommunities: z.array(id).min(1).max(200),
    deadline: isoDate.optional(),
    legalBasis: z.string().max(1_000).optional(),
  })
  .strict()
  .refine(hasText, TEXT_REQUIRED);

export const reviewSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'return']),
    version: z.number().int().min(1),
    comment: z.string().trim().min(2).max(2_000),
    fundingConfirmed: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.action !== 'approve' || r.fundingConfirmed === true, {
    message: 'funding-confirmation-required',
    path: ['fundingConfirmed'],
  });

export const withdrawSchema = z
  .object({ version: z.number().int().min(1), reason: z.string().trim().min(2).max(2_000) })
  .strict();

export const checkSchema = z
  .object({ text: z.string().trim().min(1).max(20_000), requestId: z.string().trim().min(1).max(64).optional() })
  .strict();

export const listQuerySchema = z
  .object({
    status: z.enum(['pending-review', 'admitted', 'rejected', 'refused', 'returned', 'withdrawn', 'exited']).optional(),
    decision: z.enum(['allow', 'needs-review', 'reject']).optional(),
    department: id.optional(),
    street: id.optional(),
    community: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

export const reportQuerySchema = z
  .object({
    groupBy: z.enum(['department', 'street', 'community']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();
