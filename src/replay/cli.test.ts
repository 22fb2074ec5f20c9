import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../engine/default-rule-set.ts';
import { bundledRuleFiles } from '../ruleset/bundle.ts';
import { RULE_FILES, type RuleSetFiles } from '../ruleset/types.ts';
import { loadCandidate, parseReplayArgs, rowsFromWranglerJson } from './cli.ts';
import { compileCandidate } from './replay.ts';
import { DECISION_LOG_ALL } from './log.ts';

/** A reader over a copy of rules/, keyed by the path inside the directory. */
function reader(files: RuleSetFiles, overrides: Record<string, string | null> = {}) {
  const byPath = new Map<string, string | null>();
  for (const key of Object.keys(RULE_FILES) as (keyof RuleSetFiles)[]) {
    byPath.set(RULE_FILES[key].file.replace(/^rules\//, ''), JSON.stringify(files[key]));
  }
  for (const [path, text] of Object.entries(overrides)) byPath.set(path, text);
  return (path: string) => byPath.get(path) ?? null;
}

describe('npm run replay arguments', () => {
  it('reads the options', () => {
    expect(parseReplayArgs(['--rules', '/tmp/r', '--log', 'x.ndjson', '--from', '2026-01-01', '--to', '2026-01-31', '--examples', '2', '--json'])).toEqual({
      kind: 'run',
      args: { rules: '/tmp/r', log: 'x.ndjson', persistTo: null, from: '2026-01-01', to: '2026-01-31', examples: 2, json: true },
    });
    expect(parseReplayArgs(['--rules', 'r'])).toEqual({
      kind: 'run',
      args: { rules: 'r', log: null, persistTo: null, from: null, to: null, examples: 5, json: false },
    });
    expect(parseReplayArgs(['--rules', 'r', '--persist-to', '.wrangler/state'])).toMatchObject({ args: { persistTo: '.wrangler/state' } });
    expect(parseReplayArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it('refuses what it cannot use, in Chinese with the English after', () => {
    const error = (argv: string[]) => {
      const parsed = parseReplayArgs(argv);
      expect(parsed.kind).toBe('usage-error');
      return (parsed as { message: string }).message;
    };
    expect(error([])).toContain('--rules');
    expect(error(['--rules', 'r', '--from', '2026-13-01'])).toContain('YYYY-MM-DD');
    expect(error(['--rules', 'r', '--from', '2026-02-01', '--to', '2026-01-01'])).toContain('from');
    expect(error(['--rules', 'r', '--examples', '-1'])).toContain('--examples');
    expect(error(['--rules', 'r', '--examples', '101'])).toContain('--examples');
    expect(error(['--rules', 'r', '--bogus'])).toContain('参数有误');
    expect(error(['--rules', 'r', 'extra'])).toContain('参数有误');
  });
});

describe('the candidate rule set from a directory', () => {
  it('reads every file RULE_FILES names and compiles them: a copy of rules/ is the current rule set', () => {
    const candidate = loadCandidate(reader(bundledRuleFiles));
    expect(candidate.ok).toBe(true);
    expect(candidate.ok && candidate.ruleSet.version).toBe(defaultRuleSet.version);
  });

  it('names missing files and files that are not JSON', () => {
    const candidate = loadCandidate(reader(bundledRuleFiles, { 'lexicon/veto.json': null, 'clauses.json': '{ nope' }));
    expect(candidate.ok).toBe(false);
    const problems = (candidate as { problems: string[] }).problems;
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/clauses\.json.*JSON/);
    expect(problems.join('\n')).toMatch(/找不到文件 lexicon\/veto\.json/);
  });

  it('reports what makes a candidate invalid, file by file (RuleSetError)', () => {
    const files = structuredClone(bundledRuleFiles) as RuleSetFiles;
    (files.veto as { phrases: unknown }).phrases = 'not a list';
    const candidate = compileCandidate(files);
    expect(candidate.ok).toBe(false);
    expect((candidate as { problems: string[] }).problems.join('\n')).toContain('rules/lexicon/veto.json: phrases');
  });
});

describe('wrangler d1 execute --json output', () => {
  it('yields the rows of the statement', () => {
    const stdout = JSON.stringify([{ results: [{ kind: 'submission', request_id: 'req_1' }], success: true, meta: { duration: 0 } }], null, 2);
    expect(rowsFromWranglerJson(stdout)).toEqual([{ kind: 'submission', request_id: 'req_1' }]);
    expect(rowsFromWranglerJson(`some banner\n${stdout}`)).toHaveLength(1);
  });

  it('fails clearly on anything else', () => {
    expect(() => rowsFromWranglerJson('no json here')).toThrow(/no JSON/);
    expect(() => rowsFromWranglerJson('[]')).toThrow(/unexpected/);
    expect(() => rowsFromWranglerJson(JSON.stringify([{ results: [], success: false, error: 'boom' }]))).toThrow(/boom/);
  });

  it('asks for every recorded decision in the log order', () => {
    expect(DECISION_LOG_ALL).toMatch(/ORDER BY at, request_id, version, kind, review_id$/);
    expect(DECISION_LOG_ALL).not.toContain('?');
  });
});
