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
    message: (d) => `属于社区工作负面清单事项${d.itemName ? `："${d.itemName}"` : ''}，不得向社区摊派`,
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
} as const;

/** zod issue → a Chinese message with the English one after it. */
export function describeIssue(issue: { code: string; message: string; path: PropertyKey[]; expected?: unknown; keys?: string[]; maximum?: unknown; minimum?: unknown; values?: unknown[] }): string {
  const english = issue.message;
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
