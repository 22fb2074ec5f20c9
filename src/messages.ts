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
  /** Stands for the funding a recorded request stated in its text; it names 工作经费 so the engine reads it as such. */
  recordedFunding: '准入记录载明已提供工作经费和工作条件',
} as const;

/**
 * The web pages (src/web/): every label, heading, hint and error a person reads in the browser. Reason messages,
 * clause quotes and fixes come from the engine (REASON_TEXT, rules/clauses.json); these only frame them.
 */
export const WEB_TEXT = {
  siteName: 'duty-gate 社区工作准入',
  titleSuffix: 'duty-gate 社区工作准入',
  skipToContent: '跳到正文',
  signedInAs: (name: string, role: string) => `${name}（${role}）`,
  signOut: '退出登录',
  signIn: '登录',
  menu: '主菜单',
  footer: '依据：社区治理任务清单第9条及四个清单。每项判定都记录规则集版本。',
  rulesVersion: (version: string) => `规则集版本 ${version}`,
  role: {
    department: '区职能部门',
    'street-reviewer': '镇(街道)审核',
    community: '社区/村',
    admin: '区里',
  } as Record<string, string>,
  nav: {
    newRequest: '新建申请',
    myRequests: '我的申请',
    reviews: '待审队列',
    inbox: '收件箱',
    check: '该不该接',
    dutyList: '任务清单检查',
    supervision: '监督统计',
    rules: '规则',
  },
  decision: { allow: '允许', 'needs-review': '需审核', reject: '不予准入' } as Record<string, string>,
  decisionLong: {
    allow: '允许：可以进入社区',
    'needs-review': '需审核：须经镇(街道)审核准入',
    reject: '不予准入：按第9条不能派给社区',
  } as Record<string, string>,
  status: {
    'pending-review': '待审核',
    admitted: '已准入',
    rejected: '未通过预审',
    refused: '不予准入',
    returned: '退回补充',
    withdrawn: '已撤回',
    exited: '已退出',
  } as Record<string, string>,
  action: {
    create: '提交',
    revise: '修改',
    approve: '批准',
    reject: '不予准入',
    return: '退回补充',
    withdraw: '撤回',
    exit: '退出社区',
  } as Record<string, string>,
  reasonLabel: {
    'one-vote-veto': '设置一票否决',
    'forbidden-responsibility': '社区作为禁止领域的责任主体',
    'negative-list': '属于负面清单',
    'certificate-not-allowed': '要求出具不应出具的证明',
    'funding-required': '协助事项没有经费和工作条件',
    'street-rejected': '镇(街道)审核未同意',
    'street-review-required': '协助事项待镇(街道)审核',
    'not-on-lists': '新增事项须准入审核',
    'role-unclear': '社区角色不明',
    'statutory-duty': '依法履职事项',
    'approved-assistance': '已审核的协助事项',
    informational: '仅需知悉',
    'not-addressed': '不涉及社区',
  } as Record<string, string>,
  clause: (id: string) => {
    const lists: Record<string, string> = {
      'list-statutory': '依法履职事项清单',
      'list-assistance': '依法协助事项清单',
      'list-negative': '负面清单',
      'list-certificates': '出具证明事项清单',
    };
    return lists[id] ?? (/^9[a-g]$/.test(id) ? `第9条 ${id}` : id);
  },
  fieldLabel: {
    title: '事项名称',
    description: '工作内容',
    'funding.conditions': '工作条件',
    'funding.amountYuan': '经费金额',
    communityRole: '声明的社区角色',
    areas: '声明的领域',
    oneVoteVeto: '声明一票否决',
    listItem: '声明的清单事项',
    'streetReview.status': '镇(街道)审核',
    responsibleUnits: '责任单位',
    assistingUnits: '配合单位',
  } as Record<string, string>,
  yes: '是',
  no: '否',
  none: '无',
  notSet: '未填写',
  communityRoleOption: {
    '': '不声明，由内容判断',
    responsible: '责任主体',
    assist: '协助',
    informational: '仅知悉',
  } as Record<string, string>,
  errors: {
    heading: '请修改以下内容',
    forbiddenTitle: '无权访问',
    forbidden: '当前账号无权访问此页面或进行此操作。',
    notFoundTitle: '未找到',
    notFound: '未找到该页面或申请，或当前账号无权查看。',
    csrfTitle: '请求被拒绝',
    csrf: '表单来源校验失败。请回到本站页面重新提交。',
    internalTitle: '出错了',
    internal: '服务器内部错误，请稍后再试。',
    badRequest: '提交的内容无法识别，请回到页面重新填写。',
    backHome: '回到首页',
    textRequired: '事项名称和工作内容至少填写一项',
    targetsRequired: '请至少选择一个目标社区',
    amountInvalid: '经费金额应为不小于 0 的数字（单位：元）',
    dateInvalid: '日期格式应为 年-月-日，如 2026-12-31',
    tooLong: (max: number) => `内容过长，最多 ${max} 字`,
    commentRequired: '请填写审核意见（至少 2 个字）',
    reasonRequired: '请填写原因（至少 2 个字）',
    fundingRequired: '批准前须确认经费或工作条件已落实',
    conflict: '申请状态已变化或已有人处理，请查看最新情况后再操作。',
    notApprovable: '该事项违反第9条或负面清单，任何人都不能批准。请退回或不予准入。',
    idempotency: '该表单已提交过，请勿重复提交。',
    checkTextRequired: '请粘贴收到的要求（通知或群消息原文）',
    csvRequired: '请上传 CSV 文件或粘贴表格内容',
    csvEncoding: '无法读取文件：请另存为 UTF-8 编码的 CSV 后再上传',
    csvTooLarge: (limit: string) => `文件过大，上限 ${limit}`,
    badToken: '令牌无效，请检查后重试',
    tokenRequired: '请输入令牌',
    sessionsDisabled: '服务器未配置会话密钥 (SESSION_SECRET)，无法登录网页',
    dateRange: '开始日期不能晚于结束日期',
  },
  signInPage: {
    title: '登录',
    heading: '登录 duty-gate',
    intro: '社区工作准入：部门提交前预检，镇(街道)审核，社区核对该不该接，区里监督。',
    demoHeading: '演示账号（仅本地开发）',
    demoHint: '选择一个账号直接登录。部署环境不提供演示账号。',
    demoButton: (name: string, role: string) => `以 ${name}（${role}）登录`,
    tokenHeading: '用令牌登录',
    tokenLabel: 'API 令牌',
    tokenHint: '由管理员发放的令牌，登录后保持 8 小时。',
    submit: '登录',
    signedOut: '已退出登录。',
    rulesLink: '不登录也可以查看现行规则',
  },
  form: {
    newTitle: '新建协助申请',
    reviseTitle: (title: string) => `修改申请：${title}`,
    intro: '填写要派给社区的工作。右侧（手机上在下方）会随填写显示按第9条的预检结果。',
    basics: '事项',
    title: '事项名称',
    titleHint: '如：困难群众入户调查',
    description: '工作内容',
    descriptionHint: '写明要社区做什么、由谁负责；可直接粘贴通知原文。',
    role: '社区角色',
    roleHint: '内容与声明不一致时，按更严格的读法判断。',
    areas: '涉及领域（如有）',
    areasHint: '这些领域不得由社区作为责任主体（第9条 9d）。',
    listItem: '对应清单事项（如有）',
    listItemNone: '不声明',
    veto: '一票否决',
    vetoLabel: '该工作对社区设有"一票否决"',
    vetoHint: '第9条已取消对社区工作的一票否决；勾选即不予准入。',
    funding: '经费和工作条件',
    amount: '工作经费（元）',
    amountHint: '没有经费可留空，但须写明工作条件。',
    conditions: '工作条件',
    conditionsHint: '如：提供宣传材料、培训、派驻人员、设备。',
    legalBasis: '法律或政策依据',
    legalBasisHint: '如：《社会救助暂行办法》第十一条',
    deadline: '完成时限',
    targets: '目标社区',
    targetsHint: '按镇(街道)选择要派给的社区。',
    selectStreet: (street: string) => `全选${street}`,
    precheck: '预检',
    submit: '提交申请',
    submitRevision: '提交修改',
    cancel: '返回',
  },
  precheck: {
    heading: '预检结果',
    empty: '填写事项名称或工作内容后，这里显示按第9条的判断。',
    loading: '正在预检…',
    failed: '暂时无法预检，请稍后再试，或点"预检"按钮。',
    decision: '结论',
    reasons: '原因',
    clause: '条款',
    fix: '修改建议',
    warnings: '减负提醒',
    evidence: '文本中的依据',
    evidenceHint: '标出的文字触发了上面的判断。',
    declared: '涉及的声明字段',
    noEvidence: '没有在文本中找到对应的文字。',
    /** Under the text field on phones: {decision} and {n} are filled in (by the server and by the script). */
    summary: '预检：{decision}（{n} 条原因），查看预检结果',
  },
  requestList: {
    title: '我的申请',
    filter: '按状态筛选',
    all: '全部',
    apply: '筛选',
    empty: '没有符合条件的申请。',
    next: '下一页',
    columns: { title: '事项', status: '状态', decision: '预审结论', targets: '目标社区', created: '提交时间', due: '审核期限' },
  },
  requestPage: {
    title: (title: string) => `申请：${title}`,
    summary: '概况',
    department: '申请部门',
    status: '状态',
    decision: '判定',
    version: '版本',
    targets: '目标社区',
    deadline: '完成时限',
    reviewDue: '审核期限',
    overdue: '已逾期',
    legalBasis: '法律或政策依据',
    funding: '经费和工作条件',
    amount: (yuan: number) => `${yuan} 元`,
    content: '申请内容',
    reasons: '判定原因',
    versions: '各版本',
    versionRow: (v: number) => `第 ${v} 版`,
    reviews: '审核记录',
    noReviews: '还没有审核记录。',
    history: '全过程记录',
    fundingConfirmed: '已确认经费或工作条件',
    actions: '操作',
    revise: '修改申请',
    withdraw: '撤回申请',
    withdrawReason: '撤回原因',
    withdrawConfirm: '确定撤回这项申请吗？',
    exit: '退出社区',
    exitReason: '退出原因',
    exitHint: '已准入的工作在居民反对等情况下可退出社区。',
    exitConfirm: '确定让这项工作退出社区吗？',
    review: '审核',
    reviewHint: '审核依据下方的判定原因；违反第9条或负面清单的事项不能批准。',
    approve: '批准准入',
    approveComment: '批准意见',
    fundingConfirm: '确认经费或工作条件已落实',
    rejectTitle: '不予准入',
    rejectComment: '不予准入的理由',
    returnTitle: '退回补充',
    returnComment: '需要补充的内容',
    flash: {
      created: '申请已提交。',
      revised: '修改已提交。',
      approve: '已批准准入。',
      reject: '已作出不予准入决定。',
      return: '已退回部门补充。',
      withdraw: '申请已撤回。',
      exit: '该工作已退出社区。',
    } as Record<string, string>,
    historyColumns: { at: '时间', actor: '操作人', action: '操作', change: '变化' },
    reviewColumns: { at: '时间', reviewer: '审核人', action: '决定', comment: '意见', funding: '经费确认' },
    versionColumns: { version: '版本', decision: '判定', at: '时间', rules: '规则集版本' },
  },
  reviews: {
    title: '待审队列',
    intro: (n: number, overdue: number) => `共 ${n} 项待审核${overdue > 0 ? `，其中 ${overdue} 项已逾期` : ''}。逾期的排在前面。`,
    empty: '没有待审核的申请。',
    overdue: '已逾期',
    due: '审核期限',
    open: '审核',
    columns: { title: '事项', department: '申请部门', targets: '目标社区', due: '审核期限', reasons: '预审原因' },
  },
  inbox: {
    title: '收件箱',
    intro: '派给本社区的工作：已准入的应当承接；审核中的可暂不承接；未准入的社区有权拒绝。',
    empty: '没有派给本社区的工作。',
    columns: { title: '事项', department: '派发部门', status: '状态', deadline: '完成时限' },
    advice: {
      admitted: '应当承接',
      'pending-review': '可暂不承接',
      rejected: '有权拒绝',
      refused: '有权拒绝',
      exited: '无需承接',
    } as Record<string, string>,
  },
  check: {
    title: '这项工作该不该接？',
    intro: '把收到的通知或群消息原文粘贴在下面。如果对方给了申请编号，一并填写，可以查到是否有准入记录。',
    text: '收到的要求',
    textHint: '原文粘贴即可，例如："请各社区本周内完成辖区违建拆除，纳入年度考核。"',
    requestId: '申请编号（可选）',
    requestIdHint: '以 req_ 开头的编号，可在收件箱中找到。',
    submit: '判断',
    verdict: '结论',
    plain: {
      allow: '可以接：这是社区应做或已准入的工作。',
      'needs-review': '先不用接：这类协助工作要先经镇(街道)审核准入、落实经费后才进入社区。',
      reject: '不该接：按第9条，这项工作不能派给社区，社区可以拒绝。',
    } as Record<string, string>,
    record: '准入记录',
    recordFound: (id: string, title: string, status: string) => `找到申请 ${id}「${title}」，当前状态：${status}`,
    noRequestId: '没有填写申请编号，未查询准入记录。',
    cite: '可以引用的条款',
    reply: '回复参考',
    replyText: (quotes: string[]) => `您好，根据《社区治理任务清单》第9条及社区工作准入规定：${quotes.join('；')}。该项工作未经准入，社区暂不承接。`,
    copy: '复制回复',
    copied: '已复制',
    why: '判断依据',
    mismatch: '准入记录显示该事项已准入，但粘贴的要求中有不符合第9条的内容（见下方条款）：已准入的部分应当承接，不符合的部分社区可以拒绝，并请向派发部门核实。',
  },
  dutyList: {
    title: '任务清单检查',
    intro: '上传或粘贴任务责任清单分解表（CSV），逐行判断是否可以派给社区。表头自动识别：重点任务/事项、主要措施/工作内容、牵头单位、责任单位、配合单位、完成时限、序号、备注。',
    example: '示例：区社区治理任务责任清单分解表（附件 2）',
    useExample: '用示例表检查',
    file: 'CSV 文件',
    fileHint: 'UTF-8 编码，最多 500 行。',
    paste: '或粘贴表格内容',
    pasteHint: '从表格软件复制为 CSV 文本后粘贴，第一行为表头。',
    submit: '检查',
    results: '检查结果',
    summary: (total: number, reject: number, review: number, allow: number, invalid: number) =>
      `共 ${total} 行：不予准入 ${reject}，需审核 ${review}，允许 ${allow}${invalid > 0 ? `，无法判断 ${invalid}` : ''}。`,
    filter: '按结论筛选',
    all: '全部',
    download: '下载结果 CSV',
    shown: (n: number) => `当前显示 ${n} 行。`,
    invalid: '无法判断',
    columns: { line: '行', serial: '序号', item: '事项', units: '责任/配合单位', decision: '结论', reasons: '原因' },
    csvColumns: ['行号', '序号', '重点任务', '主要措施', '牵头单位', '完成时限', '结论', '理由代码', '原因', '条款', '修改建议', '提醒'],
    none: '没有符合筛选条件的行。',
  },
  supervision: {
    title: '监督统计',
    intro: (scope: string) => `范围：${scope}。每项申请按其当前判定和状态计数；一项申请派给多个社区时，在每个社区各计一次。`,
    scopeAll: '全区',
    from: '开始日期',
    to: '结束日期',
    apply: '查看',
    totals: (total: number, reject: number, overdue: number) => `申请 ${total} 项，不予准入 ${reject} 项，审核逾期 ${overdue} 项。`,
    byDepartment: '各部门申请及判定',
    byMonth: '每月申请及判定',
    topReasons: '最常见的判定原因',
    burden: '各社区负担：每月收到的要求与减负提醒',
    numbers: '数据表',
    csv: '下载 CSV',
    csvByStreet: '按镇(街道)汇总 CSV',
    csvByCommunity: '按社区汇总 CSV',
    empty: '该范围内没有申请。',
    columns: {
      department: '部门',
      month: '月份',
      total: '合计',
      reason: '原因',
      clause: '条款',
      count: '次数',
      community: '社区',
      street: '镇(街道)',
      demands: '收到要求',
      warnings: '减负提醒',
      rejected: '不予准入',
    },
    chartLabel: (title: string) => `${title}（图，数据见下表）`,
  },
  rulesPage: {
    title: '现行规则',
    intro: '每一项派给社区的工作，都按下面的条款、决定规则和四个清单判断。规则即数据，修改规则不需改代码。',
    clauses: '第9条逐款与清单出处',
    rules: '决定规则',
    effect: '效果',
    reasonCode: '理由代码',
    areas: '禁止作为责任主体的领域（第9条 9d）',
    lists: '四个清单',
    items: (n: number) => `${n} 项`,
    retained: '保留的证明',
    cancelled: '已取消的证明（社区不得出具）',
    source: '出处',
    reading: '机器读法',
    columns: { id: '编号', quote: '原文', reading: '读法', source: '出处', name: '名称', code: '代码', label: '领域', clause: '条款' },
  },
} as const;

