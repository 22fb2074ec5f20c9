/**
 * The official working-day calendar of mainland China (法定节假日 and 调休上班), for review due dates such as
 * "decision within 15 working days".
 *
 * - Dates are China calendar dates written 'YYYY-MM-DD' (Asia/Shanghai, UTC+8, no DST). Use chinaDate() to turn
 *   an instant into one. 'YYYY-MM-DD' strings sort chronologically, so `due < chinaDate(now)` means overdue.
 * - Years with a State Council notice in ./calendar/ use it: a listed holiday is a day off even on a weekday, a
 *   listed make-up workday (调休上班) is a working day even on a Saturday or Sunday.
 * - Any other year falls back to Monday–Friday. That is only a guess (it misses the holidays), so the detailed
 *   results (dueDate, countWorkingDays, describeDay) carry `calendarKnown: false` whenever a year without
 *   data was involved. Add calendar/YYYY.json when the notice for YYYY is published (each November) and register
 *   it in CALENDAR_FILES below.
 *
 * The calendar files are validated with WorkdayCalendarSchema when this module loads: a broken file stops the
 * Worker from starting rather than producing wrong due dates.
 */
import cal2024 from './calendar/2024.json';
import cal2025 from './calendar/2025.json';
import cal2026 from './calendar/2026.json';
import {
  InvalidDateError,
  formatDayNumber,
  isWeekendDayNumber,
  parseDate,
  yearOfDayNumber,
} from './date.ts';
import { WorkdayCalendarSchema, type WorkdayCalendar } from './schema.ts';

export { InvalidDateError, isIsoDate } from './date.ts';
export { WorkdayCalendarSchema, type WorkdayCalendar } from './schema.ts';

/** Every bundled calendar, keyed by the year its file name claims. */
const CALENDAR_FILES: Readonly<Record<number, unknown>> = { 2024: cal2024, 2025: cal2025, 2026: cal2026 };

/** More working days than any review period needs; keeps a single call's work bounded on a Worker. */
export const MAX_WORKING_DAYS = 10_000;

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

interface Loaded {
  sources: Map<number, string>;
  /** day number -> holiday name */
  holidays: Map<number, string>;
  /** day number -> make-up workday name */
  makeUp: Map<number, string>;
  /** Holidays falling on Monday–Friday, and make-up workdays: the only days that differ from Mon–Fri. */
  weekdayHolidays: number[];
  makeUpDays: number[];
}

function load(files: Readonly<Record<number, unknown>>): Loaded {
  const out: Loaded = { sources: new Map(), holidays: new Map(), makeUp: new Map(), weekdayHolidays: [], makeUpDays: [] };
  for (const [key, raw] of Object.entries(files)) {
    const parsed = WorkdayCalendarSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      throw new Error(`workdays: calendar/${key}.json is invalid: ${first}`);
    }
    const cal: WorkdayCalendar = parsed.data;
    if (String(cal.year) !== key) throw new Error(`workdays: calendar/${key}.json says year ${cal.year}`);
    out.sources.set(cal.year, cal.source);
    for (const g of cal.holidays) {
      for (const d of g.days) {
        const n = parseDate(d);
        out.holidays.set(n, g.name);
        if (!isWeekendDayNumber(n)) out.weekdayHolidays.push(n);
      }
    }
    for (const g of cal.makeUpWorkdays) {
      for (const d of g.days) {
        const n = parseDate(d);
        out.makeUp.set(n, g.name);
        out.makeUpDays.push(n);
      }
    }
  }
  return out;
}

const CAL = load(CALENDAR_FILES);

// ---------------------------------------------------------------------------------------------------------------
// Day-number level helpers

function isWorkingDayNumber(n: number): boolean {
  if (CAL.makeUp.has(n)) return true;
  if (CAL.holidays.has(n)) return false;
  return !isWeekendDayNumber(n);
}

/** True when every year touched by the days first..last (inclusive) has calendar data. */
function coversSpan(first: number, last: number): boolean {
  const from = yearOfDayNumber(first);
  const to = yearOfDayNumber(last);
  for (let y = from; y <= to; y++) if (!CAL.sources.has(y)) return false;
  return true;
}

/** Monday–Friday days in first..last (inclusive); 0 when last < first. */
function countWeekdays(first: number, last: number): number {
  const len = last - first + 1;
  if (len <= 0) return 0;
  const weeks = Math.floor(len / 7);
  let count = weeks * 5;
  for (let n = first + weeks * 7; n <= last; n++) if (!isWeekendDayNumber(n)) count++;
  return count;
}

/** Working days in first..last (inclusive), calendar applied. */
function countWorking(first: number, last: number): number {
  if (last < first) return 0;
  let count = countWeekdays(first, last);
  for (const n of CAL.weekdayHolidays) if (n >= first && n <= last) count--;
  for (const n of CAL.makeUpDays) if (n >= first && n <= last) count++;
  return count;
}

