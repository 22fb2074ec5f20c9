import { describe, expect, it } from 'vitest';
import type { EvaluateRequest } from '../contract/evaluate-request.ts';
import { defaultRuleSet } from '../engine/default-rule-set.ts';
import { evaluate } from '../engine/evaluate.ts';
import { compileRuleSet } from '../engine/rule-set.ts';
import { bundledRuleFiles } from '../ruleset/bundle.ts';
import type { RuleSetFiles } from '../ruleset/types.ts';
import { entryFromRow, maskEntry, parseDecisionLog, toNdjsonLine, type DecisionKind, type DecisionLogEntry } from './log.ts';
import { replay } from './replay.ts';
import { formatReplayReport } from './report-text.ts';

const STATUTORY: EvaluateRequest = { title: '召开居民会议', description: '请各社区于本月底前召开居民会议，听取居委会年度工作报告。', department: '区民政局' };
const ASSIST: EvaluateRequest = { title: '困难群众入户调查', description: '请各社区协助区民政局开展困难群众入户调查，区民政局提供调查表和培训。联系人：张三，电话13812345678。', communityRole: 'assist', department: '区民政局' };
const FORBIDDEN: EvaluateRequest = { title: '违建拆除', description: '请各社区负责辖区违建拆除。', department: '区民政局' };

function entry(requestId: string, input: EvaluateRequest, kind: DecisionKind = 'submission', version = 1): DecisionLogEntry {
  const d = evaluate(input, defaultRuleSet);
  return { requestId, version, kind, at: `2026-03-0${version}T02:00:00.000Z`, department: input.department ?? '', input, ...d };
}

function candidate(change: (files: RuleSetFiles & { veto: { phrases: string[] } }) => void) {
  const files = structuredClone(bundledRuleFiles) as RuleSetFiles & { veto: { phrases: string[] } };
  change(files);
  return compileRuleSet(files);
}

const approved = { ...ASSIST, streetReview: { status: 'approved' as const, note: '同意' } };
const history = [
  entry('req_a', STATUTORY),
  entry('req_b', ASSIST),
  entry('req_b', approved, 'approval'),
  entry('req_c', FORBIDDEN),
];

