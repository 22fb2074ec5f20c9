/** The rule check as a report a maintainer reads in a terminal: Chinese headings, English detail. Pure. */
import type { FindingKind, RuleSetCheck } from './check.ts';
import { CONFLICTING_PAIRS } from './conflicts.ts';
import { LIST_NAMES } from './coverage.ts';
import { FACT_INVARIANTS } from './satisfiable.ts';

const HEADINGS: Record<FindingKind, string> = {
  invalid: '规则文件校验 (files valid)',
  quote: '条款引文核对 (clause quotes verbatim)',
  'never-fires': '决策规则可触发性 (rules that can fire)',
  conflict: '短语冲突 (one phrase, two outcomes)',
  cases: '黄金用例 (golden cases)',
  coverage: '黄金用例覆盖 (coverage)',
};

const LIST_LABELS: Record<(typeof LIST_NAMES)[number], string> = {
  'statutory-duties': '依法履职事项清单',
  'assistance-by-law': '依法协助政府工作事项清单',
  'negative-list': '负面清单',
  'certificates-retained': '出具证明事项清单 (保留)',
  'certificates-cancelled': '出具证明事项清单 (取消)',
};

export interface ReportOptions {
  /** The rules directory checked, as given. */
  rulesDir: string;
  /** Names of the texts quotes were checked against. */
  sources: string[];
  /** Show every uncovered list entry by name (default: ids only, in the warnings). */
  verbose?: boolean;
}

export function formatReport(check: RuleSetCheck, options: ReportOptions): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  const section = (title: string) => {
    line();
    line(`## ${title}`);
  };
  line(`# 规则集检查 rules:check — ${options.rulesDir}`);
  if (check.details) line(`版本 version: ${check.details.version}`);
  line(`引文来源 quote sources: ${options.sources.join(', ') || '(none)'}`);

  section(HEADINGS.invalid);
  const invalid = check.findings.filter((f) => f.kind === 'invalid');
  if (invalid.length === 0) line('✓ every rules file is valid and consistent');
  for (const f of invalid) line(`✗ ${f.message}`);

  if (check.details) {
    const { clauses, rules, sharedPhrases } = check.details;
    section(HEADINGS.quote);
    for (const c of clauses) {
      if (c.foundIn) line(`✓ ${c.clause}: found in ${c.foundIn}`);
      else if (c.searched.length === 0) line(`? ${c.clause}: not verifiable (no source text at hand)`);
      else line(`✗ ${c.clause}: not found in ${c.searched.join(', ')} — ${c.hint}`);
    }

    section(HEADINGS['never-fires']);
    line(`(brute force over the fact domains: booleans, roles, review states, list ids, counts 0/1/2; invariants: ${FACT_INVARIANTS.join('; ')})`);
    for (const r of rules) {
      if (r.witness) line(`✓ ${r.rule}: fires e.g. on ${JSON.stringify(r.witness)}`);
      else line(`✗ ${r.rule}: never fires (${r.tried} fact combinations tried)`);
    }
    for (const f of check.findings.filter((x) => x.kind === 'never-fires' && x.level === 'warning')) line(`! ${f.message}`);

    section(HEADINGS.conflict);
    line('Pairs treated as conflicting:');
    for (const p of CONFLICTING_PAIRS) line(`  - ${p}`);
    const conflicts = sharedPhrases.filter((s) => s.conflict);
    if (conflicts.length === 0) line('✓ no conflicting phrase');
    for (const f of check.findings.filter((x) => x.kind === 'conflict')) line(`✗ ${f.message}`);
    const shared = sharedPhrases.filter((s) => !s.conflict);
    if (shared.length > 0) {
      line('Shared phrases that are not conflicts (for information):');
      for (const s of shared) line(`  - "${s.phrase}": ${s.a.kind} ${s.a.owner} / ${s.b.kind} ${s.b.owner} — ${s.why}`);
    }
  }

  const caseFindings = check.findings.filter((f) => f.kind === 'cases');
  if (caseFindings.length > 0) {
    section(HEADINGS.cases);
    for (const f of caseFindings) line(`${f.level === 'error' ? '✗' : '!'} ${f.message}`);
  }

  if (check.coverage) {
    const cov = check.coverage;
    section(`${HEADINGS.coverage} — ${cov.cases} cases`);
    line('理由代码 reason codes:');
    for (const [code, t] of Object.entries(cov.reasonCodes)) {
      line(`  ${t.cases > 0 ? '✓' : '✗'} ${code.padEnd(26)} ${String(t.cases).padStart(4)}  ${t.examples.join(', ')}`);
    }
    line('领域 areas:');
    for (const [area, t] of Object.entries(cov.areas)) {
      line(`  ${t.cases > 0 ? '✓' : '✗'} ${area.padEnd(26)} ${String(t.cases).padStart(4)}  ${t.examples.join(', ')}`);
    }
    line('清单条目 list entries:');
    for (const list of LIST_NAMES) {
      const l = cov.lists[list];
      line(`  ${l.missing.length === 0 ? '✓' : '!'} ${list.padEnd(24)} ${l.exercised}/${l.total}  ${LIST_LABELS[list]}`);
      if (options.verbose) for (const m of l.missing) line(`      - ${m.id}  ${m.name}`);
      else if (l.missing.length > 0) line(`      not exercised: ${l.missing.map((m) => m.id).join(', ')}`);
    }
    line('决策规则 decision rules:');
    for (const [rule, t] of Object.entries(cov.rules)) {
      line(`  ${t.cases > 0 ? '✓' : '!'} ${rule.padEnd(42)} ${String(t.cases).padStart(4)}`);
    }
  }

  section('结论 summary');
  if (check.errors.length > 0) {
    line(`✗ 未通过 FAILED: ${check.errors.length} error(s), ${check.warnings.length} warning(s)`);
    line('错误 errors:');
    for (const e of check.errors) line(`  - ${e}`);
  } else {
    line(`✓ 通过 passed: 0 errors, ${check.warnings.length} warning(s)`);
  }
  if (check.warnings.length > 0) {
    line('警告 warnings:');
    for (const w of check.warnings) line(`  - ${w}`);
  }
  return out.join('\n');
}
