/**
 * The API's answers as zod schemas: the documented shape of every response body (OpenAPI at /api/v1/openapi.json).
 * The engine and the workflow build their answers as plain TypeScript types; the checks at the end of this file
 * make the compiler refuse any drift between those types and these schemas, and test/openapi checks real answers
 * against them.
 */
import { z } from 'zod';
import type { Decision, EvidenceField } from '../engine/types.ts';
import { AREA_CODES, EFFECTS, REASON_CODES } from '../ruleset/schema.ts';
import { RULE_FILES } from '../ruleset/types.ts';
import type { AuditRow, Identity, RequestRow, ReviewRow, VersionRow } from '../workflow/types.ts';
import { REVIEW_ACTIONS, ROLES, STATUSES } from '../workflow/types.ts';
import type { DecisionLogEntry } from '../replay/log.ts';
import type { ReplayReport } from '../replay/replay.ts';
import { COMMUNITY_ROLES, evaluateRequestFields, STREET_REVIEW_STATUSES } from './evaluate-request.ts';

const RULES_VERSION = /^sha256:[0-9a-f]{64}$/;
const rulesVersion = z.string().regex(RULES_VERSION).describe('规则集版本：规则集内容的 SHA-256');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timestamp = z.string().describe('时间（ISO 8601，UTC）');

export const effectSchema = z.enum(EFFECTS).describe('决定：allow 允许 / reject 不予准入 / needs-review 需审核');

export const EVIDENCE_FIELDS = [
  'title',
  'description',
  'funding.conditions',
  'funding.amountYuan',
  'communityRole',
  'areas',
  'oneVoteVeto',
  'listItem',
  'streetReview.status',
  'responsibleUnits',
  'assistingUnits',
] as const satisfies readonly EvidenceField[];

export const evidenceSchema = z
  .object({
    field: z.enum(EVIDENCE_FIELDS).describe('证据所在的请求字段'),
    start: z.number().int().min(0).describe('起始偏移（UTF-16 码元，与 JavaScript 字符串一致）'),
    end: z.number().int().min(0).describe('结束偏移（不含）'),
    text: z.string().describe('原文片段'),
  })
  .meta({ id: 'Evidence', description: '证据：请求文本中触发理由的位置与原文' });

export const reasonSchema = z
  .object({
    code: z.enum(REASON_CODES).describe('理由代码（契约只增不改）'),
    effect: effectSchema,
    clause: z.string().describe('条款编号，如 9d、list-negative'),
    quote: z.string().describe('条款原文（逐字）'),
    message: z.string().describe('说明（中文在前，英文在后）'),
    fix: z.string().describe('修改办法'),
    area: z.enum(AREA_CODES).optional().describe('涉及的领域（第 9 条第四款所列）'),
    listItem: z.string().optional().describe('涉及的清单事项（负面清单、证明、法定职责）'),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: 'Reason', description: '理由：一条规则命中的结果，附条款原文、证据和修改办法' });

export const warningSchema = z
  .object({ code: z.string(), message: z.string(), evidence: z.array(evidenceSchema) })
  .meta({ id: 'Warning', description: '提示：不影响决定，但值得注意（如台账负担）' });

export const decisionFactsSchema = z
  .object({
    communityRole: z.enum([...COMMUNITY_ROLES, 'unclear', 'none']).describe('社区的角色：responsible 责任主体 / assist 协助 / informational 知悉 / unclear 不明 / none 未涉及'),
    areas: z.array(z.enum(AREA_CODES)).describe('涉及的领域'),
    oneVoteVeto: z.boolean().describe('是否有一票否决'),
    funded: z.boolean().describe('是否提供了经费或工作条件'),
    streetReview: z.enum(STREET_REVIEW_STATUSES).describe('镇街审核状态'),
    listItems: z.array(z.string()).describe('命中的清单事项'),
    addressed: z.boolean().describe('要求是否发给社区'),
    forbiddenAreas: z.array(z.enum(AREA_CODES)).describe('社区被作为责任主体的禁止领域'),
    negativeListItems: z.array(z.string()).describe('命中的负面清单事项'),
    certificates: z.array(z.string()).describe('涉及的证明事项'),
    fundingRefused: z.boolean().describe('是否明确不提供经费（如"经费自筹"）'),
    statutoryDuty: z.boolean().describe('是否属于社区依法履职事项'),
  })
  .meta({ id: 'DecisionFacts', description: '引擎读出的事实（声明字段与文本合并，取更严格的读法）' });