/**
 * Rule-set lifecycle (issue 5): fetching a rule set by version, the decision log export, and the replay of a
 * candidate rule set over recorded decisions (POST /api/v1/replay and `npm run replay`).
 */
export const LIFECYCLE_TEXT = {
  rulesVersionMalformed: '规则集版本格式应为 sha256: 加 64 位十六进制数 (rule set version must be "sha256:" and 64 hex digits)',
  rulesVersionNotFound: '没有这个版本的规则集：它从未作出过已记录的决定 (no recorded decision was made by this rule set version)',
  dateRange: '开始日期(from)不能晚于结束日期(to) (from must not be after to)',
  invalidRuleSet: '候选规则集无效，请按 problems 逐项修改 (the candidate rule set is invalid; see problems)',
  replay: {
    decision: { allow: '允许', 'needs-review': '需审核', reject: '不予准入' } as Record<string, string>,
    kind: { submission: '提交', approval: '审核批准' } as Record<string, string>,
    title: (candidate: string) => `# 规则集重放 replay — 候选版本 ${candidate}`,
    source: (source: string) => `决定来源：${source}`,
    sourceLog: (file: string) => `导出的决定日志 ${file}`,
    sourceLocal: '本地 D1 数据库 (wrangler --local)',
    range: (from: string | null, to: string | null) => `日期范围：${from ?? '最早'} 至 ${to ?? '最近'}（中国时间）`,
    recordedVersions: '作出原决定的规则集版本：',
    versionLine: (version: string, n: number, same: boolean) => `  ${version}：${n} 个决定${same ? '（与候选版本相同）' : ''}`,
    totals: (t: { entries: number; submissions: number; approvals: number; evaluated: number; unchanged: number; flipped: number; reasonsChanged: number; skipped: number }) =>
      `共 ${t.entries} 个已记录的决定（提交 ${t.submissions}，审核批准 ${t.approvals}）；重新评估 ${t.evaluated} 个：` +
      `结论改变 ${t.flipped}，结论不变但理由改变 ${t.reasonsChanged}，完全不变 ${t.unchanged}` +
      (t.skipped > 0 ? `；无法评估 ${t.skipped}` : '') +
      '。',
    nothingChanges: '✓ 候选规则集不会改变任何已记录的决定。',
    flipsHeading: '## 结论改变 (decisions that flip)',
    reasonOnlyHeading: '## 结论不变、理由改变 (same decision, other reasons)',
    codesHeading: '## 理由代码增减 (reason codes added / removed)',
    flip: (from: string, to: string, n: number) => `### ${from} → ${to}：${n} 个`,
    reasonOnly: (decision: string, n: number) => `### 仍为${decision}：${n} 个`,
    codeAdded: (code: string, n: number) => `  + ${code}：${n} 个决定新增`,
    codeRemoved: (code: string, n: number) => `  - ${code}：${n} 个决定不再有`,
    example: (requestId: string, version: number, kind: string, at: string) => `- ${requestId} 第 ${version} 版（${kind}，${at}）`,
    reasonsLine: (before: string, after: string) => `    理由：${before} → ${after}`,
    added: (code: string) => `    + ${code}`,
    removed: (code: string) => `    - ${code}`,
    evidence: (field: string, start: number, end: number, context: string) => `        ${field} 第${start + 1}-${end}字：${context}`,
    noEvidence: '        （无文本证据：由声明字段或事实的组合引起）',
    moreExamples: (n: number) => `  ……另有 ${n} 个，用 --examples 显示更多`,
    skippedHeading: '## 无法评估 (skipped)',
    skipped: (requestId: string, version: number, problem: string) => `- ${requestId} 第 ${version} 版：${problem}`,
    unknownListItem: (item: string) => `候选规则集中没有清单事项 "${item}"（按未声明清单事项评估）`,
    notesHeading: '## 提示 (notes)',
    none: '（无）',
  },
  cli: {
    help: [
      '用法：npm run replay -- --rules <目录> [--log <文件.ndjson>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--examples N] [--json]',
      '',
      '用候选规则集重新评估已记录的决定，列出哪些决定会改变、为什么。只读，不写入任何决定。',
      '',
      '  --rules <目录>     候选规则集：rules/ 的副本（读取 clauses.json、decision-rules.json、lexicon/、lists/）',
      '  --log <文件>       重放导出的决定日志（GET /api/v1/decisions/export 的 NDJSON）；',
      '                     不给时读取本地 D1（wrangler d1 execute DB --local，先运行过 npm run dev）',
      '  --persist-to <目录> 本地 D1 的存储目录（同 wrangler 的 --persist-to）',
      '  --from / --to      只重放该日期范围内（中国时间）的决定',
      '  --examples N       每类变化列出的示例数（默认 5）',
      '  --json             输出机器可读的 JSON（与 POST /api/v1/replay 相同）',
      '',
      '退出码：0 完成（无论有无变化）；2 候选规则集无效；3 参数或输入有误。',
      '',
      '示例：',
      '  cp -r rules /tmp/rules-candidate && 编辑 /tmp/rules-candidate/lexicon/veto.json',
      '  npm run replay -- --rules /tmp/rules-candidate',
      '  npm run replay -- --rules /tmp/rules-candidate --log decisions.ndjson --json',
    ].join('\n'),
    missingRules: '缺少 --rules <目录> (missing --rules)',
    badOption: (detail: string) => `参数有误 (${detail})`,
    badDate: (name: string) => `${name} 的日期格式应为 YYYY-MM-DD (${name} must be YYYY-MM-DD)`,
    badExamples: '--examples 须为 0 至 100 的整数 (--examples must be an integer 0-100)',
    fileNotFound: (path: string) => `找不到文件 ${path} (file not found)`,
    dirNotFound: (path: string) => `找不到规则目录 ${path}：请给出 rules/ 副本所在的目录 (rules directory not found)`,
    notJson: (path: string, detail: string) => `${path} 不是有效的 JSON (${detail})`,
    invalidRuleSet: (dir: string) => `候选规则集 ${dir} 无效 (invalid rule set):`,
    badLogLine: (line: number, detail: string) => `决定日志第 ${line} 行无效 (decision log line ${line}: ${detail})`,
    wranglerFailed: (detail: string) => `读取本地 D1 失败，是否已运行 npm run dev 或 npm run db:local？(wrangler d1 execute failed: ${detail})`,
  },
} as const;
