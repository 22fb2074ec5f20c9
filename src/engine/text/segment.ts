/**
 * Splits a text into sentences and clauses, by offsets. Sentences end at 。；！？ and line breaks (a chat message
 * or a task table puts one demand per line); clauses end at commas and colons, which in Chinese notices separate
 * the subject's successive predicates and bound the scope of a negation.
 */
export interface Span {
  start: number;
  end: number;
}

export interface Clause extends Span {
  sentence: number;
}

const SENTENCE = 1;
const CLAUSE = 2;
/** Boundary kind of every UTF-16 code unit (0: none), looked up once per character. */
const BOUNDARY = new Uint8Array(65536);
for (const c of ['。', '；', ';', '！', '!', '？', '?', '\n', '\r']) BOUNDARY[c.charCodeAt(0)] = SENTENCE;
for (const c of ['，', ',', '：', ':']) BOUNDARY[c.charCodeAt(0)] = CLAUSE;

export function segment(text: string): { sentences: Span[]; clauses: Clause[] } {
  const sentences: Span[] = [];
  const clauses: Clause[] = [];
  let sentenceStart = 0;
  let clauseStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? BOUNDARY[text.charCodeAt(i)]! : SENTENCE;
    if (kind === 0) continue;
    // Clauses closed before their sentence is pushed carry the index the sentence will get.
    if (i > clauseStart) clauses.push({ start: clauseStart, end: i, sentence: sentences.length });
    clauseStart = i + 1;
    if (kind === SENTENCE) {
      if (i > sentenceStart) sentences.push({ start: sentenceStart, end: i });
      sentenceStart = i + 1;
    }
  }
  return { sentences, clauses };
}
