/**
 * The evaluate request of the public contract (shared/spec/evaluate-contract.md), as a zod schema. Used by the
 * API, the batch endpoint, the CSV duty-list reader and the CLI, so all of them accept exactly the same thing.
 */
import { z } from 'zod';
import { AREA_CODES } from '../ruleset/schema.ts';

export const COMMUNITY_ROLES = ['responsible', 'assist', 'informational'] as const;
export const STREET_REVIEW_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 20_000;

const unitList = z.array(z.string().trim().min(1).max(100)).max(50);

/** The contract's fields, before the cross-field check (other schemas extend this). */
export const evaluateRequestFields = z
  .object({
    title: z.string().max(TITLE_MAX).optional(),
    description: z.string().max(DESCRIPTION_MAX).optional(),
    department: z.string().trim().max(100).optional(),
    communityRole: z.enum(COMMUNITY_ROLES).optional(),
    areas: z.array(z.enum(AREA_CODES)).max(AREA_CODES.length).optional(),
    listItem: z.string().trim().min(1).max(80).optional(),
    oneVoteVeto: z.boolean().optional(),
    funding: z
      .object({
        amountYuan: z.number().finite().min(0).max(1e12).optional(),
        conditions: z.string().max(2_000).optional(),
      })
      .strict()
      .optional(),
    streetReview: z
      .object({
        status: z.enum(STREET_REVIEW_STATUSES),
        note: z.string().max(2_000).optional(),
      })
      .strict()
      .optional(),
    responsibleUnits: unitList.optional(),
    assistingUnits: unitList.optional(),
  })
  .strict();

export const hasText = (r: { title?: string; description?: string }) =>
  (r.title ?? '').trim() !== '' || (r.description ?? '').trim() !== '';
export const TEXT_REQUIRED = { message: 'title-or-description-required', path: ['description'] };

export const evaluateRequestSchema = evaluateRequestFields.refine(hasText, TEXT_REQUIRED);

export type EvaluateRequest = z.output<typeof evaluateRequestSchema>;
export type CommunityRole = (typeof COMMUNITY_ROLES)[number];
export type StreetReviewStatus = (typeof STREET_REVIEW_STATUSES)[number];