export const decisionSchema = z
  .object({
    decision: effectSchema,
    reasons: z.array(reasonSchema),
    warnings: z.array(warningSchema),
    facts: decisionFactsSchema,
    rulesVersion,
  })
  .meta({ id: 'Decision', description: '一项要求的决定：allow / reject / needs-review，附理由、事实和规则集版本' });

export const apiIssueSchema = z
  .object({ path: z.string().describe('出错的字段路径，如 funding.amountYuan'), message: z.string().describe('中文说明，英文在后') })
  .meta({ id: 'Issue', description: '输入错误：字段与说明' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('错误代码，如 invalid-request、invalid-json、unauthenticated、forbidden、not-found、body-too-large、stale-or-final、not-approvable'),
      message: z.string().describe('中文说明，英文在后'),
      issues: z.array(apiIssueSchema).optional().describe('逐字段的错误（400）'),
      reasons: z.array(reasonSchema).optional().describe('不能批准的理由（409 not-approvable）'),
      current: z
        .object({ status: z.enum(STATUSES), version: z.number().int().min(1) })
        .optional()
        .describe('申请的当前状态和版本（409）'),
      problems: z.array(z.string()).optional().describe('候选规则集的问题，逐条（重放，400 invalid-rule-set）'),
    }),
  })
  .meta({ id: 'Error', description: '错误应答（4xx/5xx）' });

export const healthSchema = z
  .object({ status: z.literal('ok'), rulesVersion })
  .meta({ id: 'Health', description: '服务状态与现行规则集版本' });

// ---- Batch ----

export const batchRowSchema = z
  .object({
    line: z.number().int().min(1).describe('CSV 行号'),
    serial: z.string().optional().describe('序号'),
    deadline: z.string().optional().describe('完成时限（原文）'),
    remark: z.string().optional().describe('备注'),
  })
  .describe('CSV 上传时：该项来自的行及随行带回的列');

export const batchItemErrorSchema = z
  .object({
    error: z.object({ code: z.literal('invalid-request'), message: z.string(), issues: z.array(apiIssueSchema) }),
    row: z.object({ line: z.number().int().min(1) }).optional(),
  })
  .meta({ id: 'BatchItemError', description: '批量中无效的一项：错误在原位，其他项照常评估' });

export const batchResultSchema = z
  .object({
    results: z.array(z.union([decisionSchema.extend({ row: batchRowSchema.optional() }), batchItemErrorSchema])).describe('与输入逐项对应'),
    summary: z
      .object({ allow: z.number().int(), reject: z.number().int(), 'needs-review': z.number().int(), invalid: z.number().int() })
      .describe('各决定的项数与无效项数'),
  })
  .meta({ id: 'BatchResult', description: '批量评估结果' });

// ---- Rule set ----

const files = RULE_FILES;

