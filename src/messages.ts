/**
 * Every sentence a person reads, in Simplified Chinese, in one place. Identifiers and API fields stay English;
 * validation errors also carry an English line for outside developers.
 */
import type { ReasonCode } from './ruleset/schema.ts';

export interface ReasonText {
  message: (detail: ReasonDetail) => string;
  fix: (detail: ReasonDetail) => string;
}

export interface ReasonDetail {
  /** Chinese label of the area (拆迁拆违…). */
  areaLabel?: string;
  /** Name of the list item (negative-list item, certificate…). */
  itemName?: string;
  /** Whether funding was explicitly refused rather than missing. */
  fundingRefused?: boolean;
}

export const REASON_TEXT: Record<ReasonCode, ReasonText> = {
  'one-vote-veto': {
    message: () => '对社区工作设置"一票否决"，违反第9条"取消对社区工作\'一票否决\'事项"',
    fix: () => '删除"一票否决"及类似的否决性考核要求',
  },
  'forbidden-responsibility': {
    message: (d) => `不得将社区作为${d.areaLabel ?? '该类'}事项的责任主体`,
    fix: (d) => `由职能部门承担${d.areaLabel ?? '该事项'}的主体责任；确需社区协助的，改为协助事项，报镇(街道)审核并提供经费和工作条件`,
  },
  'negative-list': {
    message: (d) => `属于社区工作负面清单禁止的事项${d.itemName ? `："${d.itemName}"` : ''}，不得向社区提出`,
    fix: () => '删除该项要求；确属必要的工作，由职能部门自行承担',
  },
  'certificate-not-allowed': {
    message: (d) => `社区不得出具${d.itemName ? `"${d.itemName}"` : '不在保留清单内的证明'}（不在社区出具证明事项保留清单内）`,
    fix: () => '改由有权部门核查或采用告知承诺制，不再要求社区出具证明',
  },
  'funding-required': {
    message: (d) =>
      d.fundingRefused
        ? '要求社区协助却明确不提供经费（如经费自筹、自行解决），违反"费随事转"'
        : '未发现为社区协助工作提供的经费或工作条件',
    fix: () => '写明提供的工作经费金额或工作条件（如宣传材料、人员、设备、培训）',
  },
  'street-rejected': {
    message: () => '所在镇(街道)审核未同意该协助事项',
    fix: () => '按镇(街道)审核意见修改后重新提交，或由职能部门自行承担',
  },
  'street-review-required': {
    message: () => '协助事项须经镇(街道)审核同意后方可进入社区',
    fix: () => '提交所在镇(街道)审核，审核同意前社区可暂不承接',
  },
  'not-on-lists': {
    message: () => '要求社区承担的事项不在依法履职事项清单内，属于新增事项，须经准入审核',
    fix: () => '按社区工作准入程序报镇(街道)审核；如属协助事项，请写明社区为协助角色并提供经费和工作条件',
  },
  'role-unclear': {
    message: () => '无法从内容中判断要求社区做什么、以什么角色参与',
    fix: () => '写明社区的角色（责任主体、协助或仅知悉）和具体工作内容',
  },
  'statutory-duty': {
    message: (d) => `属于社区依法履职事项${d.itemName ? `："${d.itemName}"` : ''}`,
    fix: () => '无需修改，社区依法承担',
  },
  'approved-assistance': {
    message: () => '协助事项已经镇(街道)审核同意，并提供了经费或工作条件',
    fix: () => '无需修改，按审核意见开展',
  },
  informational: {
    message: () => '仅需社区知悉，未要求社区开展具体工作',
    fix: () => '无需处理；如需社区开展工作，应写明并按准入程序办理',
  },
  'not-addressed': {
    message: () => '责任单位和配合单位中没有社区，该事项不进入社区',
    fix: () => '无需处理',
  },
};

export const WARNING_TEXT = {
  'paperwork-burden': '要求填表、建台账、拍照上传或留痕等，增加社区负担；请精简，避免重复报送',
} as const;

