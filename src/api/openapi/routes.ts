/**
 * The route table of the API document: every operation the Worker serves under /api and /healthz, with the zod
 * schemas its handler validates with (src/contract), the response schemas (src/contract/responses.ts), who may
 * call it, and Chinese summaries, descriptions and examples. The handlers themselves stay in src/api/routes;
 * test/openapi walks the app's router and fails when this table and the router disagree.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import { z } from 'zod';
import { evaluateRequestSchema } from '../../contract/evaluate-request.ts';
import {
  batchResultSchema,
  checkResultSchema,
  decisionSchema,
  errorSchema,
  decisionLogEntrySchema,
  healthSchema,
  inboxSchema,
  organisationSchema,
  replayResultSchema,
  requestDetailSchema,
  requestHistorySchema,
  requestOnlySchema,
  requestPageSchema,
  requestWithDecisionSchema,
  reviewOutcomeSchema,
  reviewQueueSchema,
  sessionSchema,
  summaryReportSchema,
} from '../../contract/responses.ts';
import {
  checkSchema,
  listQuerySchema,
  reportQuerySchema,
  reviewSchema,
  revisionSchema,
  submissionSchema,
  withdrawSchema,
} from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { SESSION_COOKIE } from '../../auth/identity.ts';
import { ERROR_TEXT, LIFECYCLE_TEXT } from '../../messages.ts';
import { reportCsv } from '../../store/reports.ts';
import { exportQuerySchema, replayBodySchema, signInSchema } from '../../contract/lifecycle.ts';
import { RULE_FILES } from '../../ruleset/types.ts';
import { BATCH_BODY_LIMIT, BATCH_MAX_ITEMS } from '../routes/batch.ts';
import { REPLAY_BODY_LIMIT } from '../routes/decisions.ts';
import { EVALUATE_BODY_LIMIT } from '../routes/evaluate.ts';
import { buildExamples, CSV_EXAMPLE, ERROR_EXAMPLES, EVALUATE_EXAMPLES, IDENTITY_EXAMPLES, SUBMISSION_EXAMPLE, type Example } from './examples.ts';

export const TAGS = [
  { name: '评估', description: '无需登录、不存储任何内容：一项或一批要求进来，决定（allow / reject / needs-review）、理由、条款原文和证据出去。' },
  { name: '准入流程', description: '部门提交协助申请，各方查看，部门修改或撤回；每次状态变化都写入审计记录。' },
  { name: '镇街审核', description: '目标社区所在镇（街道）的审核人和区里：待审队列、批准 / 不予准入 / 退回、退出。' },
  { name: '社区', description: '社区的收件箱，以及粘贴收到的要求核对是否有准入记录。' },
  { name: '监督', description: '区里和镇街的监督统计。' },
  { name: '登录与组织', description: '网页登录（令牌换签名会话 Cookie）、当前身份、组织数据。' },
  { name: '规则', description: '规则集：规则、条款原文、四个清单、词库和版本哈希；每个已记录的决定所用的规则集都能按版本取回。' },
  { name: '规则维护', description: '区里维护规则：导出决定日志（个人信息已遮盖），部署前用候选规则集重放已记录的决定，看哪些决定会改变、为什么。' },
  { name: '服务', description: '服务状态、本文档（OpenAPI 3.1）和文档页面。' },
] as const;

type Tag = (typeof TAGS)[number]['name'];

export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'API 令牌：`Authorization: Bearer <令牌>`。本地开发的演示令牌见 seeds/demo/accounts.md（如 demo-dept-chengguan）。',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: '网页会话：POST /api/v1/session 用令牌换取的签名 Cookie。用 Cookie 发送的写请求须来自同源（CSRF 检查）。',
  },
} as const;

/** Operations that need a signed-in caller: a bearer token or the session cookie. */
const SIGNED_IN: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const PUBLIC: Array<Record<string, string[]>> = [];

