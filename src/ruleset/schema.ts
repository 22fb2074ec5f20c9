/**
 * zod schemas for every file under rules/. The Worker and the CLI validate the whole rule set with these
 * at start-up and refuse to run on a broken file.
 */
import { z } from 'zod';

export const REASON_CODES = [
  'one-vote-veto',
  'forbidden-responsibility',
  'negative-list',
  'certificate-not-allowed',
  'funding-required',
  'street-rejected',
  'street-review-required',
  'not-on-lists',
  'role-unclear',
  'statutory-duty',
  'approved-assistance',
  'informational',
  'not-addressed',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const AREA_CODES = [
  'law-enforcement',
  'demolition',
  'environmental-remediation',
  'urban-management',
  'investment-promotion',
  'tax-and-revenue',
  'safety-supervision',
] as const;
export type AreaCode = (typeof AREA_CODES)[number];

export const EFFECTS = ['allow', 'needs-review', 'reject'] as const;
export type Effect = (typeof EFFECTS)[number];

const phrase = z.string().trim().min(1).max(40);
const phrases = z.array(phrase).min(1);
const source = z.string().trim().min(2);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id: lower-case words joined by "-"');

/** rules/clauses.json: item 9 clause by clause, each quote verbatim from its source. */
export const clausesFileSchema = z.object({
  source: source,
  clauses: z
    .array(
      z.object({
        id: z.string().regex(/^(9[a-g]|list-[a-z-]+)$/),
        quote: z.string().min(4),
        reading: z.string().min(2),
        source: source,
      }),
    )
    .min(1),
});

/** json-rules-engine condition JSON (the subset the compiler supports). */
const operator = z.enum([
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);
export type RuleOperator = z.infer<typeof operator>;
const factValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))]);
export type FactValue = z.infer<typeof factValue>;

export type ConditionJson =
  | { all: ConditionJson[] }
  | { any: ConditionJson[] }
  | { not: ConditionJson }
  | { fact: string; operator: RuleOperator; value: FactValue };

export const conditionSchema: z.ZodType<ConditionJson> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ fact: z.string().min(1), operator, value: factValue }).strict(),
  ]),
);

/** rules/decision-rules.json: json-rules-engine rules, one per reason code (or more). */
export const decisionRuleSchema = z.object({
  name: id,
  conditions: z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
  ]),
  event: z.object({
    type: z.enum(REASON_CODES),
    params: z.object({
      effect: z.enum(EFFECTS),
      clause: z.string().min(2),
      /** Emit one reason per item of this array fact (e.g. one per forbidden area). */
      perItemOf: z.string().optional(),
    }),
  }),
  priority: z.number().int().min(1).max(100).optional(),
});
export const decisionRulesFileSchema = z.object({
  source: source,
  rules: z.array(decisionRuleSchema).min(1),
});
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

/** rules/lexicon/areas.json: each 9d area family with topic phrases and the acts that make someone its actor. */
export const areasFileSchema = z.object({
  source: source,
  areas: z
    .array(
      z.object({
        code: z.enum(AREA_CODES),
        label: z.string().min(2),
        clause: z.string().min(2),
        /** Nouns naming the area's work (违法建设, 黑臭水体…). */
        topics: phrases,
        /** Acts that, done by the community itself, make it the responsible party (拆除, 罚款…). */
        acts: z.array(phrase),
        /** The same, where words stand between verb and object (引进注册资本500万元以上企业). */
        actPatterns: z.array(z.string().refine((p) => { try { new RegExp(p, 'g'); return true; } catch { return false; } }, 'not a valid regular expression')).optional(),
        source: source,
      }),
    )
    .length(AREA_CODES.length),
});