/** Validation and transport errors: Chinese first, then English. */
export const ERROR_TEXT = {
  invalidJson: '请求体不是有效的 JSON (request body is not valid JSON)',
  invalidRequest: '请求内容有误，请按字段提示修改 (the request is invalid; see issues)',
  bodyTooLarge: (limit: number) => `请求体过大，上限 ${limit} 字节 (request body exceeds ${limit} bytes)`,
  unsupportedMediaType: '不支持的内容类型，请使用 application/json 或 text/csv (unsupported Content-Type)',
  notFound: '未找到该地址 (not found)',
  methodNotAllowed: '不支持该请求方法 (method not allowed)',
  internal: '服务器内部错误，请稍后再试 (internal error)',
  csvEmpty: 'CSV 中没有数据行 (the CSV has no data rows)',
  csvNoColumns: 'CSV 表头中没有可识别的列（重点任务/事项/任务名称、主要措施/具体内容/工作内容等） (no known column in the CSV header)',
  csvMalformed: (line: number) => `CSV 第 ${line} 行格式错误（引号未闭合） (malformed CSV at line ${line})`,
  batchSize: (max: number) => `items 须为 1 至 ${max} 项 (items must hold 1 to ${max} requests)`,
  unauthenticated: '请先登录：提供有效的 API 令牌 (Authorization: Bearer …) 或会话 (authentication required)',
  forbidden: '当前账号无权进行此操作 (this account may not do that)',
  requestNotFound: '未找到该申请，或无权查看 (request not found)',
  conflict: '申请状态已变化或版本不符，请刷新后重试 (the request changed or the version is stale)',
  notApprovable: '该事项违反第9条或负面清单，任何人都不能批准 (item 9 forbids this; it cannot be approved)',
  idempotencyMismatch: '同一个 Idempotency-Key 已用于内容不同的申请 (Idempotency-Key reused with a different body)',
  idempotencyKey: 'Idempotency-Key 须为 1 至 200 个可见字符 (Idempotency-Key must be 1-200 visible characters)',
  badCursor: '分页游标无效 (invalid cursor)',
  sessionsDisabled: '未配置 SESSION_SECRET，无法建立会话 (sessions are not configured)',
  badToken: '令牌无效 (invalid token)',
} as const;

/** zod issue → a Chinese message with the English one after it. */
export function describeIssue(issue: { code: string; message: string; path: PropertyKey[]; expected?: unknown; keys?: string[]; maximum?: unknown; minimum?: unknown; values?: unknown[] }): string {
  const english = issue.message;
  if (issue.message === 'funding-confirmation-required') {
    return '批准须确认已落实工作经费或工作条件 (approval requires fundingConfirmed: true)';
  }
  if (issue.message === 'date-format' || issue.message === 'date-invalid') {
    return '日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)';
  }
  if (issue.message === 'title-or-description-required') {
    return '事项名称(title)和内容(description)至少填写一项 (title or description must hold non-blank text)';
  }
  switch (issue.code) {
    case 'invalid_type':
      return `类型错误，应为 ${String(issue.expected)} (${english})`;
    case 'too_big':
      return `超出上限 ${String(issue.maximum)} (${english})`;
    case 'too_small':
      return `低于下限 ${String(issue.minimum)} (${english})`;
    case 'invalid_value':
      return `取值无效，可选值：${(issue.values ?? []).map(String).join('、')} (${english})`;
    case 'unrecognized_keys':
      return `不认识的字段：${(issue.keys ?? []).join('、')} (${english})`;
    default:
      return `内容无效 (${english})`;
  }
}

/**
 * The command line `duty-gate check` (src/cli/): help, labels of the readable report and its input errors. Errors
 * carry Chinese first and English after, like ERROR_TEXT, because scripts and outside developers read them too.
 */
