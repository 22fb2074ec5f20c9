/**
 * Masks personal data in text for the decision log (archiving, replay elsewhere): mobile and landline numbers,
 * ID card numbers, bank-card-like digit runs, and names after 联系人 / 联系电话. Pure.
 *
 * Masking is character for character: every masked UTF-16 code unit becomes one "*", so the masked text has the
 * length of the original and evidence offsets (start/end into a field) stay valid. Separators inside a number
 * (spaces, hyphens, brackets) and a country code (+86) are kept; titles after a name (老师, 主任…) are kept.
 *
 * Patterns are matched on the folded text (full-width digits and punctuation as half-width, same length), so
 * "１３８１２３４５６７８" and "联系人：张三" are found like their half-width forms.
 *
 * Not masked, on purpose: dates (2026-01-01, 20260101), amounts (2000元, 13800000000元), document numbers
 * (民发〔2015〕136号), short service numbers (12345), digits that are part of a longer digit run than the pattern
 * allows (a mobile number inside a 20-digit string is not a mobile number).
 */
import { foldText } from '../engine/text/fold.ts';

export const MASK_CHAR = '*';

export type MaskKind = 'id-card' | 'bank-card' | 'mobile' | 'landline' | 'name';

export interface MaskSpan {
  kind: MaskKind;
  start: number;
  end: number;
}

/** A number followed by a unit of money or a decimal part is an amount, not a phone or card number. */
const NOT_AMOUNT = String.raw`(?!\d|\.\d|\s*(?:元|万|亿|块|角|分钱|%|‰))`;

/** Number patterns on the folded text. Group "n" (when present) is the part to mask; else the whole match. */
const NUMBER_PATTERNS: Array<{ kind: Exclude<MaskKind, 'name'>; re: RegExp }> = [
  // Resident ID card: 17 digits and a check character (digit or X), optionally written 6-8-4.
  { kind: 'id-card', re: new RegExp(String.raw`(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{6} \d{8} \d{3}[\dXx])(?![\dA-Za-z])`, 'g') },
  // Bank cards: 16-19 digits in one run, or in groups of four.
  { kind: 'bank-card', re: new RegExp(String.raw`(?<!\d)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)${NOT_AMOUNT}`, 'g') },
  // Mobile: 1[3-9]x xxxx xxxx, optionally after +86 / 86, with optional separators.
  { kind: 'mobile', re: new RegExp(String.raw`(?<![\d+])(?<p>(?:\+?86[- ]?)?)(?<n>1[3-9]\d[- ]?\d{4}[- ]?\d{4})${NOT_AMOUNT}`, 'g') },
  // Landline with area code: 0566-2021234, (0566)2021234, 0566 20212345, 05662021234, with an extension.
  { kind: 'landline', re: new RegExp(String.raw`(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[- ]?[2-9]\d{6,7}(?:-\d{1,5})?${NOT_AMOUNT}`, 'g') },
  // Landline without area code, only right after a phone keyword: 电话：2021234.
  { kind: 'landline', re: new RegExp(String.raw`(?:电话|座机|手机|联系方式|tel|phone)(?:号码|号)?\s*:?\s*(?<n>[2-9]\d{6,7}(?:-\d{1,5})?)${NOT_AMOUNT}`, 'g') },
];