export const ruleSetViewSchema = z
  .object({
    rulesVersion,
    clauses: files.clauses.schema.shape.clauses.describe('第 9 条逐款及四个清单的出处'),
    rules: files.decisionRules.schema.shape.rules.describe('决定规则（json-rules-engine 格式）'),
    areas: z.array(z.object({ code: z.enum(AREA_CODES), label: z.string(), clause: z.string(), source: z.string() })).describe('领域'),
    lists: z
      .object({
        statutoryDuties: files.statutoryDuties.schema,
        assistanceByLaw: files.assistanceByLaw.schema,
        negativeList: files.negativeList.schema,
        certificates: files.certificates.schema,
      })
      .describe('四个清单：依法履职事项、依法协助事项、负面清单、出具证明'),
    lexicon: z
      .object({
        areas: files.areas.schema,
        roles: files.roles.schema,
        negation: files.negation.schema,
        veto: files.veto.schema,
        funding: files.funding.schema,
        paperwork: files.paperwork.schema,
      })
      .describe('词库'),
  })
  .meta({ id: 'RuleSet', description: '规则集：规则、条款原文、四个清单、词库和版本哈希' });

// ---- Workflow ----

export const identitySchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ROLES).describe('角色：department 部门 / street-reviewer 镇街审核 / community 社区 / admin 区里'),
    departmentId: z.string().nullable(),
    streetId: z.string().nullable(),
    communityId: z.string().nullable(),
  })
  .meta({ id: 'Identity', description: '当前身份' });

export const statusSchema = z
  .enum(STATUSES)
  .describe('申请状态：pending-review 待审核 / admitted 已准入 / rejected 引擎不予准入 / refused 镇街不予准入 / returned 退回补充 / withdrawn 已撤回 / exited 已退出');

export const requestSchema = z
  .object({
    id: z.string(),
    departmentId: z.string(),
    departmentName: z.string(),
    createdBy: z.string(),
    status: statusSchema,
    version: z.number().int().min(1),
    title: z.string(),
    decision: effectSchema,
    rulesVersion,
    reasonCodes: z.array(z.string()),
    deadline: isoDate.nullable().describe('完成时限'),
    reviewDue: isoDate.nullable().describe('审核期限（15 个工作日）'),
    createdAt: timestamp,
    updatedAt: timestamp,
    targets: z.array(z.object({ id: z.string(), name: z.string(), streetId: z.string(), streetName: z.string() })).describe('目标社区'),
  })
  .meta({ id: 'AssistanceRequest', description: '协助申请（部门提交给社区的事项）的当前状态' });

export const requestVersionSchema = z
  .object({
    version: z.number().int().min(1),
    body: z.record(z.string(), z.unknown()).describe('该版本提交的内容'),
    decision: effectSchema,
    result: decisionSchema,
    rulesVersion,
    createdBy: z.string(),
    createdAt: timestamp,
  })
  .meta({ id: 'RequestVersion', description: '申请的一个版本及其决定' });

export const reviewRecordSchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    reviewerId: z.string(),
    reviewerName: z.string(),
    action: z.enum([...REVIEW_ACTIONS, 'exit']),
    comment: z.string(),
    fundingConfirmed: z.boolean(),
    result: decisionSchema.nullable().describe('批准时按审核结果重新评估的决定'),
    createdAt: timestamp,
  })
  .meta({ id: 'ReviewRecord', description: '镇街审核记录' });

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: timestamp,
    actorId: z.string(),
    actorRole: z.string(),
    requestId: z.string().nullable(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    rulesVersion: rulesVersion.nullable(),
  })
  .meta({ id: 'AuditEntry', description: '审计记录（只增不删）' });

export const requestPageSchema = z
  .object({ items: z.array(requestSchema), nextCursor: z.string().nullable().describe('下一页游标；null 表示没有更多') })
  .meta({ id: 'RequestPage', description: '申请列表的一页（按提交时间倒序）' });

export const requestWithDecisionSchema = z
  .object({ request: requestSchema, decision: decisionSchema })
  .meta({ id: 'RequestWithDecision', description: '申请及引擎对本版本的决定' });

export const requestDetailSchema = z
  .object({
    request: requestSchema,
    decision: decisionSchema.nullable().describe('现行决定：批准时的重新评估，否则最新版本的决定'),
    versions: z.array(requestVersionSchema),
    reviews: z.array(reviewRecordSchema),
  })
  .meta({ id: 'RequestDetail', description: '申请详情：决定、各版本、审核记录' });