export const CLI_TEXT = {
  mainHelp: [
    'duty-gate：社区工作准入检查（社区治理任务清单第9条），在本机运行，不连接服务器。',
    '',
    '用法：',
    '  duty-gate check [文件|-] [选项]   检查一份责任清单、一个请求或一段通知/消息',
    '  duty-gate check --help            查看 check 的全部选项',
    '  duty-gate --help                  显示本帮助',
    '',
    '也可在项目目录中运行：npm run check -- [文件|-] [选项]',
  ].join('\n'),
  checkHelp: [
    '用法：duty-gate check [文件|-] [--text "…"] [--title "…"] [--json] [--csv] [--only 结论]',
    '',
    '输入类型：',
    '  责任清单  .csv 文件、--csv，或首行含"重点任务/主要措施/事项"等表头的内容；每行一个结论',
    '  请求 JSON .json 文件（或内容本身是 JSON 对象/数组）：一个请求、{"items":[…]} 或请求数组',
    '  文字      其他内容（.txt 文件、标准输入、--text）：整段文字作为一项要求的内容，如转发的通知、微信消息',
    '  文件写"-"，或不写文件而从管道输入时，读取标准输入。CSV 可为 UTF-8 或 GBK 编码。',
    '',
    '选项：',
    '  --text "…"    直接给出要求的文字，作为内容 (description)',
    '  --title "…"   事项名称 (title)，用于文字输入',
    '  --json        输出与 API 相同的 JSON：单项同 POST /api/v1/evaluate，',
    '                多项同 POST /api/v1/evaluate/batch 的 {results, summary}',
    '  --csv         把输入当作责任清单 CSV',
    '  --only 结论   只列出一类结论：reject（不予准入）、needs-review（需审核）、allow（允许）；',
    '                输入无效的项总会列出；汇总和退出码仍按全部事项计算',
    '  -h, --help    显示本帮助',
    '',
    '退出码（多项时取最严重者）：',
    '  0 全部允许   1 有需审核   2 有不予准入   3 输入无效（文件、JSON、CSV、字段或参数错误）',
    '  有任何一项输入无效时为 3：没读完的检查不算通过。',
    '',
    '证据位置按字计数，从 1 起算（--json 中的 start/end 为从 0 起算的 UTF-16 偏移）。',
    '',
    '示例：',
    '  duty-gate check seeds/attachment-2-duty-list.csv',
    "  echo '请各社区负责辖区违建拆除' | duty-gate check -",
    "  duty-gate check --text '请社区协助入户宣传，区城管局提供宣传材料' --json",
    '  duty-gate check 清单.csv --only reject',
  ].join('\n'),
  decision: { allow: '允许', 'needs-review': '需审核', reject: '不予准入' },
  invalid: '输入无效',
  /** Chinese names of the request fields evidence points into; a field not listed is shown by its API name. */
  fieldLabel: {
    title: '事项名称',
    description: '内容',
    'funding.conditions': '经费条件',
    'funding.amountYuan': '经费金额',
    communityRole: '声明角色',
    areas: '声明领域',
    oneVoteVeto: '声明一票否决',
    listItem: '声明清单事项',
    'streetReview.status': '街道审核',
    responsibleUnits: '责任单位',
    assistingUnits: '配合单位',
  } as Record<string, string>,
  head: {
    line: '行号',
    index: '序号',
    serial: '序号',
    decision: '结论',
    item: '事项',
  },
  itemTitle: {
    line: (line: number) => `第 ${line} 行`,
    index: (index: number) => `第 ${index} 项`,
    serial: (serial: string) => `序号 ${serial}`,
    single: '检查结果',
  },
  label: {
    item: '事项',
    units: '单位',
    department: '牵头',
    responsible: '责任',
    assisting: '配合',
    deadline: '时限',
    remark: '备注',
    reasons: '原因',
    warnings: '提醒',
    clause: '条款',
    fix: '修改',
    evidence: '证据',
    quote: '条文',
    issues: '问题',
  },
  position: (start: number, end: number) => `第${start}-${end}字`,
  source: {
    csv: (rows: number) => `责任清单，${rows} 行`,
    jsonSingle: '请求 JSON，1 项',
    jsonBatch: (items: number) => `请求 JSON，${items} 项`,
    text: '文字，1 项',
  },
  header: (source: string, kind: string) => `duty-gate 检查 ${source}（${kind}）`,
  rulesVersion: (version: string) => `规则版本 ${version}`,
  stdinName: '标准输入',
  textName: '--text',
  summary: (total: number, counts: { reject: number; 'needs-review': number; allow: number; invalid: number }) =>
    `合计 ${total} 项：不予准入 ${counts.reject}，需审核 ${counts['needs-review']}，允许 ${counts.allow}` +
    (counts.invalid > 0 ? `，输入无效 ${counts.invalid}` : '') +
    '。',
  filtered: (only: string, shown: number) => `（按 --only ${only} 只列出 ${shown} 项）`,
  nothingShown: (only: string) => `没有结论为 ${only} 的事项。`,
  errors: {
    prefix: '输入无效：',
    seeHelp: '运行 duty-gate check --help 查看用法 (see duty-gate check --help)',
    unknownCommand: (name: string) => `未知的命令 "${name}"，目前只有 check (unknown command "${name}")`,
    noCommand: '缺少命令，请使用 duty-gate check … (missing command)',
    badOption: (detail: string) => `参数有误 (${detail})`,
    badOnly: (value: string) => `--only 的取值须为 reject、needs-review 或 allow，收到 "${value}" (--only must be reject, needs-review or allow)`,
    tooManyFiles: '只能检查一个文件 (only one FILE may be given)',
    fileAndText: '不能同时给出文件和 --text (give either FILE or --text, not both)',
    titleNotText: '--title 只用于文字输入；JSON 请在请求中写 title，CSV 请用"重点任务"列 (--title applies to text input only)',
    noInput: '没有可检查的内容：请给出文件、--text，或从管道输入 (no input: give FILE, --text or pipe stdin)',
    fileNotFound: (path: string) => `找不到文件 ${path} (file not found)`,
    fileUnreadable: (path: string, detail: string) => `无法读取文件 ${path} (cannot read file: ${detail})`,
    invalidJson: (detail: string) => `内容不是有效的 JSON (not valid JSON: ${detail})`,
    jsonShape: 'JSON 须为一个请求对象、{"items":[…]} 或请求数组 (JSON must be a request object, {"items":[...]} or an array of requests)',
    emptyItems: 'items 至少须有 1 项 (items must hold at least one request)',
    internal: (detail: string) => `程序内部错误，请报告此问题 (internal error: ${detail})`,
  },
} as const;

/** What a community is told when it checks a demand it received. */
export const CHECK_TEXT = {
  admitted: '该事项已经镇(街道)审核准入，应当承接',
  pending: '该事项正在镇(街道)审核中，审核同意前可暂不承接',
  rejected: '该事项未获准入，社区有权拒绝',
  ended: '该事项已撤回或已退出社区，社区无需承接',
  noRecord: '没有找到准入记录，社区有权拒绝未经审核准入的工作',
  notForThisCommunity: '该申请不是发给本社区的，社区无需承接',
} as const;
