/**
 * Folds text for matching without changing its length, so that every offset into the folded text is an offset
 * into the original (evidence offsets are UTF-16 code units of the original field).
 */
const FULLWIDTH_START = 0xff01;
const FULLWIDTH_END = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

/** Pairs folded one to one: brackets, quotes and spaces people type in either form. */
const CHAR_MAP: Record<string, string> = {
  '\u3000': ' ',
  '\u00a0': ' ',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '〔': '[',
  '〕': ']',
  '【': '[',
  '】': ']',
  '［': '[',
  '］': ']',
};

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code >= FULLWIDTH_START && code <= FULLWIDTH_END) {
      out += String.fromCharCode(code - FULLWIDTH_OFFSET).toLowerCase();
    } else if (code < 0x80) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
    } else {
      out += CHAR_MAP[ch] ?? ch;
    }
  }
  return out;
}
