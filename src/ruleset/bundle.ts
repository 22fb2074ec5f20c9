/**
 * The rule set deployed with this build: every file under rules/, imported as JSON so the bundler embeds it.
 * Compiled (and so validated) once, when the module loads: a broken rules file stops the Worker from starting.
 */
import clauses from '../../rules/clauses.json';
import decisionRules from '../../rules/decision-rules.json';
import areas from '../../rules/lexicon/areas.json';
import roles from '../../rules/lexicon/roles.json';
import negation from '../../rules/lexicon/negation.json';
import veto from '../../rules/lexicon/veto.json';
import funding from '../../rules/lexicon/funding.json';
import paperwork from '../../rules/lexicon/paperwork.json';
import statutoryDuties from '../../rules/lists/statutory-duties.json';
import assistanceByLaw from '../../rules/lists/assistance-by-law.json';
import negativeList from '../../rules/lists/negative-list.json';
import certificates from '../../rules/lists/certificates.json';
import type { RuleSetFiles } from './types.ts';

export const bundledRuleFiles = {
  clauses,
  decisionRules,
  areas,
  roles,
  negation,
  veto,
  funding,
  paperwork,
  statutoryDuties,
  assistanceByLaw,
  negativeList,
  certificates,
} as unknown as RuleSetFiles;
