/**
 * Civil-date arithmetic on 'YYYY-MM-DD' strings, without Date objects or time zones.
 * A date is turned into a day number (days since 1970-01-01 in the proleptic Gregorian calendar) and back.
 */

/** Thrown for anything that is not a real calendar date written as 'YYYY-MM-DD'. */
export class InvalidDateError extends RangeError {
  override name = 'InvalidDateError';
  constructor(readonly input: unknown, why = 'expected a real calendar date written as YYYY-MM-DD') {
    super(`invalid date ${JSON.stringify(input) ?? String(input)}: ${why}`);
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumberFromParts (H. Hinnant's civil_from_days). */
export function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parses a strict 'YYYY-MM-DD' into a day number; throws InvalidDateError otherwise. */
export function parseDate(input: unknown): number {
  if (typeof input !== 'string') throw new InvalidDateError(input, `expected a string YYYY-MM-DD, got ${typeof input}`);
  const m = ISO_DATE.exec(input);
  if (!m) throw new InvalidDateError(input);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) throw new InvalidDateError(input, `month ${m[2]} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(input, `day ${m[3]} does not exist in ${m[1]}-${m[2]}`);
  }
  return dayNumberFromParts(year, month, day);
}

/** True when `input` is a real calendar date written as 'YYYY-MM-DD'. */
export function isIsoDate(input: unknown): input is string {
  try {
    parseDate(input);
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function yearOfDayNumber(dayNumber: number): number {
  return partsFromDayNumber(dayNumber).year;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekendDayNumber(dayNumber: number): boolean {
  const w = weekdayOfDayNumber(dayNumber);
  return w === 0 || w === 6;
}
