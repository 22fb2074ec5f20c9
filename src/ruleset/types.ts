import type { z } from 'zod';
import type {
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

/** The rule set as the files under rules/ hold it, keyed by file. */
export interface RuleSetFiles {
  clauses: z.input<typeof clausesFileSchema>;
  decisionRules: z.input<typeof decisionRulesFileSchema>;
  areas: z.input<typeof areasFileSchema>;
  roles: z.input<typeof rolesFileSchema>;
  negation: z.input<typeof negationFileSchema>;
  veto: z.input<typeof vetoFileSchema>;
  funding: z.input<typeof fundingFileSchema>;
  paperwork: z.input<typeof paperworkFileSchema>;
  statutoryDuties: z.input<typeof dutyListFileSchema>;
  assistanceByLaw: z.input<typeof dutyListFileSchema>;
  negativeList: z.input<typeof negativeListFileSchema>;
  certificates: z.input<typeof certificatesFileSchema>;
}

/** The same, validated. */
export interface RuleSetData {
  clauses: z.output<typeof clausesFileSchema>;
  decisionRules: z.output<typeof decisionRulesFileSchema>;
  areas: z.output<typeof areasFileSchema>;
  roles: z.output<typeof rolesFileSchema>;
  negation: z.output<typeof negationFileSchema>;
  veto: z.output<typeof vetoFileSchema>;
  funding: z.output<typeof fundingFileSchema>;
  paperwork: z.output<typeof paperworkFileSchema>;
  statutoryDuties: z.output<typeof dutyListFileSchema>;
  assistanceByLaw: z.output<typeof dutyListFileSchema>;
  negativeList: z.output<typeof negativeListFileSchema>;
  certificates: z.output<typeof certificatesFileSchema>;
}
