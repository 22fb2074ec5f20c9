import { describe, expect, it } from 'vitest';
import { findPersonalData, maskDeep, maskText } from './mask.ts';

/** Masks and checks the invariant every mask keeps: same length, only "*" where something changed. */
function mask(text: string): string {
  const masked = maskText(text);
  expect(masked.length).toBe(text.length);
  for (let i = 0; i < text.length; i++) {
    if (masked[i] !== text[i]) expect(masked[i]).toBe('*');
  }
  return masked;
}

describe('mobile numbers', () => {
  it.each([
    ['请联系13812345678', '请联系***********'],
    ['手机：139-1234-5678。', '手机：***-****-****。'],
    ['手机 139 1234 5678', '手机 *** **** ****'],
    ['+8613812345678', '+86***********'],
    ['+86 138 1234 5678', '+86 *** **** ****'],
    ['8613812345678', '86***********'],
    ['电话19912345678，微信同号', '电话***********，微信同号'],
    ['１３８１２３４５６７８（全角）', '***********（全角）'],
    ['a13812345678b', 'a***********b'],
  ])('%s', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('is not a mobile number inside a longer digit run, nor an amount, nor a 12-digit number', () => {
    expect(mask('流水号138123456789')).toBe('流水号138123456789');
    expect(mask('编号913812345678')).toBe('编号913812345678');
    expect(mask('投资13800000000元')).toBe('投资13800000000元');
    expect(mask('13812345678.5万元')).toBe('13812345678.5万元');
    expect(mask('12345678901')).toBe('12345678901'); // second digit 2: no mobile prefix
  });
});

describe('landlines', () => {
  it.each([
    ['电话0566-2021234', '电话****-*******'],
    ['0566-20212345转801', '****-********转801'],
    ['0566-2021234-801', '****-*******-***'],
    ['(0566)2021234', '(****)*******'],
    ['（０５６６）２０２１２３４', '（****）*******'],
    ['010 12345678', '010 12345678'], // local numbers do not start with 1
    ['010 62345678', '*** ********'],
    ['05662021234', '***********'],
    ['联系电话：2021234', '联系电话：*******'],
    ['座机 20212345', '座机 ********'],
    ['TEL: 2021234', 'TEL: *******'],
  ])('%s', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('leaves short service numbers and numbers without a phone word alone', () => {
    expect(mask('拨打12345热线或110')).toBe('拨打12345热线或110');
    expect(mask('共2021234户')).toBe('共2021234户');
    expect(mask('服务电话12345')).toBe('服务电话12345');
  });
});

describe('ID card and bank card numbers', () => {
  it.each([
    ['身份证号110105194912310021', '身份证号******************'],
    ['身份证11010519491231002X。', '身份证******************。'],
    ['身份证11010519491231002x', '身份证******************'],
    ['110105 19491231 002X', '****** ******** ****'],
    ['卡号6222021234567890', '卡号****************'],
    ['卡号6222021234567890123', '卡号*******************'],
    ['6222 0212 3456 7890 123', '**** **** **** **** ***'],
    ['6222-0212-3456-7890', '****-****-****-****'],
  ])('%s', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('a digit run longer than any pattern is left whole, and 15 digits are not a card', () => {
    expect(mask('编号12345678901234567890123')).toBe('编号12345678901234567890123');
    expect(mask('统一代码123456789012345')).toBe('统一代码123456789012345');
  });
});

describe('names after 联系人 and 联系电话', () => {
  it.each([
    ['联系人：张三', '联系人：**'],
    ['联系人:张三丰。', '联系人:***。'],
    ['联系人：欧阳娜娜，电话13812345678', '联系人：****，电话***********'],
    ['联系人张三，电话：13812345678', '联系人**，电话：***********'],
    ['联系人张三13812345678', '联系人*************'],
    ['联系人：王老师', '联系人：*老师'],
    ['联系人：李主任 0566-2021234', '联系人：*主任 ****-*******'],
    ['联系人：张三、李四', '联系人：**、**'],
    ['联系人及电话：张三 13812345678、李四 0566-2021234', '联系人及电话：** ***********、** ****-*******'],
    ['联系电话：13812345678（张三）', '联系电话：***********（**）'],
    ['联系电话：张三 13812345678', '联系电话：** ***********'],
    ['联系人为张三。', '联系人为**。'],
    ['联系人：区民政局张三', '联系人：区民政局**'],
    ['联系人：\n张三', '联系人：\n**'],
    ['联系人：阿依·古丽', '联系人：*****'],
  ])('%s', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('does not take words that are not names', () => {
    for (const text of [
      '建立社区联系人制度',
      '各社区确定一名联系人，报区民政局',
      '联系人：社区书记',
      '联系人：各社区负责人',
      '联系人员名单',
      '联系人数不少于3人',
      '联系人：待定',
      '联系方式如下',
      '请社区联系人参加培训',
    ]) {
      expect(mask(text), text).toBe(text);
    }
  });
});

describe('what is never masked', () => {
  it('dates, amounts, document numbers, percentages, counts and plain text', () => {
    for (const text of [
      '请于2026-01-01前完成',
      '截止20260101',
      '2026年1月1日至2026年12月31日',
      '2026/01/01',
      '经费2000元',
      '下拨经费1200000元',
      '1,380,000元',
      '民发〔2015〕136号',
      '完成率98.5%',
      '覆盖1380户3200人',
      '请各社区负责辖区违建拆除。',
      '',
    ]) {
      expect(mask(text), text).toBe(text);
    }
  });
});

describe('offsets and spans', () => {
  it('keeps every offset: text after a masked number is where it was', () => {
    const text = '请联系１３８１２３４５６７８，请各社区负责违建拆除';
    const masked = mask(text);
    expect(masked.indexOf('违建')).toBe(text.indexOf('违建'));
  });

  it('names the kind of each span', () => {
    const spans = findPersonalData('联系人：张三，手机13812345678，身份证110105194912310021，座机0566-2021234');
    expect(spans.map((s) => s.kind).sort()).toEqual(['bank-card', 'id-card', 'landline', 'mobile', 'name']);
  });

  it('masks every string of a JSON value and nothing else', () => {
    const value = { title: '联系人：张三', n: 13812345678, list: ['13812345678', { note: '联系电话：2021234' }], ok: true, none: null };
    expect(maskDeep(value)).toEqual({ title: '联系人：**', n: 13812345678, list: ['***********', { note: '联系电话：*******' }], ok: true, none: null });
    expect(value.title).toBe('联系人：张三');
  });

  it('is idempotent', () => {
    const text = '联系人：张三，电话13812345678，身份证11010519491231002X';
    expect(maskText(maskText(text))).toBe(maskText(text));
  });
});
