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

const SENTENCE_END = new Set(['。', '；', ';', '！', '!', '？', '?', '\n', '\r']);
const CLAUSE_END = new Set(['，', ',', '：', ':']);

export function segment(text: string): { sentences: Span[]; clauses: Clause[] } {
  const sentences: Span[] = [];
  const clauses: Clause[] = [];
  let sentenceStart = 0;
  let clauseStart = 0;
  const closeClause = (end: number) => {
    if (end > clauseStart) clauses.push({ start: clauseStart, end, sentence: sentences.length });
    clauseStart = end + 1;
  };
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text[i]! : '\n';
    if (SENTENCE_END.has(ch)) {
      closeClause(i);
      if (i > sentenceStart) sentences.push({ start: sentenceStart, end: i });
      sentenceStart = i + 1;
    } else if (CLAUSE_END.has(ch)) {
      closeClause(i);
    }
  }
  // Clauses closed before their sentence was pushed carry the index the sentence got.
  return { sentences, clauses };
}
