import { describe, expect, it } from 'vitest';
import cal2024 from './calendar/2024.json';
import cal2025 from './calendar/2025.json';
import cal2026 from './calendar/2026.json';
import {
  InvalidDateError,
  MAX_WORKING_DAYS,
  WorkdayCalendarSchema,
  addWorkingDays,
  calendarCovers,
  calendarSource,
  chinaDate,
  countWorkingDays,
  coveredYears,
  describeDay,
  dueDate,
  isWorkingDay,
  workingDaysBetween,
} from './index.ts';

/** Consecutive dates first..last, built with Date in UTC (independent of the module's own arithmetic). */
function datesFrom(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('calendar data', () => {
  it.each([
    [2024, cal2024],
    [2025, cal2025],
    [2026, cal2026],
  ])('%i validates and is bundled', (year, file) => {
    const r = WorkdayCalendarSchema.safeParse(file);
    expect(r.success ? 'ok' : r.error.issues).toBe('ok');
    expect(file.year).toBe(year);
    expect(calendarCovers(year)).toBe(true);
    expect(calendarSource(year)).toMatch(new RegExp(`^国务院办公厅关于${year}年部分节假日安排的通知 \\(国办发明电〔${year - 1}〕\\d+号\\)$`));
  });

  it('knows which years it covers', () => {
    expect(coveredYears()).toEqual([2024, 2025, 2026]);
    expect(calendarCovers(2023)).toBe(false);
    expect(calendarCovers(2027)).toBe(false);
  });

  it('holds the 2026 notice (国办发明电〔2025〕7号) day for day', () => {
    const off = cal2026.holidays.flatMap((g) => g.days);
    const expected = [
      ...datesFrom('2026-01-01', '2026-01-03'),
      ...datesFrom('2026-02-15', '2026-02-23'),
      ...datesFrom('2026-04-04', '2026-04-06'),
      ...datesFrom('2026-05-01', '2026-05-05'),
      ...datesFrom('2026-06-19', '2026-06-21'),
      ...datesFrom('2026-09-25', '2026-09-27'),
      ...datesFrom('2026-10-01', '2026-10-07'),
    ];
    expect(off).toEqual(expected);
    expect(cal2026.makeUpWorkdays.flatMap((g) => g.days)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('holds the 2025 notice (国办发明电〔2024〕12号) day for day', () => {
    expect(cal2025.holidays.flatMap((g) => g.days)).toEqual([
      '2025-01-01',
      ...datesFrom('2025-01-28', '2025-02-04'),
      ...datesFrom('2025-04-04', '2025-04-06'),
      ...datesFrom('2025-05-01', '2025-05-05'),
      ...datesFrom('2025-05-31', '2025-06-02'),
      ...datesFrom('2025-10-01', '2025-10-08'),
    ]);
    expect(cal2025.makeUpWorkdays.flatMap((g) => g.days)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  const base = () => structuredClone(cal2026) as { year: number; source: string; holidays: { name: string; days: string[] }[]; makeUpWorkdays: { name: string; days: string[] }[] };
  const messages = (input: unknown) => {
    const r = WorkdayCalendarSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('rejects a day listed both as holiday and make-up workday', () => {
    const c = base();
    c.makeUpWorkdays[0]!.days.push('2026-02-15'); // a Sunday inside 春节
    expect(messages(c).join('\n')).toMatch(/2026-02-15 is listed twice/);
  });

  it('rejects a day listed twice as holiday', () => {
    const c = base();
    c.holidays[1]!.days.push('2026-01-01');
    expect(messages(c).join('\n')).toMatch(/2026-01-01 is listed twice/);
  });

  it('rejects a date outside the calendar year', () => {
    const c = base();
    c.holidays[0]!.days.unshift('2025-12-31');
    c.makeUpWorkdays[0]!.days.push('2027-01-02');
    const m = messages(c).join('\n');
    expect(m).toMatch(/2025-12-31 is outside the calendar year 2026/);
    expect(m).toMatch(/2027-01-02 is outside the calendar year 2026/);
  });

  it('rejects a make-up workday that is not a weekend', () => {
    const c = base();
    c.makeUpWorkdays[0]!.days = ['2026-01-05']; // a Monday
    expect(messages(c).join('\n')).toMatch(/make-up workday 2026-01-05 is not a Saturday or Sunday/);
  });

  it('rejects impossible dates, a wrong source and unknown keys', () => {
    const c = base();
    c.holidays[0]!.days.push('2026-02-30');
    expect(messages(c).join('\n')).toMatch(/real calendar date/);
    expect(messages({ ...base(), source: '放假通知' }).length).toBeGreaterThan(0);
    expect(messages({ ...base(), source: '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)' }).join('\n')).toMatch(
      /notice for 2025, not 2026/,
    );
    expect(messages({ ...base(), extra: 1 }).length).toBeGreaterThan(0);
  });
});

describe('isWorkingDay / describeDay', () => {
  it('treats ordinary weekends as days off and weekdays as working days', () => {
    expect(isWorkingDay('2026-03-07')).toBe(false); // Sat
    expect(isWorkingDay('2026-03-08')).toBe(false); // Sun
    expect(isWorkingDay('2026-03-09')).toBe(true); // Mon
    expect(isWorkingDay('2026-03-13')).toBe(true); // Fri
    expect(describeDay('2026-03-07')).toEqual({ date: '2026-03-07', working: false, kind: 'weekend', calendarKnown: true });
  });

  it('treats statutory holidays on weekdays as days off', () => {
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-07']) {
      expect([d, isWorkingDay(d)]).toEqual([d, false]);
    }
    for (const d of ['2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-05', '2025-06-02', '2025-10-08']) {
      expect([d, isWorkingDay(d)]).toEqual([d, false]);
    }
    expect(describeDay('2026-02-17')).toEqual({ date: '2026-02-17', working: false, kind: 'holiday', name: '春节', calendarKnown: true });
  });

  it('treats make-up Saturdays and Sundays (调休上班) as working days', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect([d, isWorkingDay(d)]).toEqual([d, true]);
    }
    for (const d of ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']) {
      expect([d, isWorkingDay(d)]).toEqual([d, true]);
    }
    expect(describeDay('2026-10-10')).toEqual({ date: '2026-10-10', working: true, kind: 'make-up-workday', name: '国庆节调休', calendarKnown: true });
  });

  it('keeps the days just around a holiday as they are', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Fri before 春节
    expect(isWorkingDay('2026-02-24')).toBe(true); // Tue after
    expect(isWorkingDay('2026-10-08')).toBe(true); // Thu after 国庆
    expect(isWorkingDay('2026-10-11')).toBe(false); // Sun after the make-up Saturday
    expect(isWorkingDay('2024-02-09')).toBe(true); // 2024 除夕: only "encouraged" off, officially a working day
  });

  it('falls back to Monday–Friday for a year without data, and says so', () => {
    expect(isWorkingDay('2027-01-01')).toBe(true); // a Friday; the 2027 notice is not bundled
    expect(isWorkingDay('2027-01-02')).toBe(false);
    expect(describeDay('2027-01-01')).toEqual({ date: '2027-01-01', working: true, kind: 'workday', calendarKnown: false });
    expect(describeDay('2023-10-02').calendarKnown).toBe(false);
  });

  it('agrees with a plain day-by-day walk over 2024–2027', () => {
    const days = datesFrom('2024-01-01', '2027-12-31');
    let off = 0;
    for (const d of days) {
      const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
      const info = describeDay(d);
      if (info.kind === 'weekend' || info.kind === 'make-up-workday') expect([d, weekend]).toEqual([d, true]);
      if (info.kind === 'workday') expect([d, weekend]).toEqual([d, false]);
      if (!info.working) off++;
    }
    expect(off).toBeGreaterThan(4 * 104);
  });
});

describe('dueDate / addWorkingDays', () => {
  it('does not count the start day, and n = 0 is the start day', () => {
    expect(addWorkingDays('2026-03-09', 1)).toBe('2026-03-10');
    expect(addWorkingDays('2026-03-13', 1)).toBe('2026-03-16'); // Fri -> Mon
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
  });

  it('lands on make-up workdays', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Sat 2/14 is 调休上班
    expect(addWorkingDays('2026-09-18', 1)).toBe('2026-09-20'); // Sun 9/20 is 调休上班
    expect(addWorkingDays('2026-01-03', 1)).toBe('2026-01-04'); // Sun 1/4 after 元旦
  });

  it('skips whole holidays', () => {
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-11'); // 5/6,7,8, Sat 5/9, Mon 5/11
    expect(addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
  });

  it('15 working days across the 2026 Spring Festival', () => {
    // 2/11 2/12 2/13 2/14(Sat, 调休) | 2/15–2/23 off | 2/24 2/25 2/26 2/27 2/28(Sat, 调休) | 3/2–3/6 | 3/9
    expect(dueDate('2026-02-10', 15)).toEqual({ date: '2026-03-09', calendarKnown: true });
    expect(addWorkingDays('2026-02-13', 15)).toBe('2026-03-12');
    // plain Mon–Fri counting would give 2026-03-03
  });

  it('15 working days across the 2026 Mid-Autumn Festival and National Day', () => {
    // 9/25–9/27 off | 9/28 9/29 9/30 | 10/1–10/7 off | 10/8 10/9 10/10(Sat, 调休) 10/12–10/16 10/19–10/22
    expect(dueDate('2026-09-24', 15)).toEqual({ date: '2026-10-22', calendarKnown: true });
    // starting before the make-up Sunday 9/20 counts it
    expect(addWorkingDays('2026-09-18', 15)).toBe('2026-10-15');
  });

  it('crosses year boundaries', () => {
    expect(dueDate('2025-12-24', 15)).toEqual({ date: '2026-01-15', calendarKnown: true }); // skips 元旦 1/1–1/3, counts Sun 1/4
    expect(dueDate('2024-12-25', 10)).toEqual({ date: '2025-01-09', calendarKnown: true });
    expect(dueDate('2025-01-20', 15)).toEqual({ date: '2025-02-14', calendarKnown: true }); // 2025 春节 with Sun 1/26 and Sat 2/8
    expect(dueDate('2025-12-31', 1)).toEqual({ date: '2026-01-04', calendarKnown: true });
  });

  it('falls back to Monday–Friday beyond the data and flags it', () => {
    expect(dueDate('2026-12-24', 15)).toEqual({ date: '2027-01-14', calendarKnown: false });
    expect(dueDate('2026-12-31', 1)).toEqual({ date: '2027-01-01', calendarKnown: false });
    expect(dueDate('2030-01-01', 5)).toEqual({ date: '2030-01-08', calendarKnown: false });
    expect(dueDate('2023-12-29', 1)).toEqual({ date: '2024-01-02', calendarKnown: false }); // counted 2023 weekend days
    expect(dueDate('2026-12-30', 0)).toEqual({ date: '2026-12-30', calendarKnown: true });
    expect(dueDate('2027-03-01', 0)).toEqual({ date: '2027-03-01', calendarKnown: false });
    expect(dueDate('2026-12-17', 10)).toEqual({ date: '2026-12-31', calendarKnown: true });
  });

  it('rejects a bad number of days', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKING_DAYS + 1]) {
      expect(() => addWorkingDays('2026-03-09', n)).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2026-03-09', -1)).toThrow(/invalid number of working days -1/);
    expect(addWorkingDays('2026-03-09', MAX_WORKING_DAYS) > '2060-01-01').toBe(true);
  });
});

describe('workingDaysBetween / countWorkingDays', () => {
  it('counts days after a up to and including b', () => {
    expect(workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(workingDaysBetween('2026-03-09', '2026-03-10')).toBe(1);
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(workingDaysBetween('2026-02-10', '2026-03-09')).toBe(15);
    expect(workingDaysBetween('2026-09-24', '2026-10-22')).toBe(15);
    expect(workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(workingDaysBetween('2026-01-01', '2026-12-31')).toBe(248); // 1/1 is a holiday anyway
  });

  it('is negative when b is before a', () => {
    expect(workingDaysBetween('2026-03-09', '2026-02-10')).toBe(-15);
    expect(workingDaysBetween('2026-03-10', '2026-03-09')).toBe(-1);
  });

  it('flags spans reaching years without data', () => {
    expect(countWorkingDays('2026-12-24', '2027-01-14')).toEqual({ days: 15, calendarKnown: false });
    expect(countWorkingDays('2025-12-24', '2026-01-15')).toEqual({ days: 15, calendarKnown: true });
    expect(countWorkingDays('2027-01-14', '2026-12-24')).toEqual({ days: -15, calendarKnown: false });
    expect(countWorkingDays('2030-01-01', '2030-12-31').days).toBe(260);
  });

  it('inverts addWorkingDays and matches a day-by-day count', () => {
    const starts = datesFrom('2023-12-20', '2027-01-10').filter((_, i) => i % 5 === 0);
    for (const from of starts) {
      for (const n of [0, 1, 2, 5, 15, 30]) {
        const due = addWorkingDays(from, n);
        expect([from, n, workingDaysBetween(from, due)]).toEqual([from, n, n]);
        expect(isWorkingDay(due) || n === 0).toBe(true);
      }
    }
    for (const [a, b] of [
      ['2023-11-01', '2027-02-01'],
      ['2024-02-01', '2024-03-01'],
      ['2025-09-01', '2025-10-31'],
    ] as const) {
      const walked = datesFrom(a, b).slice(1).filter(isWorkingDay).length;
      expect([a, b, workingDaysBetween(a, b)]).toEqual([a, b, walked]);
    }
  });

  it('has the right number of working days per covered year', () => {
    // 365/366 days minus weekends minus weekday holidays plus make-up days
    expect(workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('chinaDate', () => {
  it('is the Asia/Shanghai calendar date (UTC+8)', () => {
    expect(chinaDate(new Date('2026-02-14T23:30:00Z'))).toBe('2026-02-15');
    expect(chinaDate(new Date('2026-02-14T15:59:59.999Z'))).toBe('2026-02-14');
    expect(chinaDate(new Date('2026-02-14T16:00:00Z'))).toBe('2026-02-15');
    expect(chinaDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(chinaDate(new Date('2026-06-30T23:30:00+08:00'))).toBe('2026-06-30');
    expect(chinaDate(new Date('2024-02-28T23:30:00Z'))).toBe('2024-02-29');
    expect(chinaDate(new Date(0))).toBe('1970-01-01');
    expect(chinaDate(new Date('1969-12-31T15:59:59Z'))).toBe('1969-12-31');
  });

  it('feeds due dates: a submission at 23:30 UTC on Friday 13 Feb is made on Saturday 14 Feb in China', () => {
    const submitted = chinaDate(new Date('2026-02-13T23:30:00Z'));
    expect(submitted).toBe('2026-02-14');
    expect(addWorkingDays(submitted, 1)).toBe('2026-02-24');
  });

  it('rejects an invalid Date', () => {
    expect(() => chinaDate(new Date('nope'))).toThrow(InvalidDateError);
    expect(() => chinaDate('2026-01-01' as unknown as Date)).toThrow(InvalidDateError);
  });
});

describe('bad input', () => {
  const bad = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-2-3', '2026/02/03', '20260203', '', 'tomorrow', ' 2026-02-03', '2026-02-03T00:00:00Z'];

  it.each(bad)('isWorkingDay(%j) throws a clear error', (input) => {
    expect(() => isWorkingDay(input)).toThrow(InvalidDateError);
    expect(() => isWorkingDay(input)).toThrow(`invalid date ${JSON.stringify(input)}`);
  });

  it('says what is wrong', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow('invalid date "2026-02-30": day 30 does not exist in 2026-02');
    expect(() => isWorkingDay('2026-13-01')).toThrow('invalid date "2026-13-01": month 13 does not exist');
    expect(() => isWorkingDay('2026/02/03')).toThrow('invalid date "2026/02/03": expected a real calendar date written as YYYY-MM-DD');
    expect(() => isWorkingDay(undefined as unknown as string)).toThrow(/expected a string YYYY-MM-DD, got undefined/);
  });

  it('every entry point validates its dates', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(InvalidDateError);
    expect(() => dueDate('x', 1)).toThrow(InvalidDateError);
    expect(() => workingDaysBetween('2026-01-01', '2026-02-30')).toThrow(InvalidDateError);
    expect(() => describeDay('2026-1-1')).toThrow(InvalidDateError);
    expect(isWorkingDay('2024-02-29')).toBe(true); // leap day is fine
  });
});
