import { describe, expect, it } from 'vitest';
import { foldText } from './fold.ts';

describe('foldText', () => {
  it('folds full-width forms and case without changing the length', () => {
    const text = 'ＡＰＰ下载率９０％，（社区）「一票否决」';
    const folded = foldText(text);
    expect(folded).toBe('app下载率90%,(社区)"一票否决"');
    expect(folded.length).toBe(text.length);
  });

  it('keeps astral characters and their offsets', () => {
    const text = '𠮷社区';
    expect(foldText(text)).toBe(text);
  });
});
