/**
 * Examples for the API document, in Chinese. Decisions are not written by hand: they are what the engine answers
 * for the example requests under the rule set the Worker runs, so an example can never contradict the rules.
 * Workflow records are written out, typed by the response schemas (test/openapi parses every example).
 */
import type { z } from 'zod';
import type { EvaluateRequest } from '../../contract/evaluate-request.ts';
import type {
  auditEntrySchema,
  decisionLogEntrySchema,
  identitySchema,
  organisationSchema,
  requestSchema,
  requestVersionSchema,
  reviewRecordSchema,
  summaryReportSchema,
} from '../../contract/responses.ts';
import type { Submission } from '../../contract/submission.ts';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { Decision } from '../../engine/types.ts';
import { maskDeep } from '../../replay/mask.ts';
import { CHECK_TEXT, ERROR_TEXT } from '../../messages.ts';

type Out<S extends z.ZodType> = z.output<S>;

export const DECISION_LABEL = { allow: '允许 allow', reject: '不予准入 reject', 'needs-review': '需审核 needs-review' } as const;

/** A named example, as OpenAPI's Example Object. */
export interface Example {
  summary: string;
  value: unknown;
}

export const EVALUATE_EXAMPLES = {
  assist: {
    summary: '部门通知：拆违宣传动员（请社区协助）',
    value: {
      title: '拆违宣传动员',
      description: 'XX片区违法建设拆除由区城管局负责，请各社区协助入户宣传，区城管局提供宣传材料。',
      department: '区城管局',
    },
  },
  veto: {
    summary: '群消息原文：社区负责拆违并实行一票否决',
    value: { description: '@所有人 请各社区本周内负责完成辖区违建拆除，完成情况纳入年度考核，实行一票否决。' },
  },
  statutory: {
    summary: '召开居民会议',
    value: { title: '召开居民会议', description: '请各社区于本月底前召开居民会议，听取居委会年度工作报告。' },
  },
  declared: {
    summary: '带声明字段：角色、领域、经费、镇街审核',
    value: {
      title: '困难群众入户调查',
      description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。',
      department: '区民政局',
      communityRole: 'assist',
      funding: { amountYuan: 3000, conditions: '提供调查表和培训' },
      streetReview: { status: 'approved', note: '梅街镇已审核' },
    },
  },
} satisfies Record<string, { summary: string; value: EvaluateRequest }>;

export const SUBMISSION_EXAMPLE: Submission = {
  title: '拆违入户宣传',
  description: 'XX片区违法建设拆除由区城管局负责，请社区协助入户宣传拆违政策，区城管局提供宣传材料。',
  targetCommunities: ['meijie-liujie'],
  funding: { amountYuan: 2000, conditions: '提供宣传材料' },
  deadline: '2026-12-31',
};

export const CSV_EXAMPLE = [
  '序号,重点任务,主要措施,完成时限,牵头单位,责任单位,备注',
  '1,基层民主,请社区组织召开居民代表会议，讨论小区停车管理办法。,6月底前,区民政局,各社区,',
  '2,证明事项,请社区为申请人开具亲属关系证明。,长期,区民政局,各社区,',
].join('\n');

const DEMO_COMMUNITY = { id: 'meijie-liujie', name: '刘街社区', streetId: 'meijie', streetName: '梅街镇' };
const AT = '2026-12-01T02:00:00.000Z';
const LATER = '2026-12-03T06:30:00.000Z';

export const IDENTITY_EXAMPLES = {
  department: { userId: 'dept-chengguan', name: '区城管局 张科长', role: 'department', departmentId: 'chengguan', streetId: null, communityId: null },
  reviewer: { userId: 'reviewer-meijie', name: '梅街镇 徐主任', role: 'street-reviewer', departmentId: null, streetId: 'meijie', communityId: null },
  community: { userId: 'community-meijie-liujie', name: '刘街社区 章书记', role: 'community', departmentId: null, streetId: null, communityId: 'meijie-liujie' },
} satisfies Record<string, Out<typeof identitySchema>>;

