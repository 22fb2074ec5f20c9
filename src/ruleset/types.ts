/** The files a rule set is made of, each with its zod schema; the rule set's types are derived from them. */
import type { z } from 'zod';
import {
  areasFileSchema,
  certificatesFileSchema,
  clausesFileSchema,
  decisionRulesFileSchema,
  dutyListFileSchema,
  fundingFileSchema,
  negationFileSchema,
  negativeListFileSchema,
  paperworkFileSchema,
  rolesFileSchema,
  vetoFileSchema,
} from './schema.ts';

export const RULE_FILES = {
  clauses: { file: 'rules/clauses.json', schema: clausesFileSchema },
  decisionRules: { file: 'rules/decision-rules.json', schema: decisionRulesFileSchema },
  areas: { file: 'rules/lexicon/areas.json', schema: areasFileSchema },
  roles: { file: 'rules/lexicon/roles.json', schema: rolesFileSchema },
  negation: { file: 'rules/lexicon/negation.json', schema: negationFileSchema },
  veto: { file: 'rules/lexicon/veto.json', schema: vetoFileSchema },
  funding: { file: 'rules/lexicon/funding.json', schema: fundingFileSchema },
  paperwork: { file: 'rules/lexicon/paperwork.json', schema: paperworkFileSchema },
  statutoryDuties: { file: 'rules/lists/statutory-duties.json', schema: dutyListFileSchema },
  assistanceByLaw: { file: 'rules/lists/assistance-by-law.json', schema: dutyListFileSchema },
  negativeList: { file: 'rules/lists/negative-list.json', schema: negativeListFileSchema },
  certificates: { file: 'rules/lists/certificates.json', schema: certificatesFileSchema },
} as const;

type Files = typeof RULE_FILES;

/** The rule set as the files under rules/ hold it, keyed by file. */
export type RuleSetFiles = { -readonly [K in keyof Files]: z.input<Files[K]['schema']> };

/** The same, validated. */
export type RuleSetData = { -readonly [K in keyof Files]: z.output<Files[K]['schema']> };
