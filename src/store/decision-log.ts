/**
 * The decision log read from D1, page by page in a stable order (keyset on at, request, version, kind, review), so
 * the export streams any number of decisions without holding them all, and the replay endpoint reads them all.
 */
import {
  chinaRange,
  DECISION_LOG_ORDER,
  DECISION_LOG_ROWS,
  entryFromRow,
  maskEntry,
  toNdjsonLine,
  type DecisionLogEntry,
  type DecisionLogRow,
} from '../replay/log.ts';

export interface LogRange {
  /** China calendar dates, inclusive. */
  from?: string;
  to?: string;
}

type Cursor = Pick<DecisionLogRow, 'at' | 'request_id' | 'version' | 'kind' | 'review_id'>;

export const LOG_PAGE_SIZE = 200;

export async function decisionLogPage(db: D1Database, range: LogRange, after: Cursor | null, limit = LOG_PAGE_SIZE): Promise<{ entries: DecisionLogEntry[]; next: Cursor | null }> {
  const { start, end } = chinaRange(range.from, range.to);
  const where: string[] = [];
  const args: unknown[] = [];
  if (start) {
    where.push('at >= ?');
    args.push(start);
  }
  if (end) {
    where.push('at < ?');
    args.push(end);
  }
  if (after) {
    where.push(`(${DECISION_LOG_ORDER}) > (?, ?, ?, ?, ?)`);
    args.push(after.at, after.request_id, after.version, after.kind, after.review_id);
  }
  const sql = `SELECT * FROM (${DECISION_LOG_ROWS}) ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${DECISION_LOG_ORDER} LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...args, limit).all<DecisionLogRow>();
  const last = results[results.length - 1];
  return {
    entries: results.map(entryFromRow),
    next: results.length === limit && last ? { at: last.at, request_id: last.request_id, version: last.version, kind: last.kind, review_id: last.review_id } : null,
  };
}

/** Every entry in the range, oldest first. */
export async function readDecisionLog(db: D1Database, range: LogRange): Promise<DecisionLogEntry[]> {
  const all: DecisionLogEntry[] = [];
  let after: Cursor | null = null;
  do {
    const page: Awaited<ReturnType<typeof decisionLogPage>> = await decisionLogPage(db, range, after);
    all.push(...page.entries);
    after = page.next;
  } while (after);
  return all;
}

/** The log as NDJSON, personal data masked, one page read per pull. */
export function decisionLogStream(db: D1Database, range: LogRange): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Cursor | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      let page: Awaited<ReturnType<typeof decisionLogPage>>;
      try {
        page = await decisionLogPage(db, range, after);
      } catch (error) {
        // The status line has gone out: all a reader can be told is that the stream broke off.
        console.error('decision log export failed', error);
        return controller.error(error);
      }
      if (page.entries.length > 0) controller.enqueue(encoder.encode(page.entries.map((e) => toNdjsonLine(maskEntry(e))).join('')));
      after = page.next;
      if (!after) {
        done = true;
        controller.close();
      }
    },
  });
}