/** The examples that depend on the rule set: decisions and the records that carry them. */
export function buildExamples(ruleSet: CompiledRuleSet) {
  const decide = (request: EvaluateRequest): Decision => evaluate(request, ruleSet);
  const decisions = Object.fromEntries(
    Object.entries(EVALUATE_EXAMPLES).map(([key, { summary, value }]) => {
      const decision = decide(value);
      return [key, { summary: `${summary} → ${DECISION_LABEL[decision.decision]}`, value: decision }];
    }),
  ) as Record<keyof typeof EVALUATE_EXAMPLES, Example>;

  const { targetCommunities: _t, deadline: _d, ...engineFields } = SUBMISSION_EXAMPLE;
  const submitted = decide({ ...engineFields, department: '区城市管理局' });
  const approved = decide({ ...engineFields, department: '区城市管理局', streetReview: { status: 'approved', note: '同意，经费已落实' } });
  const notApprovable = decide({ description: '请各社区负责辖区违建拆除。', department: '区城市管理局', streetReview: { status: 'approved' } });

  const logged = { ...engineFields, description: `${engineFields.description}联系人：张三，电话 13812345678。`, department: '区城市管理局' };
  const loggedDecision = decide(logged);
  const logEntry: Out<typeof decisionLogEntrySchema> = maskDeep({
    requestId: 'req_3f9a1c2b7d4e5f6a7b8c',
    version: 1,
    kind: 'submission',
    at: AT,
    department: '区城市管理局',
    input: logged,
    decision: loggedDecision.decision,
    reasons: loggedDecision.reasons,
    facts: loggedDecision.facts,
    warnings: loggedDecision.warnings,
    rulesVersion: loggedDecision.rulesVersion,
  });

  const request: Out<typeof requestSchema> = {
    id: 'req_3f9a1c2b7d4e5f6a7b8c',
    departmentId: 'chengguan',
    departmentName: '区城市管理局',
    createdBy: 'dept-chengguan',
    status: 'pending-review',
    version: 1,
    title: SUBMISSION_EXAMPLE.title!,
    decision: submitted.decision,
    rulesVersion: ruleSet.version,
    reasonCodes: submitted.reasons.map((r) => r.code),
    deadline: '2026-12-31',
    reviewDue: '2026-12-22',
    createdAt: AT,
    updatedAt: AT,
    targets: [DEMO_COMMUNITY],
  };
  const admitted: Out<typeof requestSchema> = { ...request, status: 'admitted', decision: approved.decision, reasonCodes: approved.reasons.map((r) => r.code), reviewDue: null, updatedAt: LATER };
  const version: Out<typeof requestVersionSchema> = {
    version: 1,
    body: { ...SUBMISSION_EXAMPLE, department: '区城市管理局' },
    decision: submitted.decision,
    result: submitted,
    rulesVersion: ruleSet.version,
    createdBy: 'dept-chengguan',
    createdAt: AT,
  };
  const review: Out<typeof reviewRecordSchema> = {
    id: 'rev_9b8c7d6e5f4a3b2c1d0e',
    version: 1,
    reviewerId: 'reviewer-meijie',
    reviewerName: '梅街镇 徐主任',
    action: 'approve',
    comment: '同意，经费已落实',
    fundingConfirmed: true,
    result: approved,
    createdAt: LATER,
  };
  const history: Array<Out<typeof auditEntrySchema>> = [
    { id: 1, at: AT, actorId: 'dept-chengguan', actorRole: 'department', requestId: request.id, action: 'create', before: null, after: { status: 'pending-review', version: 1, decision: submitted.decision }, rulesVersion: ruleSet.version },
    { id: 2, at: LATER, actorId: 'reviewer-meijie', actorRole: 'street-reviewer', requestId: request.id, action: 'approve', before: { status: 'pending-review', version: 1 }, after: { status: 'admitted', version: 1 }, rulesVersion: ruleSet.version },
  ];
  const counts = { total: 3, allow: 1, needsReview: 1, reject: 1, pendingReview: 1, admitted: 1, rejected: 1, refused: 0, returned: 0, withdrawn: 0, exited: 0, overdue: 0 };
  const report: Out<typeof summaryReportSchema> = {
    groupBy: 'street',
    from: '2026-01-01',
    to: '2026-12-31',
    totals: counts,
    topReasons: [
      { code: 'street-review-required', count: 1 },
      { code: 'forbidden-responsibility', count: 1 },
    ],
    groups: [{ id: 'meijie', name: '梅街镇', ...counts }],
  };
  const organisation: Out<typeof organisationSchema> = {
    streets: [{ id: 'meijie', name: '梅街镇', kind: 'town' }],
    communities: [{ id: 'meijie-liujie', name: '刘街社区', streetId: 'meijie', kind: 'community' }],
    departments: [{ id: 'chengguan', name: '区城市管理局' }],
  };
  const batchItems = [EVALUATE_EXAMPLES.statutory.value, { description: '请社区为申请人开具亲属关系证明' }];
  const batchResults = batchItems.map(decide);
  const tally = (results: Decision[], invalid: number) => ({
    allow: results.filter((d) => d.decision === 'allow').length,
    reject: results.filter((d) => d.decision === 'reject').length,
    'needs-review': results.filter((d) => d.decision === 'needs-review').length,
    invalid,
  });
  const invalidItem = {
    error: {
      code: 'invalid-request' as const,
      message: ERROR_TEXT.invalidRequest,
      issues: [{ path: 'items.1.description', message: '事项名称(title)和内容(description)至少填写一项 (title or description must hold non-blank text)' }],
    },
  };
  const batch = {
    request: { items: batchItems },
    result: { results: batchResults, summary: tally(batchResults, 0) },
    /** For { items: [<the first item>, { "title": "" }] }: the invalid item answers in its place. */
    withInvalid: { results: [batchResults[0]!, invalidItem], summary: tally([batchResults[0]!], 1) },
  };

  return {
    decisions,
    logEntry,
    submitted,
    approved,
    notApprovable,
    request,
    admitted,
    version,
    review,
    history,
    report,
    organisation,
    batch,
    check: {
      request: { text: '请社区协助入户宣传拆违政策', requestId: request.id },
      result: {
        decision: decide({ description: '请社区协助入户宣传拆违政策', funding: SUBMISSION_EXAMPLE.funding, streetReview: { status: 'approved' } }),
        record: {
          found: true,
          forThisCommunity: true,
          request: { id: request.id, title: request.title, status: 'admitted' as const, decision: approved.decision, departmentName: request.departmentName, deadline: request.deadline, version: 1 },
        },
        advice: { code: 'admitted' as const, message: CHECK_TEXT.admitted },
      },
    },
  };
}