export const requestHistorySchema = z
  .object({ requestId: z.string(), history: z.array(auditEntrySchema) })
  .meta({ id: 'RequestHistory', description: '申请的审计记录' });

export const reviewOutcomeSchema = z
  .object({ request: requestSchema, decision: decisionSchema.nullable().describe('批准时按审核结果重新评估的决定；退回、不予准入时为 null') })
  .meta({ id: 'ReviewOutcome', description: '审核后的申请' });

export const requestOnlySchema = z.object({ request: requestSchema }).meta({ id: 'RequestOnly', description: '状态变化后的申请' });

export const reviewQueueSchema = z
  .object({
    items: z.array(requestSchema.extend({ overdue: z.boolean().describe('是否已过审核期限') })),
    overdue: z.number().int().min(0).describe('逾期件数'),
  })
  .meta({ id: 'ReviewQueue', description: '待审队列（逾期在前）' });

export const inboxSchema = z.object({ items: z.array(requestSchema) }).meta({ id: 'Inbox', description: '社区收件箱：已准入、审核中和未准入的事项' });

export const checkResultSchema = z
  .object({
    decision: decisionSchema,
    record: z
      .object({
        found: z.boolean(),
        forThisCommunity: z.boolean(),
        request: requestSchema.pick({ id: true, title: true, status: true, decision: true, departmentName: true, deadline: true, version: true }).optional(),
      })
      .nullable()
      .describe('准入记录（给了 requestId 时）'),
    advice: z.object({
      code: z.enum(['no-record', 'not-for-this-community', 'admitted', 'pending', 'ended', 'rejected']),
      message: z.string(),
    }),
  })
  .meta({ id: 'CheckResult', description: '社区核对：按规则读收到的文字，并对照准入记录' });

const counts = {
  total: z.number().int(),
  allow: z.number().int(),
  needsReview: z.number().int(),
  reject: z.number().int(),
  pendingReview: z.number().int(),
  admitted: z.number().int(),
  rejected: z.number().int(),
  refused: z.number().int(),
  returned: z.number().int(),
  withdrawn: z.number().int(),
  exited: z.number().int(),
  overdue: z.number().int(),
};

export const summaryReportSchema = z
  .object({
    groupBy: z.enum(['department', 'street', 'community']),
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    totals: z.object(counts).describe('合计'),
    topReasons: z.array(z.object({ code: z.string(), count: z.number().int() })).describe('最常见的理由（前 20）'),
    groups: z.array(z.object({ id: z.string(), name: z.string(), ...counts })).describe('按部门、镇街或社区分组'),
  })
  .meta({ id: 'SummaryReport', description: '监督统计' });

export const sessionSchema = z.object({ identity: identitySchema }).meta({ id: 'Session', description: '登录身份' });

export const organisationSchema = z
  .object({
    streets: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['street', 'town']) })),
    communities: z.array(z.object({ id: z.string(), name: z.string(), streetId: z.string(), kind: z.enum(['community', 'village']) })),
    departments: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'Organisation', description: '组织数据：镇/街道、社区/村、部门' });

// ---- Rule-set lifecycle: decision log and replay ----

const decisionKind = z.enum(['submission', 'approval']).describe('submission 提交（含修改）时的决定 / approval 镇街批准时按审核结果重新评估的决定');

export const decisionLogEntrySchema = z
  .object({
    requestId: z.string(),
    version: z.number().int().min(1).describe('申请版本'),
    kind: decisionKind,
    at: timestamp,
    department: z.string(),
    input: evaluateRequestFields.describe('引擎读到的请求（个人信息已遮盖）'),
    decision: effectSchema,
    reasons: z.array(reasonSchema),
    facts: decisionFactsSchema,
    warnings: z.array(warningSchema),
    rulesVersion,
  })
  .meta({ id: 'DecisionLogEntry', description: '决定日志的一条（NDJSON 的一行）：输入、事实、理由、规则集版本、时间；手机号、身份证号、联系人姓名已遮盖' });