/** rules/lexicon/roles.json: who acts in a clause, and in which role. */
export const rolesFileSchema = z.object({
  source: source,
  /** Mentions of the community as an actor (社区, 各村, 居委会…). */
  community: phrases,
  /** Longer words that contain a community word but name someone or something else (社区民警, 社区居民…). */
  notCommunity: phrases,
  /** Other actors: departments, streets, enforcement teams (城管, 街道, 区…局…). */
  otherAgents: phrases,
  /** Residents, shops, firms: the subject of a clause only when a predicate follows at once (居民参与…); otherwise
   *  they are what the work is about (居民矛盾纠纷调解). */
  people: phrases,
  /** Words right before a community mention that make it a place or an object, not the actor (到, 深入, 对…). */
  objectMarkers: phrases,
  responsible: phrases,
  assist: phrases,
  informational: phrases,
  /** Requested actions that make the community do something itself (开展, 上报, 通知居民…). */
  actions: phrases,
  /** Actions that only inform or persuade (宣传, 动员, 解释…): on a forbidden area's topic, without a responsibility
   *  marker or a hard act, they make the work a new duty to admit, not the area's responsibility. */
  supportActions: phrases,
  /** Nouns that hold an action word but name a thing (社会组织, 相关通知, 宣传材料): no predicate starts there. */
  notActions: phrases,
  /** Light verbs (做好, 开展, 落实…) say nothing of what is done: they neither make work support nor hard acts. */
  lightVerbs: phrases,
  /** A numeric target laid on the community (指标为, 不少于…): assigning it is asking the community to deliver it. */
  quotaMarkers: phrases,
  /** Assisting as only a pattern can say it (派2名网格员参加…, 参加区应急局组织的…). */
  assistPatterns: z.array(z.string().refine((p) => { try { new RegExp(p, 'g'); return true; } catch { return false; } }, 'not a valid regular expression')),
  /** 参与: assistance when the community is named as its subject; otherwise often others taking part (居民参与). */
  weakAssist: phrases,
  /** Regular expressions for unit names no list can hold (区经普办, XX街道城建办): other actors. */
  agentPatterns: z.array(z.string().refine((p) => { try { new RegExp(p, 'g'); return true; } catch { return false; } }, 'not a valid regular expression')),
  /** Where a forwarded notice's quoted original begins (附：, 原文如下): when the forward itself only asks 知悉,
   *  what the original tells its own addressees is not asked of the community. */
  quoteMarkers: phrases,
  /** A clause opening with these states a purpose or a fact (为深入贯彻落实…, 据统计…), not a demand. */
  purposeMarkers: phrases,
  /** 由X负责 / 海报由区消协提供: what follows is the one who acts. */
  byMarkers: phrases,
  /** Addressing forms: 请/要求 + community (they mark an imperative aimed at the community). */
  imperative: phrases,
});

export const negationFileSchema = z.object({
  source: source,
  /** Cues that negate what follows them in the same clause (不得, 严禁, 取消…). */
  before: phrases,
  /** Cues that negate what precedes them in the same clause (…一律取消). */
  after: phrases,
  /** Cues that negate their whole clause, before or after (餐饮油烟执法不属于社区职责). */
  clauseWide: phrases,
  /** Conjunctions that end a negation's reach (取消评优资格并实行一票否决: the veto is not negated). */
  scopeBreakers: phrases,
});

export const vetoFileSchema = z.object({ source: source, phrases: phrases });

export const fundingFileSchema = z.object({
  source: source,
  /** Working conditions or money offered (提供宣传材料, 配备工作人员, 工作经费…). */
  conditions: phrases,
  /** Explicit refusal of funding (经费自筹, 自行解决, 不予安排…). */
  refusal: phrases,
  /** Words that make a nearby amount of money a funding amount (经费, 补助…). */
  amountContext: phrases,
  /** An offer verb followed closely by a resource is a working condition (提供…宣传折页, 安排…培训). */
  offerVerbs: phrases,
  resources: phrases,
  /** Funding named but put off (工作经费另行通知): not yet funding. */
  deferrals: phrases,
});

export const paperworkFileSchema = z.object({
  source: source,
  phrases: phrases,
});

const listItem = z.object({
  id: id,
  name: z.string().min(2),
  phrases: phrases,
  source: source,
});
export type ListItem = z.infer<typeof listItem>;

/** rules/lists/statutory-duties.json and assistance-by-law.json. */
export const dutyListFileSchema = z.object({
  list: z.enum(['statutory-duties', 'assistance-by-law']),
  title: z.string().min(2),
  source: source,
  items: z.array(listItem).min(5),
});

/** rules/lists/negative-list.json: each item matches when every group has a phrase in one sentence. */
export const negativeListFileSchema = z.object({
  list: z.literal('negative-list'),
  title: z.string().min(2),
  source: source,
  items: z
    .array(
      z.object({
        id: id,
        name: z.string().min(2),
        /** All groups must match in the same sentence; each group is a set of alternative phrases. */
        groups: z.array(phrases).min(1).max(4),
        /** The sentence must also hold a numeric target (a number with 户/人/%/元…). */
        needsQuota: z.boolean().default(false),
        source: source,
      }),
    )
    .min(5),
});

/** rules/lists/certificates.json. */
export const certificatesFileSchema = z.object({
  list: z.literal('certificates'),
  title: z.string().min(2),
  source: source,
  /** Certificates a community may still issue. */
  retained: z.array(listItem).min(1),
  /** Certificates cancelled; phrases include synonyms (母子关系证明 → 亲属关系证明). */
  cancelled: z.array(listItem).min(1),
});

/** rules/cases/*.json: golden cases. */
export const goldenCaseSchema = z.object({
  id: id,
  note: z.string().min(2),
  request: z.record(z.string(), z.unknown()),
  expect: z.object({
    decision: z.enum(EFFECTS),
    /** Reason codes that must be present. */
    reasons: z.array(z.enum(REASON_CODES)).min(1),
    /** Reason codes that must not be present. */
    absent: z.array(z.enum(REASON_CODES)).optional(),
    role: z.enum(['responsible', 'assist', 'informational', 'unclear']).optional(),
    areas: z.array(z.enum(AREA_CODES)).optional(),
    warnings: z.array(z.string()).optional(),
  }),
});
export const goldenCasesFileSchema = z.object({ cases: z.array(goldenCaseSchema).min(1) });
export type GoldenCase = z.infer<typeof goldenCaseSchema>;