/** Error bodies, as the API writes them. */
export const ERROR_EXAMPLES = {
  invalidJson: { summary: '请求体不是 JSON', value: { error: { code: 'invalid-json', message: ERROR_TEXT.invalidJson } } },
  invalidRequest: {
    summary: '字段有误',
    value: { error: { code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: [{ path: 'funding.amountYuan', message: '类型错误，应为 number (Invalid input: expected number, received string)' }] } },
  },
  unauthenticated: { summary: '未登录', value: { error: { code: 'unauthenticated', message: ERROR_TEXT.unauthenticated } } },
  forbidden: { summary: '角色无权操作', value: { error: { code: 'forbidden', message: ERROR_TEXT.forbidden } } },
  notFound: { summary: '申请不存在或无权查看', value: { error: { code: 'not-found', message: ERROR_TEXT.requestNotFound } } },
  stale: {
    summary: '版本不符或状态已变化',
    value: { error: { code: 'stale-or-final', message: ERROR_TEXT.conflict, current: { status: 'admitted', version: 2 } } },
  },
  tooLarge: (limit: number) => ({ summary: '请求体过大', value: { error: { code: 'body-too-large', message: ERROR_TEXT.bodyTooLarge(limit) } } }),
  idempotency: { summary: 'Idempotency-Key 已用于不同内容', value: { error: { code: 'idempotency-key-reused', message: ERROR_TEXT.idempotencyMismatch } } },
  badToken: { summary: '令牌无效', value: { error: { code: 'unauthenticated', message: ERROR_TEXT.badToken } } },
  sessionsDisabled: { summary: '未配置会话密钥', value: { error: { code: 'sessions-disabled', message: ERROR_TEXT.sessionsDisabled } } },
} as const;
