import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './matcher.ts';

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher([
    { phrase: '社区', payload: 'community' },
    { phrase: '社区民警', payload: 'police' },
    { phrase: '区民', payload: 'overlap' },
    { phrase: '一票否决', payload: 'veto' },
  ]);

  it('finds every phrase, overlapping ones included, ordered by start then longest first', () => {
    const hits = matcher.findAll('请社区民警到社区');
    expect(hits.map((h) => [h.start, h.end, h.tag])).toEqual([
      [1, 5, 'police'],
      [1, 3, 'community'],
      [2, 4, 'overlap'],
      [6, 8, 'community'],
    ]);
  });

  it('counts offsets in UTF-16 code units, astral characters included', () => {
    const text = '𠮷一票否决';
    const [hit] = matcher.findAll(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('一票否决');
    expect(hit!.start).toBe(2);
  });

  it('finds nothing in text without phrases', () => {
    expect(matcher.findAll('')).toEqual([]);
    expect(matcher.findAll('no phrases here')).toEqual([]);
  });
});
