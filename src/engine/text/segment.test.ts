import { describe, expect, it } from 'vitest';
import { segment } from './segment.ts';

describe('segment', () => {
  it('splits sentences on 。；！？ and line breaks, clauses on commas and colons', () => {
    const text = '各社区：请协助宣传，提供材料。不得推诿；收到请回复\n谢谢';
    const { sentences, clauses } = segment(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['各社区：请协助宣传，提供材料', '不得推诿', '收到请回复', '谢谢']);
    expect(clauses.map((c) => [text.slice(c.start, c.end), c.sentence])).toEqual([
      ['各社区', 0],
      ['请协助宣传', 0],
      ['提供材料', 0],
      ['不得推诿', 1],
      ['收到请回复', 2],
      ['谢谢', 3],
    ]);
  });

  it('skips empty pieces', () => {
    expect(segment('。。，\n').clauses).toEqual([]);
  });
});