/** An operation of the document: hono-openapi's route config, with the tag and operation id always set. */
export type ApiRoute = RouteConfig & { tags: [Tag]; operationId: string; summary: string; security: Array<Record<string, string[]>> };

const examplesOf = (examples: Record<string, Example>) => Object.fromEntries(Object.entries(examples));

const json = (schema: z.ZodType, examples?: Record<string, Example>) => ({
  'application/json': { schema, ...(examples ? { examples: examplesOf(examples) } : {}) },
});

const jsonBody = (schema: z.ZodType, examples: Record<string, Example>, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: json(schema, examples),
});

const answer = (description: string, schema: z.ZodType, examples?: Record<string, Example>) => ({ description, content: json(schema, examples) });

const failure = (description: string, examples: Record<string, Example>) => ({ description, content: json(errorSchema, examples) });

const E = ERROR_EXAMPLES;
const BAD_REQUEST = failure('请求体不是 JSON，或字段有误（issues 逐项指出字段，中英文说明）', { invalidRequest: E.invalidRequest, invalidJson: E.invalidJson });
const BAD_QUERY = failure('查询参数有误（issues 逐项指出参数，中英文说明）', {
  invalidQuery: { summary: '查询参数有误', value: { error: { code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: [{ path: 'limit', message: '超出上限 100 (Too big: expected number to be <=100)' }] } } },
});
const UNAUTHENTICATED = failure('未登录：缺少或无效的令牌 / 会话', { unauthenticated: E.unauthenticated });
const FORBIDDEN = failure('当前角色无权进行此操作', { forbidden: E.forbidden });
const NOT_FOUND = failure('申请不存在，或当前账号无权查看（两者不加区分）', { notFound: E.notFound });
const CONFLICT = failure('版本不符或状态已变化（附当前状态和版本），请刷新后重试', { stale: E.stale });
const tooLarge = (limit: number) => failure(`请求体超过 ${limit} 字节`, { tooLarge: E.tooLarge(limit) });

const idParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { description: '申请编号（提交时返回的 request.id）', example: 'req_3f9a1c2b7d4e5f6a7b8c' } }),
});

const idempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/)
    .optional()
    .meta({ param: { description: '幂等键（1–200 个可见 ASCII 字符）：重试时带同一个键不会重复提交；同一个键配不同内容返回 422。', example: '2026-chaiwei-001' } }),
});

/** The JSON form of POST /api/v1/evaluate/batch; each item is checked on its own against EvaluateRequest. */
export const batchRequestSchema = z.object({ items: z.array(evaluateRequestSchema).min(1).max(BATCH_MAX_ITEMS) });

/**
 * The request bodies, named for components.schemas. `.meta()` only adds a name and a description to a copy of
 * the very schema the handler validates with: same fields, same checks.
 */
export const REQUEST_SCHEMAS = {
  EvaluateRequest: evaluateRequestSchema.meta({ id: 'EvaluateRequest', description: '一项要求（评估契约）：title 与 description 至少一项非空，其余为声明字段' }),
  BatchRequest: batchRequestSchema.meta({ id: 'BatchRequest', description: '批量评估的 JSON 形式' }),
  Submission: submissionSchema.meta({ id: 'Submission', description: '协助申请：评估契约的字段（不含镇街审核）加目标社区、完成时限和法律依据' }),
  Revision: revisionSchema.meta({ id: 'Revision', description: '修改申请：提交的全部字段加所修改的版本号' }),
  Review: reviewSchema.meta({ id: 'Review', description: '审核意见' }),
  Withdrawal: withdrawSchema.meta({ id: 'Withdrawal', description: '撤回或退出：版本号和理由' }),
  Check: checkSchema.meta({ id: 'Check', description: '社区核对收到的要求' }),
  SignIn: signInSchema.meta({ id: 'SignIn', description: '登录' }),
  ReplayRequest: replayBodySchema.meta({ id: 'ReplayRequest', description: '重放：候选规则集的文件内容（与 rules/ 下的文件一一对应）和日期范围' }),
};
const R = REQUEST_SCHEMAS;

