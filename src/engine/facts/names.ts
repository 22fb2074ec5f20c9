/** The facts the decision rules may read (rules/decision-rules.json). The loader rejects a rule reading any other. */
export const FACT_NAMES = [
  'addressed',
  'oneVoteVeto',
  'forbiddenAreas',
  'forbiddenAreaCount',
  'negativeListItems',
  'negativeListCount',
  'disallowedCertificates',
  'disallowedCertificateCount',
  'communityRole',
  'assists',
  'responsibleUnlisted',
  'statutoryDuty',
  'funded',
  'fundingRefused',
  'streetReview',
] as const;
export type FactName = (typeof FACT_NAMES)[number];
