/**
 * The rule checks on the shipped rules (no errors), and each kind of error found on a deliberately broken copy.
 * Runs in workerd, as the rest of the suite: files come through the bundler, never from a file system.
 */
import { describe, expect, it } from 'vitest';
import seed from '../../../seeds/000_6203db52c4c6d6cc.txt?raw';
import { bundledRuleFiles } from '../bundle.ts';
import type { RuleSetFiles } from '../types.ts';
import { checkRuleSet, type CheckInput, type FindingKind, type RuleSetCheck } from './check.ts';
import { checkQuote, DOMAIN_REFERENCE } from './quotes.ts';
import { checkSatisfiable, factDomains } from './satisfiable.ts';
import type { CaseFile } from './coverage.ts';
import type { DecisionRule } from '../schema.ts';

const caseModules = import.meta.glob('../../../rules/cases/*.json', { eager: true, import: 'default' });
const cases: CaseFile[] = Object.entries(caseModules).map(([path, content]) => ({ file: path.replace(/^.*\//, ''), content }));

// The project's domain reference, when the checkout has it beside (../shared/spec): list clauses quote it.
const domainModules = import.meta.glob('../../../../shared/spec/domain.md', { eager: true, query: '?raw', import: 'default' });
// Policy texts a maintainer may keep beside the rules (rules/sources/<name as clauses cite it>.txt).
const sourceModules = import.meta.glob('../../../rules/sources/*.{txt,md}', { eager: true, query: '?raw', import: 'default' });
const sourceTexts: Record<string, string> = {
  ...Object.fromEntries(Object.entries(sourceModules).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.(txt|md)$/, ''), text as string])),
  ...Object.fromEntries(Object.values(domainModules).map((text) => [DOMAIN_REFERENCE, text as string])),
};

const input: CheckInput = { seedText: seed, sourceTexts, cases };
const copy = (): RuleSetFiles => structuredClone(bundledRuleFiles);
const all = (check: RuleSetCheck, kind: FindingKind, level: 'error' | 'warning' = 'error') =>
  check.findings.filter((f) => f.kind === kind && f.level === level).map((f) => f.message);

/** The shipped rules, checked once: the broken copies below are compared with it. */
const shipped = checkRuleSet(bundledRuleFiles, input);

/** Findings of a broken copy that the shipped rules do not have: what breaking one thing added. */
const of = (check: RuleSetCheck, kind: FindingKind, level: 'error' | 'warning' = 'error') => {
  const before = new Set(all(shipped, kind, level));
  return all(check, kind, level).filter((m) => !before.has(m));
};

describe('rule checks on the shipped rules', () => {
  it('finds no error', () => {
    expect(shipped.errors).toEqual([]);
  });

  it('checks every clause quote against the seed document or domain.md', () => {
    const byId = new Map(shipped.details!.clauses.map((c) => [c.clause, c]));
    for (const id of ['9a', '9b', '9c', '9d', '9e', '9f', '9g']) expect(byId.get(id)?.foundIn, id).toBe('seed document');
    if (DOMAIN_REFERENCE in sourceTexts) expect(byId.get('list-negative')?.foundIn).toBe(DOMAIN_REFERENCE);
  });

  it('reports coverage of every reason code, area and list', () => {
    const cov = shipped.coverage!;
    expect(cov.cases).toBeGreaterThanOrEqual(120);
    expect(Object.values(cov.reasonCodes).every((t) => t.cases > 0)).toBe(true);
    expect(Object.values(cov.areas).every((t) => t.cases > 0)).toBe(true);
    for (const list of Object.values(cov.lists)) expect(list.exercised + list.missing.length).toBe(list.total);
    // Uncovered list entries are warnings, one per list, with counts.
    for (const w of all(shipped, 'coverage', 'warning').filter((m) => /entries exercised by no golden case/.test(m))) {
      expect(w).toMatch(/^[a-z-]+: \d+ of \d+ entries exercised by no golden case \(\d+ exercised\): /);
    }
  });
});

describe('rule checks on a broken copy', () => {
  it('reports an invalid rules file with the loader\'s message', () => {
    const files = copy();
    (files.decisionRules.rules[0]!.event as { type: string }).type = 'no-such-code';
    const check = checkRuleSet(files, input);
    expect(of(check, 'invalid').join('\n')).toContain('rules/decision-rules.json: rules.0.event.type');
    expect(check.coverage).toBeNull();
  });

  it('reports a missing file and a cross-file problem', () => {
    const files: Partial<RuleSetFiles> = copy();
    delete files.veto;
    expect(of(checkRuleSet(files, input), 'invalid').join('\n')).toContain('rules/lexicon/veto.json');
    const other = copy();
    other.decisionRules.rules[0]!.event.params.clause = '9z';
    expect(of(checkRuleSet(other, input), 'invalid').join('\n')).toContain('clause "9z" is not in rules/clauses.json');
  });

  it('reports an item-9 quote not found verbatim in the seed document', () => {
    const files = copy();
    files.clauses.clauses.find((c) => c.id === '9c')!.quote = '取消对社区工作的"一票否决"事项';
    const errors = of(checkRuleSet(files, input), 'quote');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('9c: quote not found verbatim in seed document');
  });

  it('takes a quote with full-width commas as not verbatim, and says so', () => {
    const files = copy();
    const clause = files.clauses.clauses.find((c) => c.id === '9e')!;
    clause.quote = clause.quote.replace(',', '，');
    expect(of(checkRuleSet(files, input), 'quote')[0]).toContain('only with different punctuation or width');
  });

  it('checks list quotes against domain.md or a text named in the clause source, and warns when neither is at hand', () => {
    const files = copy();
    const list = files.clauses.clauses.find((c) => c.id === 'list-negative')!;
    const without = { ...input, sourceTexts: {} };
    expect(of(checkRuleSet(files, without), 'quote', 'warning').join('\n')).toContain('list-negative: quote cannot be verified');
    const wrong = { ...input, sourceTexts: { [DOMAIN_REFERENCE]: '与之无关的文本' } };
    expect(of(checkRuleSet(files, wrong), 'quote').join('\n')).toContain('list-negative: quote not found verbatim in domain.md');
    // A text named as the clause cites it is searched as well; domain.md wraps lines, which is not a difference.
    const named = { ...input, sourceTexts: { [DOMAIN_REFERENCE]: '无关', '民发〔2015〕136号': `通知原文：\n> ${list.quote.slice(0, 20)}\n> ${list.quote.slice(20)}。` } };
    expect(of(checkRuleSet(files, named), 'quote').join('\n')).not.toContain('list-negative');
  });

  it('reports a rule comparing a fact with a value outside its domain', () => {
    const files = copy();
    files.decisionRules.rules.find((r) => r.name === 'role-cannot-be-read')!.conditions = {
      all: [{ fact: 'addressed', operator: 'equal', value: true }, { fact: 'communityRole', operator: 'equal', value: 'undecided' }],
    };
    const errors = of(checkRuleSet(files, input), 'never-fires');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('role-cannot-be-read (role-unclear) can never fire');
    expect(errors[0]).toContain('communityRole equal "undecided" can never hold');
  });

  it('reports contradictory all-conditions', () => {
    const files = copy();
    const rule = files.decisionRules.rules.find((r) => r.name === 'assistance-approved-and-funded')!;
    (rule.conditions as { all: unknown[] }).all.push({ fact: 'streetReview', operator: 'in', value: ['none', 'pending'] });
    const errors = of(checkRuleSet(files, input), 'never-fires');
    expect(errors).toEqual([expect.stringContaining('assistance-approved-and-funded (approved-assistance) can never fire: its conditions contradict each other')]);
  });

  it('knows the count is the length of its list, and what the engine never combines', () => {
    const domains = factDomains({ negativeList: ['neg-a', 'neg-b', 'neg-c'], cancelledCertificates: ['cert-x'] });
    const rule = (conditions: DecisionRule['conditions']): DecisionRule => ({
      name: 'r', conditions, event: { type: 'negative-list', params: { effect: 'reject', clause: '9a' } },
    });
    const sat = (conditions: DecisionRule['conditions']) => checkSatisfiable(rule(conditions), domains).witness !== undefined;
    expect(sat({ all: [{ fact: 'negativeListCount', operator: 'equal', value: 0 }, { fact: 'negativeListItems', operator: 'contains', value: 'neg-a' }] })).toBe(false);
    expect(sat({ all: [{ fact: 'negativeListCount', operator: 'equal', value: 3 }, { fact: 'negativeListItems', operator: 'contains', value: 'neg-c' }] })).toBe(true);
    expect(sat({ all: [{ fact: 'negativeListCount', operator: 'greaterThan', value: 3 }] })).toBe(false);
    expect(sat({ all: [{ fact: 'forbiddenAreaCount', operator: 'greaterThanInclusive', value: 7 }] })).toBe(true);
    expect(sat({ all: [{ fact: 'disallowedCertificateCount', operator: 'greaterThan', value: 5 }] })).toBe(true);
    expect(sat({ all: [{ fact: 'disallowedCertificates', operator: 'contains', value: 'cert-kinship' }] })).toBe(false);
    expect(sat({ all: [{ fact: 'disallowedCertificates', operator: 'contains', value: 'ad-hoc:水质证明' }] })).toBe(true);
    expect(sat({ all: [{ fact: 'addressed', operator: 'equal', value: false }, { fact: 'communityRole', operator: 'equal', value: 'assist' }] })).toBe(false);
    expect(sat({ all: [{ fact: 'addressed', operator: 'equal', value: false }, { fact: 'assists', operator: 'equal', value: true }] })).toBe(false);
    expect(sat({ all: [{ not: { fact: 'funded', operator: 'equal', value: true } }, { fact: 'funded', operator: 'equal', value: false }] })).toBe(true);
    expect(sat({ any: [{ fact: 'oneVoteVeto', operator: 'equal', value: 'yes' }, { fact: 'funded', operator: 'lessThan', value: 1 }] })).toBe(false);
  });

  it('warns of a dead branch inside a rule that can still fire', () => {
    const files = copy();
    const rule = files.decisionRules.rules.find((r) => r.name === 'assistance-without-funding')!;
    ((rule.conditions as { all: Array<{ any?: unknown[] }> }).all[1]!.any!).push({ fact: 'streetReview', operator: 'equal', value: 'refused' });
    const check = checkRuleSet(files, input);
    expect(of(check, 'never-fires')).toEqual([]);
    expect(of(check, 'never-fires', 'warning').join('\n')).toContain('assistance-without-funding: dead condition conditions.all[1].any[2]: streetReview equal "refused"');
  });

  it('reports one phrase in the statutory duties and a single-group negative-list item', () => {
    const files = copy();
    const single = files.negativeList.items.find((i) => i.groups.length === 1)!;
    files.statutoryDuties.items[0]!.phrases.push(single.groups[0]![0]!);
    const errors = of(checkRuleSet(files, input), 'conflict');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`lists/statutory-duties.json ${files.statutoryDuties.items[0]!.id}`);
    expect(errors[0]).toContain(`lists/negative-list.json ${single.id}`);
  });

  it('reports one phrase in retained and cancelled certificates, and a statutory phrase that is an area topic', () => {
    const files = copy();
    files.certificates.retained[0]!.phrases.push(files.certificates.cancelled[0]!.phrases[0]!);
    // Written full-width: phrases are compared as the engine matches them, folded.
    files.statutoryDuties.items[1]!.phrases.push('拆迁拆违');
    const errors = of(checkRuleSet(files, input), 'conflict');
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toContain(`lists/certificates.json retained ${files.certificates.retained[0]!.id}`);
    expect(errors.join('\n')).toContain('lexicon/areas.json demolition topics');
  });

  it('does not take a phrase shared by two statutory items, or a part of a multi-group prohibition, as a conflict', () => {
    const files = copy();
    files.statutoryDuties.items[1]!.phrases.push(files.statutoryDuties.items[0]!.phrases[0]!);
    const areaWords = new Set(files.areas.areas.flatMap((a) => [...a.topics, ...a.acts]));
    const multi = files.negativeList.items.find((i) => i.groups.length > 1 && !areaWords.has(i.groups[0]![0]!))!;
    files.statutoryDuties.items[2]!.phrases.push(multi.groups[0]![0]!);
    const check = checkRuleSet(files, input);
    expect(of(check, 'conflict')).toEqual([]);
    expect(check.details!.sharedPhrases.some((s) => s.b.owner === multi.id && !s.conflict)).toBe(true);
  });

  it('reports reason codes and areas no golden case produces, and list entries none exercises', () => {
    const some = cases.filter((c) => c.file === 'allow-statutory.json');
    const check = checkRuleSet(bundledRuleFiles, { ...input, cases: some });
    const errors = of(check, 'coverage').join('\n');
    expect(errors).toContain('reason codes no golden case produces:');
    expect(errors).toContain('one-vote-veto');
    expect(errors).toMatch(/area codes no golden case produces: .*investment-promotion/);
    const warnings = of(check, 'coverage', 'warning').join('\n');
    expect(warnings).toMatch(/negative-list: \d+ of \d+ entries exercised by no golden case/);
    expect(check.coverage!.reasonCodes['statutory-duty'].cases).toBeGreaterThan(0);
  });

  it('reports a golden case file that is not valid', () => {
    const check = checkRuleSet(bundledRuleFiles, { ...input, cases: [...cases, { file: 'broken.json', content: { cases: [{ id: 'x' }] } }] });
    expect(of(check, 'cases').join('\n')).toContain('rules/cases/broken.json');
  });
});

describe('quote matching', () => {
  it('ignores line wrapping and quote markers, nothing else', () => {
    const source = { name: 'doc', text: '> 第一行文字，\n>   第二行文字。' };
    expect(checkQuote({ id: 'list-x', quote: '第一行文字，第二行文字' }, [source]).foundIn).toBe('doc');
    expect(checkQuote({ id: 'list-x', quote: '第一行文字,第二行文字' }, [source]).foundIn).toBeNull();
  });
});
