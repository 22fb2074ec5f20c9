/** The Worker entry builds itself with createWorker when its module loads: a broken rules file stops it there. */
import { describe, expect, it } from 'vitest';
import { bundledRuleFiles } from '../src/ruleset/bundle.ts';
import { createWorker } from '../src/worker.ts';
import worker from '../src/index.ts';

describe('worker start-up', () => {
  it('refuses to build with a broken rules file, naming it', () => {
    const broken = structuredClone(bundledRuleFiles);
    (broken.veto as { phrases: string[] }).phrases = [];
    expect(() => createWorker(broken)).toThrow(/rules\/lexicon\/veto\.json: phrases/);
  });

  it('builds with the rules shipped in rules/', () => {
    expect(typeof worker.fetch).toBe('function');
  });
});