/** Words after which a name follows: 联系人：张三, 联系电话：13812345678（张三）, 联系人及电话：张三 138…. */
const NAME_KEYWORDS = /联系人|联络人|联系电话|联系方式/g;
/** What may stand between the keyword and the name. */
const AFTER_KEYWORD = /^(?:及|和|、|\/)?(?:其)?(?:联系)?(?:电话|方式|手机|姓名)?(?:号码)?\s*(?:为|是)?\s*:?\s*/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff·•]/;
/** Titles kept after a masked name: 王老师 → *老师. */
const TITLE = /^(?:同志|老师|先生|女士|小姐|主任|副主任|科长|局长|部长|书记|经理|处长|股长|所长|站长|队长|组长|专干|干事|馆长|校长|院长|医生|律师)/;
const TITLE_ONLY = new RegExp(`${TITLE.source}$`);
/** What may follow a name without a title. */
const NAME_END = /^(?:$|[\s\d,.;:!?()"'\-\[\]/、。，；：！？（）“”‘’《》<>*]|电话|手机|座机|联系|tel|phone|微信|邮箱)/;
/** Words that are not names although they can stand where a name would. */
const NOT_A_NAME = /社区|街道|部门|单位|办公|中心|人员|负责|另行|待定|暂无|附件|本人|姓名|居委|村委|委员会|工作|网格|各镇|镇街|电话|方式|号码|见下|如下|详见|制度|机制|名单|信息|队伍|台账|会议/;

/** The end of a person's name starting at p (and the end of the name itself, before any title), or null. */
function nameAt(s: string, p: number): { start: number; nameEnd: number; end: number } | null {
  let run = 0;
  while (run < 9 && p + run < s.length && HAN.test(s[p + run]!)) run++;
  for (let len = 1; len <= run; len++) {
    const name = s.slice(p, p + len);
    // Up to four characters; longer only for names written with a middle dot (阿依·古丽).
    if (len > 4 && !/[·•]/.test(name)) break;
    const rest = s.slice(p + len);
    if (NOT_A_NAME.test(name) || TITLE_ONLY.test(name)) continue;
    const title = len <= 3 ? TITLE.exec(rest) : null;
    if (title) return { start: p, nameEnd: p + len, end: p + len + title[0].length };
    if (len >= 2 && NAME_END.test(rest)) return { start: p, nameEnd: p + len, end: p + len };
  }
  return null;
}

/** After a name given without a colon: a phone number, or a word introducing one. */
const FOLLOWED_BY_NUMBER = /^\s*,?\s*(?:\+?\d|\(|电话|手机|座机|联系|tel|phone)/;
/** A unit before the name: 联系人：区民政局张三. */
const UNIT_END = /(?:局|委|办|所|站|院|社区|街道|中心|部|科|股|队|处|镇|村|会|公司)$/;

function nameAfterUnit(s: string, p: number): ReturnType<typeof nameAt> {
  for (let q = p + 1; q <= Math.min(s.length, p + 12) && HAN.test(s[q - 1]!); q++) {
    if (!UNIT_END.test(s.slice(p, q))) continue;
    const name = nameAt(s, q);
    if (name) return name;
  }
  return null;
}

const PHONE_RUN = /^\+?\d[\d\- ]{5,}\d/;

/** Names after the keywords: name first or number first, several names joined by 、/和. */
function nameSpans(s: string): MaskSpan[] {
  const spans: MaskSpan[] = [];
  for (const keyword of s.matchAll(NAME_KEYWORDS)) {
    let p = keyword.index + keyword[0].length;
    if (/^[员数]/.test(s.slice(p))) continue; // 联系人员、联系人数
    const between = AFTER_KEYWORD.exec(s.slice(p))![0];
    // "联系人：张三" names someone; "联系人制度" does not: without a colon (or 为/是) a name must be followed by a
    // number or a phone word, or carry a title.
    const explicit = /[:为是]/.test(between);
    p += between.length;
    for (let step = 0; step < 6 && p < s.length; step++) {
      const phone = PHONE_RUN.exec(s.slice(p));
      if (phone) {
        p += phone[0].length;
        while (s[p] === ' ') p++;
        if (s[p] === '(' || s[p] === '、' || s[p] === '/') p++;
        continue;
      }
      const name = nameAt(s, p) ?? (explicit && step === 0 ? nameAfterUnit(s, p) : null);
      if (!name) break;
      if (!explicit && name.end === name.nameEnd && !FOLLOWED_BY_NUMBER.test(s.slice(name.end))) break;
      spans.push({ kind: 'name', start: name.start, end: name.nameEnd });
      p = name.end;
      if (s[p] === ')') p++;
      if (s[p] === '、' || s[p] === '/' || s[p] === '和' || s[p] === ' ') p++;
      else if (!/^\s*(?:\(|\+?\d)/.test(s.slice(p))) break;
      while (s[p] === ' ') p++;
      if (s[p] === '(') p++;
    }
  }
  return spans;
}

/** Where personal data is, as spans of the original text (same offsets as the folded text). */
export function findPersonalData(text: string): MaskSpan[] {
  const s = foldText(text);
  const spans: MaskSpan[] = [];
  for (const { kind, re } of NUMBER_PATTERNS) {
    for (const m of s.matchAll(re)) {
      const part = m.groups?.n;
      const start = part !== undefined ? m.index + m[0].lastIndexOf(part) : m.index;
      spans.push({ kind, start, end: start + (part ?? m[0]).length });
    }
  }
  spans.push(...nameSpans(s));
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The text with its personal data masked, one "*" per code unit; separators inside numbers are kept. */
export function maskText(text: string): string {
  const spans = findPersonalData(text);
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) {
      if (span.kind === 'name' || /[0-9０-９XxＸｘ]/.test(chars[i]!)) chars[i] = MASK_CHAR;
    }
  }
  return chars.join('');
}

/** Every string inside a JSON-like value masked (object keys are left alone). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}
