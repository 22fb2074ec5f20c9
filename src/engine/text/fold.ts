/**
 * Folds text for matching without changing its length, so that every offset into the folded text is an offset
 * into the original (evidence offsets are UTF-16 code units of the original field).
 */
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
};

/** Everything foldText changes; most Chinese text has few of these, so it is replaced piecemeal. */
const FOLDABLE = /[A-Z\uff01-\uff5e\u3000\u00a0“”‘’「」『』〔〕【】]/g;

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - FULLWIDTH_OFFSET).toLowerCase();
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
  return CHAR_MAP[ch] ?? ch;
}

export function foldText(text: string): string {
  return text.replace(FOLDABLE, fold);
}