describe('replay', () => {
  it('with the rule set that made the decisions, nothing changes', () => {
    const report = replay(history, defaultRuleSet);
    expect(report.totals).toEqual({ entries: 4, submissions: 3, approvals: 1, evaluated: 4, unchanged: 4, flipped: 0, reasonsChanged: 0, skipped: 0 });
    expect(report.flips).toEqual([]);
    expect(report.recordedVersions).toEqual([{ version: defaultRuleSet.version, entries: 4, sameAsCandidate: true }]);
  });

  it('a phrase added to the veto list flips exactly the decisions whose text holds it, with that text as evidence', () => {
    const report = replay(history, candidate((f) => f.veto.phrases.push('入户调查')));
    expect(report.flipCounts).toEqual({ 'allow→reject': 1, 'needs-review→reject': 1 });
    expect(report.totals).toMatchObject({ evaluated: 4, flipped: 2, reasonsChanged: 0, unchanged: 2 });
    expect(report.reasonCodes).toEqual({ added: [{ code: 'one-vote-veto', count: 2 }], removed: [{ code: 'approved-assistance', count: 1 }] });
    const [approval] = report.flips.find((g) => g.from === 'allow')!.examples;
    expect(approval).toMatchObject({ requestId: 'req_b', kind: 'approval', oldDecision: 'allow', newDecision: 'reject', oldReasons: ['approved-assistance'], newReasons: ['one-vote-veto'] });
    expect(approval!.added[0]!.evidence.map((e) => e.text)).toContain('入户调查');
    const contexts = approval!.added[0]!.evidence.filter((e) => e.text === '入户调查').map((e) => `${e.field}: ${e.context}`);
    expect(contexts).toEqual(['title: 困难群众【入户调查】', 'description: …协助区民政局开展困难群众【入户调查】，区民政局提供调查表和培…']);
    expect(approval!.removed.map((r) => r.code)).toEqual(['approved-assistance']);
  });

  it('masks personal data in the example texts, keeping the offsets', () => {
    const report = replay(history, candidate((f) => f.veto.phrases.push('入户调查')));
    const json = JSON.stringify(report);
    expect(json).not.toContain('13812345678');
    expect(json).not.toContain('张三');
    const context = report.flips.flatMap((g) => g.examples).flatMap((e) => [...e.added, ...e.removed]).flatMap((c) => c.evidence).map((e) => e.context).join('\n');
    expect(context).toContain('联系人');
  });

  it('counts reason changes that keep the decision apart from flips', () => {
    const report = replay(history, candidate((f) => f.veto.phrases.push('违建拆除')));
    expect(report.flipCounts).toEqual({});
    expect(report.totals).toMatchObject({ flipped: 0, reasonsChanged: 1, unchanged: 3 });
    expect(report.reasonChanges).toHaveLength(1);
    expect(report.reasonChanges[0]).toMatchObject({ from: 'reject', to: 'reject', count: 1 });
    expect(report.reasonChanges[0]!.examples[0]!.added.map((r) => r.code)).toEqual(['one-vote-veto']);
  });

  it('keeps at most N examples per kind of change, and counts them all', () => {
    const many = Array.from({ length: 7 }, (_, i) => entry(`req_${i}`, STATUTORY));
    const report = replay(many, candidate((f) => f.veto.phrases.push('年度工作报告')), { examples: 3 });
    expect(report.flips).toHaveLength(1);
    expect(report.flips[0]!.count).toBe(7);
    expect(report.flips[0]!.examples).toHaveLength(3);
    expect(formatReplayReport(report, 'test')).toContain('另有 4 个');
  });

  it('skips an input the contract refuses, and notes a list item the candidate dropped', () => {
    const broken = { ...entry('req_x', STATUTORY), input: { description: 42 } as unknown as EvaluateRequest };
    const withItem = entry('req_y', { ...STATUTORY, listItem: 'no-such-item' });
    const report = replay([broken, withItem], defaultRuleSet);
    expect(report.totals).toMatchObject({ entries: 2, evaluated: 1, skipped: 1 });
    expect(report.skipped).toEqual([{ requestId: 'req_x', version: 1, kind: 'submission', problem: expect.stringContaining('description') }]);
    expect(report.notes).toEqual([{ requestId: 'req_y', version: 1, kind: 'submission', listItem: 'no-such-item' }]);
  });

  it('reads the recorded rule set versions', () => {
    const old = { ...entry('req_old', STATUTORY), rulesVersion: 'sha256:old' };
    const report = replay([old, ...history], defaultRuleSet);
    expect(report.recordedVersions).toEqual([
      { version: defaultRuleSet.version, entries: 4, sameAsCandidate: true },
      { version: 'sha256:old', entries: 1, sameAsCandidate: false },
    ]);
  });

  it('prints a Chinese report with the flips, the codes and the text that made the difference', () => {
    const report = replay(history, candidate((f) => f.veto.phrases.push('年度工作报告')));
    const text = formatReplayReport(report, '测试');
    expect(text).toContain('结论改变 1');
    expect(text).toContain('### 允许(allow) → 不予准入(reject)：1 个');
    expect(text).toContain('- req_a 第 1 版（提交');
    expect(text).toContain('+ one-vote-veto');
    expect(text).toContain('- statutory-duty');
    expect(text).toContain('【年度工作报告】');
    expect(text).toContain('+ one-vote-veto：1 个决定新增');
    expect(formatReplayReport(replay(history, defaultRuleSet), '测试')).toContain('✓ 候选规则集不会改变任何已记录的决定');
  });
});

describe('decision log entries', () => {
  it('rebuilds the engine input from a stored body the way the workflow does', () => {
    const body = { ...ASSIST, department: '区民政局', targetCommunities: ['qiupu-xinghua'], deadline: '2026-12-31', legalBasis: '某法' };
    const result = evaluate(ASSIST, defaultRuleSet);
    const row = { kind: 'submission' as const, request_id: 'req_1', version: 1, at: '2026-03-01T02:00:00.000Z', body: JSON.stringify(body), result: JSON.stringify(result), comment: null, department_name: '区民政局', review_id: '' };
    expect(entryFromRow(row).input).toEqual(ASSIST);
    const approval = entryFromRow({ ...row, kind: 'approval', comment: '同意', review_id: 'rev_1' });
    expect(approval.input).toEqual({ ...ASSIST, streetReview: { status: 'approved', note: '同意' } });
  });

  it('masks input and evidence texts in context, and survives the NDJSON round trip', () => {
    const e = entry('req_b', approved, 'approval');
    const masked = maskEntry(e);
    expect(masked.input.description).toContain('联系人：**，电话***********');
    expect(masked.input.description!.length).toBe(ASSIST.description!.length);
    for (const reason of masked.reasons) {
      for (const ev of reason.evidence) {
        if (ev.field === 'description') expect(masked.input.description!.slice(ev.start, ev.end)).toBe(ev.text);
      }
    }
    const parsed = parseDecisionLog(`${toNdjsonLine(masked)}\n\n${toNdjsonLine(maskEntry(history[0]!))}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([masked, maskEntry(history[0]!)]);
  });

  it('reports bad log lines by number', () => {
    const parsed = parseDecisionLog(`${toNdjsonLine(history[0]!)}not json\n{"requestId":"x"}\n`);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
