import type { AreaCode, Effect, ReasonCode } from '../ruleset/schema.ts';
import type { CommunityRole, StreetReviewStatus } from '../contract/evaluate-request.ts';

export type { EvaluateRequest } from '../contract/evaluate-request.ts';
export type { AreaCode, Effect, ReasonCode };

/** A text field evidence can point into. Offsets are UTF-16 code units, as JavaScript strings count. */
export type EvidenceField = 'title' | 'description' | 'funding.conditions' | 'funding.amountYuan' | 'communityRole'
  | 'areas' | 'oneVoteVeto' | 'listItem' | 'streetReview.status' | 'responsibleUnits' | 'assistingUnits';

export interface Evidence {
  field: EvidenceField;
  start: number;
  end: number;
  text: string;
}

export interface Reason {
  code: ReasonCode;
  effect: Effect;
  clause: string;
  quote: string;
  message: string;
  fix: string;
  area?: AreaCode;
  /** The list item the reason is about (negative-list item, certificate, statutory duty). */
  listItem?: string;
  evidence: Evidence[];
}

export interface Warning {
  code: string;
  message: string;
  evidence: Evidence[];
}

export interface DecisionFacts {
  communityRole: CommunityRole | 'unclear' | 'none';
  areas: AreaCode[];
  oneVoteVeto: boolean;
  funded: boolean;
  streetReview: StreetReviewStatus;
  listItems: string[];
  addressed: boolean;
  forbiddenAreas: AreaCode[];
  negativeListItems: string[];
  certificates: string[];
  fundingRefused: boolean;
  statutoryDuty: boolean;
}

export interface Decision {
  decision: Effect;
  reasons: Reason[];
  warnings: Warning[];
  facts: DecisionFacts;
  rulesVersion: string;
}
