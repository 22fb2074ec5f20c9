/**
 * Terminal display width. A terminal gives CJK characters two columns, so String.length cannot lay out a table of
 * Chinese text; this is the small part of wcwidth the report needs (East Asian Wide/Fullwidth = 2, combining
 * marks = 0, ANSI colour codes = 0, everything else, East Asian Ambiguous included, = 1 as most terminals do).
 */

const ANSI = /\u001b\[[0-9;]*m/g;

/** [from, to] code point ranges that take two columns (Unicode East Asian Width W and F, abridged). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  for (const [from, to] of ranges) {
    if (cp < from) return false;
    if (cp <= to) return true;
  }
  return false;
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (inRanges(cp, ZERO)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += charWidth(ch);
  return width;
}

/** One line for a table cell: whitespace runs (newlines from CSV cells included) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts plain text (no ANSI codes) to at most `width` columns, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Punctuation a Chinese line should not start with; the wrapper carries one more character down instead. */
const NO_LINE_START = new Set([...'，。、；：！？）」』》〉】”’,.;:!?)]}…']);

/** A latin word or number stays whole; every CJK character and space is a token of its own. */
function tokens(text: string): string[] {
  return text.match(/[!-~]+|\s|./gsu) ?? [];
}

/**
 * Wraps plain text (no ANSI codes) into lines of at most `width` columns. Chinese may break between any two
 * characters; latin words are kept whole unless longer than a line.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    const flush = () => {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    };
    for (const token of tokens(paragraph.replace(/\s+/g, ' '))) {
      const w = displayWidth(token);
      if (used + w <= width) {
        line += token;
        used += w;
        continue;
      }
      if (token === ' ') {
        flush();
        continue;
      }
      if (w > width) {
        // A word longer than the line: cut it by columns.
        for (const ch of token) {
          if (used + charWidth(ch) > width) flush();
          line += ch;
          used += charWidth(ch);
        }
        continue;
      }
      let carried = '';
      if (NO_LINE_START.has(token) && line.length > 1) {
        const chars = [...line];
        carried = chars.pop() ?? '';
        line = chars.join('');
      }
      flush();
      line = carried + token;
      used = displayWidth(line);
    }
    if (line !== '' || lines.length === 0) flush();
  }
  return lines;
}