export function apiRoutes(ruleSet: CompiledRuleSet): ApiRoute[] {
  const ex = buildExamples(ruleSet);
  const withRequest = { value: { request: ex.request, decision: ex.submitted }, summary: '已提交，待镇街审核' };

  return [
    // ---- 服务 ----
    {
      method: 'get',
      path: '/healthz',
      tags: ['服务'],
      operationId: 'health',
      summary: '服务状态',
      description: '服务在运行，以及它执行的规则集版本。',
      security: PUBLIC,
      responses: { 200: answer('正常', healthSchema, { ok: { summary: '正常', value: { status: 'ok', rulesVersion: ruleSet.version } } }) },
    },
    {
      method: 'get',
      path: '/api/v1/openapi.json',
      tags: ['服务'],
      operationId: 'openApiDocument',
      summary: 'OpenAPI 3.1 文档',
      description: '本文档：由请求和应答的 zod 模式生成（与接口校验用的是同一组模式），示例为中文，决定示例由现行规则集实际算出。',
      security: PUBLIC,
      responses: { 200: answer('OpenAPI 3.1 文档', z.record(z.string(), z.unknown())) },
    },
    {
      method: 'get',
      path: '/api/v1/docs',
      tags: ['服务'],
      operationId: 'docsPage',
      summary: '接口文档页面',
      description: '由 Worker 自己根据本文档渲染的 HTML 页面（不依赖任何 CDN 或外部资源，不含脚本），按分组列出每个接口、参数和中文示例。',
      security: PUBLIC,
      responses: { 200: { description: 'HTML 页面', content: { 'text/html': { schema: z.string() } } } },
    },

    // ---- 评估 ----
    {
      method: 'post',
      path: '/api/v1/evaluate',
      tags: ['评估'],
      operationId: 'evaluate',
      summary: '评估一项要求',
      description:
        '按区《社区治理任务清单》第 9 条和四个清单评估派给社区的一项工作，返回 allow（允许）/ reject（不予准入）/ needs-review（需审核），' +
        '每条理由附条款原文、文本中的证据位置（UTF-16 偏移）和修改办法。title 与 description 至少一项非空；其他字段是声明，' +
        '与文本不一致时取更严格的读法。无需登录，不存储任何内容。',
      security: PUBLIC,
      request: { body: jsonBody(R.EvaluateRequest, EVALUATE_EXAMPLES) },
      responses: {
        200: answer('决定', decisionSchema, ex.decisions),
        400: BAD_REQUEST,
        413: tooLarge(EVALUATE_BODY_LIMIT),
      },
    },
    {
      method: 'post',
      path: '/api/v1/evaluate/batch',
      tags: ['评估'],
      operationId: 'evaluateBatch',
      summary: '批量评估（JSON 或任务分解表 CSV）',
      description:
        `一次评估 1–${BATCH_MAX_ITEMS} 项：JSON \`{"items":[…]}\`，或直接上传任务责任清单分解表（Content-Type: text/csv，表头自动识别：` +
        '重点任务/事项、主要措施/具体内容、牵头单位、责任单位等；序号、完成时限、备注随结果带回）。无效的一项在原位给出错误，其他项照常评估。',
      security: PUBLIC,
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: R.BatchRequest, examples: { json: { summary: '两项要求', value: ex.batch.request } } },
            'text/csv': { schema: z.string().describe('任务分解表 CSV（UTF-8，首行为表头）'), examples: { csv: { summary: '任务分解表', value: CSV_EXAMPLE } } },
          },
        },
      },
      responses: {
        200: answer('逐项结果与汇总', batchResultSchema, { json: { summary: '两项：允许与不予准入', value: ex.batch.result }, withInvalid: { summary: '含一项无效输入', value: ex.batch.withInvalid } }),
        400: failure('JSON 无效、items 不是 1–500 项，或 CSV 无法读取', {
          invalidJson: E.invalidJson,
          batchSize: { summary: 'items 数量不对', value: { error: { code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: [{ path: 'items', message: ERROR_TEXT.batchSize(BATCH_MAX_ITEMS) }] } } },
        }),
        413: tooLarge(BATCH_BODY_LIMIT),
      },
    },

    // ---- 规则 ----
    {
      method: 'get',
      path: '/api/v1/rules',
      tags: ['规则'],
      operationId: 'currentRules',
      summary: '现行规则集',
      description: '规则（json-rules-engine 格式）、第 9 条逐款原文、四个清单（依法履职、依法协助、负面清单、出具证明）、词库和版本哈希 rulesVersion（内容的 SHA-256，写入每一个决定）。带 ETag。',
      security: PUBLIC,
      responses: { 200: { description: '规则集', headers: { ETag: { description: '"<rulesVersion>"', schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/RuleSet' } } } } },
    },

    {
      method: 'get',
      path: '/api/v1/rules/{version}',
      tags: ['规则'],
      operationId: 'rulesByVersion',
      summary: '按版本取回规则集',
      description: '任何一个已记录的决定所用的规则集（首次使用时存入 D1）。版本即内容哈希，应答永不改变（可永久缓存）。也接受不带 sha256: 前缀的 64 位十六进制。',
      security: PUBLIC,
      request: {
        params: z.object({
          version: z
            .string()
            .meta({ param: { description: '规则集版本（决定中的 rulesVersion）', example: ruleSet.version } }),
        }),
      },
      responses: {
        200: { description: '规则集', headers: { ETag: { description: '"<rulesVersion>"', schema: { type: 'string' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/RuleSet' } } } },
        400: failure('版本格式不对', { malformed: { summary: '版本格式不对', value: { error: { code: 'invalid-request', message: LIFECYCLE_TEXT.rulesVersionMalformed, issues: [{ path: 'version', message: LIFECYCLE_TEXT.rulesVersionMalformed }] } } } }),
        404: failure('没有哪个已记录的决定用过这个版本', { notFound: { summary: '没有这个版本', value: { error: { code: 'not-found', message: LIFECYCLE_TEXT.rulesVersionNotFound } } } }),
      },
    },
    {
      method: 'get',
      path: '/api/v1/decisions/export',
      tags: ['规则维护'],
      operationId: 'exportDecisions',
      summary: '导出决定日志（NDJSON，区里）',
      description:
        '每行一个已记录的决定（提交、修改和镇街批准时的评估）：输入、事实、理由、规则集版本、时间，按时间顺序。' +
        '手机号、身份证号和"联系人"后的姓名已遮盖。用于存档，或在别处重放（npm run replay -- --log 文件）。' +
        'OpenAPI 3.1 不能描述逐行的结构，下面的模式是每一行的结构。',
      security: SIGNED_IN,
      request: { query: exportQuerySchema },
      responses: {
        200: {
          description: '决定日志',
          headers: {
            'Content-Disposition': { description: 'attachment; filename="duty-gate-decisions….ndjson"', schema: { type: 'string' } },
            'X-Rules-Version': { description: '现行规则集版本', schema: { type: 'string' } },
          },
          content: {
            'application/x-ndjson': {
              schema: decisionLogEntrySchema,
              examples: { line: { summary: '一行（已遮盖）', value: `${JSON.stringify(ex.logEntry)}\n` } },
            },
          },
        },
        400: BAD_QUERY,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
      },
    },
    {
      method: 'post',
      path: '/api/v1/replay',
      tags: ['规则维护'],
      operationId: 'replay',
      summary: '重放：候选规则集会改变哪些决定（区里）',
      description:
        '用候选规则集（files：rules/ 下全部文件的内容，键名 clauses、decisionRules、areas、roles、negation、veto、funding、paperwork、' +
        'statutoryDuties、assistanceByLaw、negativeList、certificates）重新评估已记录的决定，报告结论改变的个数（按 旧→新 和理由代码）、' +
        '示例申请编号和造成差别的文字。只读：不写入任何决定。命令行：npm run replay -- --rules <目录>。',
      security: SIGNED_IN,
      request: {
        body: jsonBody(R.ReplayRequest, {
          candidate: {
            summary: '重放 2026 年的决定（files 的每一项是对应 JSON 文件的内容，此处从略）',
            value: { files: Object.fromEntries(Object.entries(RULE_FILES).map(([key, { file }]) => [key, `<${file} 的内容>`])), from: '2026-01-01', to: '2026-12-31', examples: 3 },
          },
        }),
      },
      responses: {
        200: answer('重放报告', replayResultSchema),
        400: failure('请求有误，或候选规则集无效（problems 逐条列出）', {
          invalidRequest: E.invalidRequest,
          invalidRuleSet: { summary: '候选规则集无效', value: { error: { code: 'invalid-rule-set', message: LIFECYCLE_TEXT.invalidRuleSet, problems: ['rules/lists/negative-list.json: items.0.groups: 至少 1 项'] } } },
        }),
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        413: tooLarge(REPLAY_BODY_LIMIT),
      },
    },

    // ---- 准入流程 ----
    {
      method: 'post',
      path: '/api/v1/requests',
      tags: ['准入流程'],
      operationId: 'submitRequest',
      summary: '提交协助申请（部门）',
      description:
        '部门向社区派工作前提交申请：引擎立即评估。reject → rejected（部门可修改）；needs-review → pending-review（审核期限 15 个工作日，按法定节假日和调休计算）；' +
        'allow → admitted。部门取自账号（请求体中的 department 不起作用），也不能自带镇街审核结果。带 Idempotency-Key 重试不会重复提交（重放时返回 200 和 Idempotent-Replayed: true）。',
      security: SIGNED_IN,
      request: { headers: idempotencyHeaders, body: jsonBody(R.Submission, { submission: { summary: '拆违入户宣传（协助事项）', value: SUBMISSION_EXAMPLE } }) },
      responses: {
        201: {
          description: '已创建',
          headers: { Location: { description: '新申请的地址', schema: { type: 'string' } } },
          content: json(requestWithDecisionSchema, { created: withRequest }),
        },
        200: {
          description: '同一 Idempotency-Key 的重放：返回第一次创建的申请',
          headers: { 'Idempotent-Replayed': { description: 'true', schema: { type: 'string' } } },
          content: json(requestWithDecisionSchema, { replayed: withRequest }),
        },
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        413: tooLarge(128 * 1024),
        422: failure('同一个 Idempotency-Key 已用于内容不同的申请', { idempotency: E.idempotency }),
      },
    },
    {
      method: 'get',
      path: '/api/v1/requests',
      tags: ['准入流程'],
      operationId: 'listRequests',
      summary: '申请列表（筛选、游标分页）',
      description: '按提交时间倒序，只列出当前账号有权看的申请：部门看本部门的，镇街看发给本镇街社区的，社区看发给本社区且已准入、审核中或未准入的，区里看全部。',
      security: SIGNED_IN,
      request: { query: listQuerySchema },
      responses: {
        200: answer('一页申请', requestPageSchema, { page: { summary: '第一页', value: { items: [ex.request], nextCursor: null } } }),
        400: BAD_QUERY,
        401: UNAUTHENTICATED,
      },
    },
    {
      method: 'get',
      path: '/api/v1/requests/{id}',
      tags: ['准入流程'],
      operationId: 'getRequest',
      summary: '申请详情',
      description: '现行决定、各版本（每版的内容和决定）和审核记录。',
      security: SIGNED_IN,
      request: { params: idParams },
      responses: {
        200: answer('申请详情', requestDetailSchema, {
          admitted: { summary: '镇街批准后', value: { request: ex.admitted, decision: ex.approved, versions: [ex.version], reviews: [ex.review] } },
        }),
        401: UNAUTHENTICATED,
        404: NOT_FOUND,
      },
    },
    {
      method: 'get',
      path: '/api/v1/requests/{id}/history',
      tags: ['准入流程'],
      operationId: 'requestHistory',
      summary: '审计记录',
      description: '该申请的全部状态变化（谁、何时、之前、之后、规则集版本），只增不删。',
      security: SIGNED_IN,
      request: { params: idParams },
      responses: {
        200: answer('审计记录', requestHistorySchema, { history: { summary: '提交与批准', value: { requestId: ex.request.id, history: ex.history } } }),
        401: UNAUTHENTICATED,
        404: NOT_FOUND,
      },
    },
    {
      method: 'put',
      path: '/api/v1/requests/{id}',
      tags: ['准入流程'],
      operationId: 'reviseRequest',
      summary: '修改申请（部门）',
      description: '部门修改本部门被引擎拒绝或被退回的申请，带上所修改的版本号 version；引擎重新评估。版本不符或状态不允许修改时返回 409。',
      security: SIGNED_IN,
      request: {
        params: idParams,
        body: jsonBody(R.Revision, {
          revision: { summary: '补充工作经费后重新提交', value: { ...SUBMISSION_EXAMPLE, version: 1, funding: { amountYuan: 5000, conditions: '提供宣传材料和工作经费' } } },
        }),
      },
      responses: {
        200: answer('修改后的申请和新决定', requestWithDecisionSchema, { revised: withRequest }),
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
        413: tooLarge(128 * 1024),
      },
    },
    {
      method: 'post',
      path: '/api/v1/requests/{id}/withdraw',
      tags: ['准入流程'],
      operationId: 'withdrawRequest',
      summary: '撤回申请（部门）',
      description: '部门撤回本部门的申请，须写明理由。',
      security: SIGNED_IN,
      request: { params: idParams, body: jsonBody(R.Withdrawal, { withdraw: { summary: '撤回', value: { version: 1, reason: '工作安排调整，改由区城管局自行组织' } } }) },
      responses: {
        200: answer('已撤回', requestOnlySchema, { withdrawn: { summary: '已撤回', value: { request: { ...ex.request, status: 'withdrawn', reviewDue: null } } } }),
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
      },
    },

    // ---- 镇街审核 ----
    {
      method: 'get',
      path: '/api/v1/reviews',
      tags: ['镇街审核'],
      operationId: 'reviewQueue',
      summary: '待审队列',
      description: '审核人看本镇街的待审申请，区里看全部；逾期的在前，overdue 为逾期件数。',
      security: SIGNED_IN,
      responses: {
        200: answer('待审队列', reviewQueueSchema, { queue: { summary: '一件待审', value: { items: [{ ...ex.request, overdue: false }], overdue: 0 } } }),
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
      },
    },
    {
      method: 'post',
      path: '/api/v1/requests/{id}/review',
      tags: ['镇街审核'],
      operationId: 'reviewRequest',
      summary: '审核：批准 / 不予准入 / 退回',
      description:
        'approve → admitted（须确认已落实经费或工作条件 fundingConfirmed: true，引擎按审核结果重新评估）；reject → refused；return → returned（部门可修改）。' +
        '违反第 9 条第三、四款或负面清单的事项任何人都不能批准：409 not-approvable，附理由。',
      security: SIGNED_IN,
      request: {
        params: idParams,
        body: jsonBody(R.Review, {
          approve: { summary: '批准', value: { action: 'approve', version: 1, comment: '同意，经费已落实', fundingConfirmed: true } },
          return: { summary: '退回补充', value: { action: 'return', version: 1, comment: '请补充工作经费和完成时限' } },
        }),
      },
      responses: {
        200: answer('审核后的申请', reviewOutcomeSchema, { approved: { summary: '已批准', value: { request: ex.admitted, decision: ex.approved } } }),
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: failure('版本不符、状态不允许，或该事项不能批准（附理由）', {
          stale: E.stale,
          notApprovable: {
            summary: '不能批准',
            value: { error: { code: 'not-approvable', message: ERROR_TEXT.notApprovable, reasons: ex.notApprovable.reasons } },
          },
        }),
      },
    },
    {
      method: 'post',
      path: '/api/v1/requests/{id}/exit',
      tags: ['镇街审核'],
      operationId: 'exitRequest',
      summary: '退出：已准入事项退出社区',
      description: '镇街审核人或区里让已准入的事项退出社区，须写明理由。',
      security: SIGNED_IN,
      request: { params: idParams, body: jsonBody(R.Withdrawal, { exit: { summary: '退出', value: { version: 1, reason: '宣传任务已结束，不再需要社区协助' } } }) },
      responses: {
        200: answer('已退出', requestOnlySchema, { exited: { summary: '已退出', value: { request: { ...ex.admitted, status: 'exited' } } } }),
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
      },
    },

    // ---- 社区 ----
    {
      method: 'get',
      path: '/api/v1/inbox',
      tags: ['社区'],
      operationId: 'inbox',
      summary: '社区收件箱',
      description: '发给本社区的已准入、审核中和未准入的事项（最近 100 件）。',
      security: SIGNED_IN,
      responses: {
        200: answer('收件箱', inboxSchema, { inbox: { summary: '一件已准入', value: { items: [ex.admitted] } } }),
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
      },
    },
    {
      method: 'post',
      path: '/api/v1/check',
      tags: ['社区'],
      operationId: 'check',
      summary: '核对收到的要求',
      description: '社区粘贴收到的通知或群消息：按规则读这段文字；给了 requestId 时对照准入记录（镇街审核结果和确认的经费），并给出该不该承接的建议。',
      security: SIGNED_IN,
      request: { body: jsonBody(R.Check, { check: { summary: '对照准入记录核对', value: ex.check.request } }) },
      responses: {
        200: answer('核对结果', checkResultSchema, { admitted: { summary: '有准入记录', value: ex.check.result } }),
        400: BAD_REQUEST,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
      },
    },

    // ---- 监督 ----
    {
      method: 'get',
      path: '/api/v1/reports/summary',
      tags: ['监督'],
      operationId: 'summaryReport',
      summary: '监督统计',
      description: '按部门、镇街或社区分组统计决定和状态、审核逾期、最常见的理由；区里看全部，审核人只看本镇街。format=csv 下载表格。',
      security: SIGNED_IN,
      request: { query: reportQuerySchema },
      responses: {
        200: {
          description: '统计',
          content: {
            'application/json': { schema: summaryReportSchema, examples: { street: { summary: '按镇街', value: ex.report } } },
            'text/csv': { schema: z.string(), examples: { csv: { summary: 'format=csv', value: reportCsv(ex.report.groups) } } },
          },
        },
        400: BAD_QUERY,
        401: UNAUTHENTICATED,
        403: FORBIDDEN,
      },
    },

    // ---- 登录与组织 ----
    {
      method: 'post',
      path: '/api/v1/session',
      tags: ['登录与组织'],
      operationId: 'signIn',
      summary: '登录（令牌换会话 Cookie）',
      description: `网页用：提交 API 令牌，返回身份并设置签名会话 Cookie（${SESSION_COOKIE}，HttpOnly，8 小时）。`,
      security: PUBLIC,
      request: { body: jsonBody(R.SignIn, { token: { summary: '演示令牌（仅本地开发）', value: { token: 'demo-dept-chengguan' } } }) },
      responses: {
        200: {
          description: '已登录',
          headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax; Path=/`, schema: { type: 'string' } } },
          content: json(sessionSchema, { department: { summary: '部门账号', value: { identity: IDENTITY_EXAMPLES.department } } }),
        },
        400: BAD_REQUEST,
        401: failure('令牌无效', { badToken: E.badToken }),
        503: failure('服务未配置 SESSION_SECRET', { sessionsDisabled: E.sessionsDisabled }),
      },
    },
    {
      method: 'delete',
      path: '/api/v1/session',
      tags: ['登录与组织'],
      operationId: 'signOut',
      summary: '退出登录',
      description: '清除会话 Cookie。',
      security: PUBLIC,
      responses: { 204: { description: '已退出' } },
    },
    {
      method: 'get',
      path: '/api/v1/me',
      tags: ['登录与组织'],
      operationId: 'me',
      summary: '当前身份',
      description: '当前令牌或会话对应的账号、角色和所属单位。',
      security: SIGNED_IN,
      responses: {
        200: answer('当前身份', sessionSchema, {
          reviewer: { summary: '镇街审核人', value: { identity: IDENTITY_EXAMPLES.reviewer } },
          community: { summary: '社区', value: { identity: IDENTITY_EXAMPLES.community } },
        }),
        401: UNAUTHENTICATED,
      },
    },
    {
      method: 'get',
      path: '/api/v1/organisation',
      tags: ['登录与组织'],
      operationId: 'organisation',
      summary: '组织数据',
      description: '镇/街道、社区/村和区职能部门的编号与名称（提交申请时 targetCommunities 填社区编号）。',
      security: SIGNED_IN,
      responses: {
        200: answer('组织数据', organisationSchema, { demo: { summary: '演示区（节选）', value: ex.organisation } }),
        401: UNAUTHENTICATED,
      },
    },
  ];
}

/** Chinese descriptions of request fields and query parameters (the request schemas in src/contract carry none). */
export const FIELD_TEXT: Record<string, string> = {
  title: '事项名称',
  description: '事项内容：通知、任务分解表的一行或群消息原文（title 与 description 至少填一项）',
  department: '提出要求的部门',
  communityRole: '声明的社区角色：responsible 责任主体 / assist 协助 / informational 知悉',
  areas: '声明涉及的领域（第 9 条第四款）',
  listItem: '声明对应的清单事项（名称见 GET /api/v1/rules）',
  oneVoteVeto: '是否实行一票否决',
  funding: '工作经费和工作条件',
  amountYuan: '经费金额（元）',
  conditions: '提供的工作条件',
  streetReview: '镇（街道）审核情况',
  status: '状态',
  note: '审核意见',
  responsibleUnits: '责任单位（任务分解表）',
  assistingUnits: '配合单位（任务分解表）',
  targetCommunities: '目标社区编号（见 GET /api/v1/organisation）',
  deadline: '完成时限（YYYY-MM-DD，不早于今天）',
  legalBasis: '法律依据',
  version: '所针对的申请版本（防止覆盖他人的修改）',
  action: 'approve 批准 / reject 不予准入 / return 退回',
  comment: '审核意见（至少 2 个字）',
  fundingConfirmed: '已确认落实经费或工作条件（批准时必须为 true）',
  reason: '理由（至少 2 个字）',
  text: '收到的通知或群消息原文',
  requestId: '对照的申请编号',
  token: 'API 令牌',
  items: `要评估的要求，1–${BATCH_MAX_ITEMS} 项`,
};

/** Chinese descriptions of query parameters. */
export const QUERY_TEXT: Record<string, string> = {
  status: '按申请状态筛选',
  decision: '按引擎决定筛选',
  department: '按部门编号筛选',
  street: '按镇（街道）编号筛选',
  community: '按社区编号筛选',
  from: '起始日期（含，YYYY-MM-DD，北京时间）',
  to: '截止日期（含，YYYY-MM-DD，北京时间）',
  cursor: '分页游标（上一页的 nextCursor）',
  limit: '每页条数，1–100，默认 20',
  groupBy: '分组：department 部门（默认）/ street 镇街 / community 社区',
  format: 'json（默认）或 csv',
};