const replayEvidenceSchema = evidenceSchema.extend({ context: z.string().describe('证据及其前后文字，证据在【】中；个人信息已遮盖') });

const reasonChangeSchema = z.object({
  code: z.string(),
  area: z.string().optional(),
  listItem: z.string().optional(),
  evidence: z.array(replayEvidenceSchema),
});

const replayExampleSchema = z.object({
  requestId: z.string(),
  version: z.number().int(),
  kind: decisionKind,
  at: timestamp,
  department: z.string(),
  oldDecision: effectSchema,
  newDecision: effectSchema,
  oldReasons: z.array(z.string()),
  newReasons: z.array(z.string()),
  added: z.array(reasonChangeSchema).describe('候选规则集新给出的理由：现在会触发的文字'),
  removed: z.array(reasonChangeSchema).describe('原决定有、候选规则集不再给出的理由'),
});

const changeGroupSchema = z.object({
  from: effectSchema,
  to: effectSchema,
  count: z.number().int(),
  examples: z.array(replayExampleSchema),
});

const codeCount = z.object({ code: z.string(), count: z.number().int() });

export const replayReportSchema = z
  .object({
    candidateVersion: rulesVersion.describe('候选规则集的版本'),
    range: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }),
    totals: z.object({
      entries: z.number().int(),
      submissions: z.number().int(),
      approvals: z.number().int(),
      evaluated: z.number().int(),
      unchanged: z.number().int(),
      flipped: z.number().int().describe('结论改变的决定数'),
      reasonsChanged: z.number().int().describe('结论不变、理由改变的决定数'),
      skipped: z.number().int(),
    }),
    flipCounts: z.record(z.string(), z.number().int()).describe('"旧→新" → 个数'),
    flips: z.array(changeGroupSchema).describe('结论改变的决定，按 旧 → 新 分组，附示例'),
    reasonChanges: z.array(changeGroupSchema).describe('结论不变但理由改变的决定'),
    reasonCodes: z.object({ added: z.array(codeCount), removed: z.array(codeCount) }),
    recordedVersions: z.array(z.object({ version: z.string(), entries: z.number().int(), sameAsCandidate: z.boolean() })),
    skipped: z.array(z.object({ requestId: z.string(), version: z.number().int(), kind: decisionKind, problem: z.string() })),
    notes: z.array(z.object({ requestId: z.string(), version: z.number().int(), kind: decisionKind, listItem: z.string() })),
  })
  .describe('重放报告');

export const replayResultSchema = replayReportSchema
  .extend({ currentVersion: rulesVersion.describe('现行规则集的版本') })
  .meta({ id: 'ReplayReport', description: '重放：候选规则集会改变哪些已记录的决定、为什么（只读，不写入任何决定）' });

// ---- The compiler's guard against drift: each schema's output is the type the code really answers with. ----

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type ResponseTypeChecks = [
  Check<Same<z.output<typeof decisionSchema>, Decision>>,
  Check<Same<(typeof EVIDENCE_FIELDS)[number], EvidenceField>>,
  Check<Same<z.output<typeof identitySchema>, Identity>>,
  Check<Same<z.output<typeof requestSchema>, RequestRow>>,
  Check<Same<Omit<z.output<typeof requestVersionSchema>, 'body'>, Omit<VersionRow, 'body'>>>,
  Check<Same<z.output<typeof reviewRecordSchema>, ReviewRow>>,
  Check<Same<Omit<z.output<typeof auditEntrySchema>, 'before' | 'after'>, Omit<AuditRow, 'before' | 'after'>>>,
  Check<Same<z.output<typeof decisionLogEntrySchema>, DecisionLogEntry>>,
  Check<Same<z.output<typeof replayReportSchema>, ReplayReport>>,
];
