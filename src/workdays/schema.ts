/**
 * zod schema for one year of the official working-day calendar (src/workdays/calendar/YYYY.json),
 * transcribed from the State Council notice 国务院办公厅关于YYYY年部分节假日安排的通知.
 */
import { z } from 'zod';
import { isIsoDate, isWeekendDayNumber, parseDate, yearOfDayNumber } from './date.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a real calendar date written as YYYY-MM-DD' });

const dayGroup = z
  .object({
    name: z.string().trim().min(1),
    days: z.array(isoDate).min(1),
  })
  .strict();

const SOURCE = /^国务院办公厅关于(\d{4})年部分节假日安排的通知 \(国办发明电〔\d{4}〕\d+号\)$/;

export const WorkdayCalendarSchema = z
  .object({
    year: z.number().int().min(1949).max(9999),
    source: z.string().regex(SOURCE, {
      message: 'expected "国务院办公厅关于YYYY年部分节假日安排的通知 (国办发明电〔YYYY〕N号)"',
    }),
    /** Days off, as ranged in the notice (may include the weekend days inside a range). */
    holidays: z.array(dayGroup).min(1),
    /** 调休上班: Saturdays and Sundays that are working days. */
    makeUpWorkdays: z.array(dayGroup),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const sourceYear = SOURCE.exec(cal.source)?.[1];
    if (sourceYear !== undefined && Number(sourceYear) !== cal.year) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: `source is the notice for ${sourceYear}, not ${cal.year}` });
    }
    const seen = new Map<string, string>(); // day -> where it was first listed
    const check = (list: 'holidays' | 'makeUpWorkdays') => {
      cal[list].forEach((group, g) => {
        group.days.forEach((day, d) => {
          if (!isIsoDate(day)) return; // already reported by the field schema
          const path = [list, g, 'days', d];
          const n = parseDate(day);
          if (yearOfDayNumber(n) !== cal.year) {
            ctx.addIssue({ code: 'custom', path, message: `${day} is outside the calendar year ${cal.year}` });
          }
          if (list === 'makeUpWorkdays' && !isWeekendDayNumber(n)) {
            ctx.addIssue({ code: 'custom', path, message: `make-up workday ${day} is not a Saturday or Sunday` });
          }
          const where = `${list === 'holidays' ? 'holiday' : 'make-up workday'} "${group.name}"`;
          const first = seen.get(day);
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path, message: `${day} is listed twice: as ${first} and as ${where}` });
          } else {
            seen.set(day, where);
          }
        });
      });
    };
    check('holidays');
    check('makeUpWorkdays');
  });

export type WorkdayCalendar = z.infer<typeof WorkdayCalendarSchema>;
