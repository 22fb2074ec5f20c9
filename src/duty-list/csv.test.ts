import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';
import { readDutyList, splitUnits } from './rows.ts';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    const csv = '\ufeffa,b\r\n"x, ""y""","line1\nline2"\r\n,last\r\n';
    expect(parseCsv(csv)).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
      ['', 'last'],
    ]);
  });

  it('drops blank lines and reports an unclosed quote with its line', () => {
    expect(parseCsv('a\n\n\nb')).toEqual([['a'], ['b']]);
    expect(() => parseCsv('a\nb\n"open')).toThrow(CsvError);
    try {
      parseCsv('a\nb\n"open');
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
  });
});

describe('readDutyList', () => {
  it('maps the district table headers onto request fields and carries 序号, 完成时限, 备注', () => {
    const rows = readDutyList('序号,重点任务,主要措施,完成时限,牵头单位,责任单位,备注\n9,推进社区全面发展,取消一票否决,常态化开展,区民政局,区民政局、区委组织部、各镇街道,无\n');
    expect(rows).toEqual([
      {
        line: 2,
        request: {
          title: '推进社区全面发展',
          description: '取消一票否决',
          department: '区民政局',
          responsibleUnits: ['区民政局', '区委组织部', '各镇街道'],
        },
        carried: { serial: '9', deadline: '常态化开展', remark: '无' },
      },
    ]);
  });

  it('splits unit lists on 、，, and spaces', () => {
    expect(splitUnits('区城管局、 各社区,各村(社区)；街道')).toEqual(['区城管局', '各社区', '各村(社区)', '街道']);
  });
});