function checkCount(n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`invalid number of working days ${String(n)}: expected an integer from 0 to ${MAX_WORKING_DAYS}`);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

/** Whether the official calendar for `year` is bundled (otherwise that year falls back to Monday–Friday). */
export function calendarCovers(year: number): boolean {
  return CAL.sources.has(year);
}

/** Years with calendar data, ascending. */
export function coveredYears(): number[] {
  return [...CAL.sources.keys()].sort((a, b) => a - b);
}

/** The notice a year's calendar was transcribed from, e.g. "国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)". */
export function calendarSource(year: number): string | undefined {
  return CAL.sources.get(year);
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Holiday name (e.g. "春节") or make-up workday name (e.g. "春节调休"). */
  name?: string;
  /** false: no calendar for this year, Monday–Friday was assumed. */
  calendarKnown: boolean;
}

/** What kind of day `date` is. Throws InvalidDateError for anything but a real 'YYYY-MM-DD' date. */
export function describeDay(date: string): DayInfo {
  const n = parseDate(date);
  const calendarKnown = CAL.sources.has(yearOfDayNumber(n));
  const makeUp = CAL.makeUp.get(n);
  if (makeUp !== undefined) return { date, working: true, kind: 'make-up-workday', name: makeUp, calendarKnown };
  const holiday = CAL.holidays.get(n);
  if (holiday !== undefined) return { date, working: false, kind: 'holiday', name: holiday, calendarKnown };
  const weekend = isWeekendDayNumber(n);
  return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', calendarKnown };
}

/** Whether `date` ('YYYY-MM-DD', China calendar date) is a working day. Throws InvalidDateError on bad input. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(parseDate(date));
}

export interface DueDate {
  /** The n-th working day after `from`. */
  date: string;
  /** false: a year between `from` and `date` has no calendar data and Monday–Friday was assumed for it. */
  calendarKnown: boolean;
}

/**
 * The n-th working day after `from`, not counting `from` itself (n = 0 gives `from` back), with whether the
 * official calendar covered every day counted. "Decision within 15 working days" of a submission made on `from`
 * is due by the end of dueDate(from, 15).date (China time).
 */
export function dueDate(from: string, n: number): DueDate {
  const start = parseDate(from);
  let left = checkCount(n);
  let day = start;
  while (left > 0) {
    day++;
    if (isWorkingDayNumber(day)) left--;
  }
  if (yearOfDayNumber(day) > 9999) throw new RangeError(`${n} working days after ${from} is past the year 9999`);
  const calendarKnown = day === start ? CAL.sources.has(yearOfDayNumber(start)) : coversSpan(start + 1, day);
  return { date: formatDayNumber(day), calendarKnown };
}

/** The n-th working day after `from` (see dueDate, which also says whether the calendar was known). */
export function addWorkingDays(from: string, n: number): string {
  return dueDate(from, n).date;
}

export interface WorkingDayCount {
  days: number;
  /** false: a year in the counted span has no calendar data and Monday–Friday was assumed for it. */
  calendarKnown: boolean;
}

/**
 * Working days after `a` up to and including `b` (the counting of addWorkingDays, so
 * workingDaysBetween(a, addWorkingDays(a, n)) === n). Negative when b is before a; 0 when a === b.
 */
export function countWorkingDays(a: string, b: string): WorkingDayCount {
  const na = parseDate(a);
  const nb = parseDate(b);
  if (na === nb) return { days: 0, calendarKnown: CAL.sources.has(yearOfDayNumber(na)) };
  const [lo, hi, sign] = na < nb ? [na, nb, 1] : [nb, na, -1];
  const days = sign * countWorking(lo + 1, hi);
  return { days: days === 0 ? 0 : days, calendarKnown: coversSpan(lo + 1, hi) };
}

/** Working days after `a` up to and including `b`; negative when b is before a (see countWorkingDays). */
export function workingDaysBetween(a: string, b: string): number {
  return countWorkingDays(a, b).days;
}

/** The China calendar date (Asia/Shanghai, UTC+8, no DST) of an instant, as 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidDateError(String(instant), 'expected a valid Date instant');
  const day = Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY);
  const year = yearOfDayNumber(day);
  if (year < 0 || year > 9999) throw new InvalidDateError(instant, `year ${year} cannot be written as YYYY-MM-DD`);
  return formatDayNumber(day);
}

/** The instant a China calendar date begins (00:00 UTC+8), as an ISO timestamp: to compare with stored times. */
export function chinaDayStart(date: string): string {
  parseDate(date);
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The calendar date n days after a date (n may be negative). */
export function addDays(date: string, n: number): string {
  return formatDayNumber(parseDate(date) + n);
}
