/**
 * A scripted history made through the API, then: the decision log export (NDJSON, personal data masked, admin
 * only), and the replay of a candidate rule set — one change to a copy of the bundled files — over it, through
 * POST /api/v1/replay and through the pure replay of the exported log. The flips are asserted exactly.
 * This file's D1 holds only the history below (storage is per test file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { compileRuleSet } from '../../src/engine/rule-set.ts';
import { parseDecisionLog, type DecisionLogEntry } from '../../src/replay/log.ts';
import { replay, type ReplayReport } from '../../src/replay/replay.ts';
import { bundledRuleFiles } from '../../src/ruleset/bundle.ts';
import type { RuleSetFiles } from '../../src/ruleset/types.ts';
import { db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call, postJson } from '../support/worker.ts';
import { approve, chinaToday, create, DEMANDS, expectErrorShape, read, revise, type RequestView } from '../workflow/helpers.ts';

const CONTACT = '联系人：王五，电话13912345678，身份证号110105194912310021。';

/**
 *        how                                              entries (kind, decision)
 *   A    statutory duty                                  submission allow
 *   B    assistance, approved by 秋浦街道                 submission needs-review, approval allow
 *   C    forbidden (9d), then revised to a statutory duty submission reject, submission allow (v2)
 *   D    funding refused, with a contact person          submission reject
 *   E    forbidden, by 区城市管理局                        submission reject
 */
let made: Record<'A' | 'B' | 'C' | 'D' | 'E', RequestView>;

/** The candidate: the bundled files with two phrases added to the veto lexicon. */
function candidateFiles(): RuleSetFiles {
  const files = structuredClone(bundledRuleFiles) as RuleSetFiles & { veto: { phrases: string[] } };
  files.veto.phrases.push('年度工作报告', '入户调查');
  return files;
}

beforeAll(async () => {
  await loadDemoData();
  const A = await create('statutory', 'admitted');
  const B = await create('assistance', 'pending-review');
  expect((await approve(B.id, 1)).status).toBe(200);
  const C = await create('forbidden', 'rejected');
  expect((await revise(C.id, 1, 'statutory')).status).toBe(200);
  const D = await create('selfFunded', 'rejected', { description: `${DEMANDS.selfFunded.description}${CONTACT}` });
  const E = await create('forbidden', 'rejected', {}, TOKENS.otherDepartment);
  made = { A, B, C, D, E };
});

/** token null: no identity at all. */
const exportLog = (query = '', token: string | null = TOKENS.admin) =>
  call(`/api/v1/decisions/export${query ? `?${query}` : ''}`, undefined, token === null ? undefined : { token });

async function exported(query = ''): Promise<{ text: string; entries: DecisionLogEntry[] }> {
  const response = await exportLog(query);
  expect(response.status).toBe(200);
  const text = await response.text();
  const log = parseDecisionLog(text);
  expect(log.errors).toEqual([]);
  return { text, entries: log.entries };
}

describe('GET /api/v1/decisions/export', () => {
  it('is for the district only: 401 without an identity, 403 for every other role', async () => {
    const none = await read(exportLog('', null));
    expect(none.status).toBe(401);
    expectErrorShape(none.body);
    for (const token of [TOKENS.department, TOKENS.reviewer, TOKENS.community]) {
      const answer = await read(exportLog('', token));
      expect(answer.status, token).toBe(403);
      expectErrorShape(answer.body);
    }
    expect((await read(call('/api/v1/decisions/export', { method: 'POST' }, { token: TOKENS.admin }))).status).toBe(405);
  });

  it('streams one NDJSON line per recorded decision, oldest first, with the fields of the log', async () => {
    const response = await exportLog();
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="duty-gate-decisions\.ndjson"/);
    const text = await response.text();
    const lines = text.split('\n').filter((l) => l !== '');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(7);
    const entries = lines.map((l) => JSON.parse(l) as DecisionLogEntry);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['requestId', 'version', 'kind', 'at', 'department', 'input', 'decision', 'reasons', 'facts', 'warnings', 'rulesVersion']);
      expect(e.rulesVersion).toBe(defaultRuleSet.version);
    }
    expect(entries.map((e) => e.at)).toEqual(entries.map((e) => e.at).sort());
    const summary = entries.map((e) => `${e.requestId === made.A.id ? 'A' : e.requestId === made.B.id ? 'B' : e.requestId === made.C.id ? 'C' : e.requestId === made.D.id ? 'D' : 'E'}${e.version} ${e.kind} ${e.decision}`);
    expect(summary).toEqual([
      'A1 submission allow',
      'B1 submission needs-review',
      'B1 approval allow',
      'C1 submission reject',
      'C2 submission allow',
      'D1 submission reject',
      'E1 submission reject',
    ]);
  });

  it('carries the input as the engine saw it: the department filled in, the approval with its street review', async () => {
    const { entries } = await exported();
    const approval = entries.find((e) => e.kind === 'approval')!;
    expect(approval.input).toEqual({ ...DEMANDS.assistance, department: '区民政局', streetReview: { status: 'approved', note: '同意，街道提供工作经费' } });
    expect(approval.reasons.map((r) => r.code)).toEqual(['approved-assistance']);
    const e = entries.find((x) => x.requestId === made.E.id)!;
    expect(e.department).toBe('区城市管理局');
    expect(e.input).toEqual({ ...DEMANDS.forbidden, department: '区城市管理局' });
    expect(e.facts.forbiddenAreas).toContain('demolition');
    // Workflow fields (targets, deadline) are not the engine's.
    for (const entry of entries) expect(entry.input).not.toHaveProperty('targetCommunities');
  });

  it('masks personal data in every string, character for character, so evidence offsets still hold', async () => {
    const { text, entries } = await exported();
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('110105194912310021');
    expect(text).not.toContain('王五');
    const d = entries.find((e) => e.requestId === made.D.id)!;
    const original = `${DEMANDS.selfFunded.description}${CONTACT}`;
    expect(d.input.description).toBe(`${DEMANDS.selfFunded.description}联系人：**，电话***********，身份证号******************。`);
    expect(d.input.description!.length).toBe(original.length);
    for (const e of entries) {
      for (const ev of [...e.reasons, ...e.warnings].flatMap((r) => r.evidence)) {
        if (ev.field === 'description') expect(e.input.description!.slice(ev.start, ev.end)).toBe(ev.text);
        if (ev.field === 'title') expect(e.input.title!.slice(ev.start, ev.end)).toBe(ev.text);
      }
    }
    // What is not personal stays: the amounts, dates and policy text of other entries.
    expect(entries.find((e) => e.requestId === made.A.id)!.input.description).toBe(DEMANDS.statutory.description);
  });

  it('keeps to the China dates asked for, and checks them', async () => {
    const today = chinaToday();
    expect((await exported(`from=${today}&to=${today}`)).entries).toHaveLength(7);
    expect((await exported(`from=${chinaToday(1)}`)).entries).toHaveLength(0);
    expect((await exported(`to=${chinaToday(-1)}`)).entries).toHaveLength(0);
    const response = await exportLog(`from=${chinaToday(1)}`);
    expect(response.headers.get('content-disposition')).toContain(`-from-${chinaToday(1)}`);
    for (const bad of ['from=2026-13-01', 'to=yesterday', `from=${today}&to=${chinaToday(-1)}`, 'format=csv']) {
      const answer = await read(exportLog(bad));
      expect(answer.status, bad).toBe(400);
      expectErrorShape(answer.body);
    }
  });

  it('pages through more decisions than one D1 page holds, in order and without repeats', async () => {
    const { decisionLogPage } = await import('../../src/store/decision-log.ts');
    const seen: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<typeof decisionLogPage>> = await decisionLogPage(db, {}, after, 2);
      seen.push(...page.entries.map((e) => `${e.requestId}/${e.version}/${e.kind}`));
      after = page.next;
    } while (after);
    const all = (await exported()).entries.map((e) => `${e.requestId}/${e.version}/${e.kind}`);
    expect(seen).toEqual(all);
  });
});

describe('replaying a candidate rule set over the history', () => {
  const replayCall = (body: unknown, token: string | null = TOKENS.admin) =>
    read<ReplayReport & { currentVersion: string; error?: { code: string; problems?: string[] } }>(
      postJson('/api/v1/replay', body, token === null ? undefined : { token }),
    );

  /** The exact outcome of adding 年度工作报告 and 入户调查 to the veto phrases. */
  function expectTheFlips(report: ReplayReport) {
    expect(report.totals).toEqual({ entries: 7, submissions: 6, approvals: 1, evaluated: 7, unchanged: 3, flipped: 4, reasonsChanged: 0, skipped: 0 });
    expect(report.flipCounts).toEqual({ 'allow→reject': 3, 'needs-review→reject': 1 });
    expect(report.reasonCodes).toEqual({
      added: [{ code: 'one-vote-veto', count: 4 }],
      removed: [
        { code: 'statutory-duty', count: 2 },
        { code: 'approved-assistance', count: 1 },
      ],
    });
    const allowToReject = report.flips.find((g) => g.from === 'allow' && g.to === 'reject')!;
    expect(allowToReject.examples.map((x) => [x.requestId, x.version, x.kind])).toEqual([
      [made.A.id, 1, 'submission'],
      [made.B.id, 1, 'approval'],
      [made.C.id, 2, 'submission'],
    ]);
    const a = allowToReject.examples[0]!;
    expect(a).toMatchObject({ oldDecision: 'allow', newDecision: 'reject', oldReasons: ['statutory-duty'], newReasons: ['one-vote-veto'] });
    expect(a.added.map((r) => r.code)).toEqual(['one-vote-veto']);
    expect(a.added[0]!.evidence.map((e) => e.text)).toEqual(['年度工作报告']);
    expect(a.removed.map((r) => r.code)).toEqual(['statutory-duty']);
    const b = report.flips.find((g) => g.from === 'needs-review')!.examples;
    expect(b.map((x) => x.requestId)).toEqual([made.B.id]);
    expect(b[0]!.added[0]!.evidence.map((e) => e.text)).toContain('入户调查');
    expect(report.recordedVersions).toEqual([{ version: defaultRuleSet.version, entries: 7, sameAsCandidate: false }]);
  }

  it('POST /api/v1/replay reports exactly the decisions that flip, and why', async () => {
    const answer = await replayCall({ files: candidateFiles() });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(200);
    expect(answer.body.candidateVersion).toBe(compileRuleSet(candidateFiles()).version);
    expect(answer.body.currentVersion).toBe(defaultRuleSet.version);
    expectTheFlips(answer.body);
  });

  it('the exported (masked) log replays to the same report in the pure replay, as `npm run replay --log` does', async () => {
    const { entries } = await exported();
    expectTheFlips(replay(entries, compileRuleSet(candidateFiles())));
  });

  it('the rule set that made the decisions changes nothing; examples and dates narrow the report', async () => {
    const same = await replayCall({ files: bundledRuleFiles });
    expect(same.status).toBe(200);
    expect(same.body.totals).toMatchObject({ evaluated: 7, unchanged: 7, flipped: 0 });
    const narrowed = await replayCall({ files: candidateFiles(), examples: 1, from: chinaToday(1) });
    expect(narrowed.body.totals.entries).toBe(0);
    const one = await replayCall({ files: candidateFiles(), examples: 1 });
    expect(one.body.flips.every((g) => g.examples.length <= 1)).toBe(true);
    expect(one.body.flipCounts).toEqual({ 'allow→reject': 3, 'needs-review→reject': 1 });
  });

  it('never writes: the store is the same before and after', async () => {
    const snapshot = async () =>
      db.batch(['requests', 'request_versions', 'reviews', 'audit_log', 'rule_sets'].map((t) => db.prepare(`SELECT count(*) AS n FROM ${t}`)));
    const before = (await snapshot()).map((r) => r.results);
    expect((await replayCall({ files: candidateFiles() })).status).toBe(200);
    expect((await snapshot()).map((r) => r.results)).toEqual(before);
  });

  it('an invalid candidate is a 400 with the rule set problems', async () => {
    const files = structuredClone(bundledRuleFiles) as RuleSetFiles;
    (files.veto as { phrases: unknown }).phrases = 42;
    const answer = await replayCall({ files });
    expect(answer.status).toBe(400);
    expectErrorShape(answer.body);
    expect(answer.body.error!.code).toBe('invalid-rule-set');
    expect(answer.body.error!.problems!.join('\n')).toContain('rules/lexicon/veto.json: phrases');
    const missing = await replayCall({ files: { veto: bundledRuleFiles.veto } });
    expect(missing.status).toBe(400);
    expect(missing.body.error!.problems!.join('\n')).toContain('rules/clauses.json');
  });

  it('checks the body: unknown files and fields, bad JSON, too large', async () => {
    for (const body of [{ files: { ...bundledRuleFiles, extra: {} } }, { files: bundledRuleFiles, bogus: 1 }, {}, { files: bundledRuleFiles, examples: -1 }]) {
      const answer = await replayCall(body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expectErrorShape(answer.body);
      expect(answer.body.error!.code).toBe('invalid-request');
    }
    const notJson = await read(call('/api/v1/replay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }, { token: TOKENS.admin }));
    expect(notJson.status).toBe(400);
    const huge = await read(postJson('/api/v1/replay', { files: bundledRuleFiles, pad: 'x'.repeat(2 * 1024 * 1024) }, { token: TOKENS.admin }));
    expect(huge.status).toBe(413);
    expectErrorShape(huge.body);
  });

  it('is for the district only', async () => {
    expect((await replayCall({ files: bundledRuleFiles }, null)).status).toBe(401);
    for (const token of [TOKENS.department, TOKENS.reviewer, TOKENS.community]) {
      expect((await replayCall({ files: bundledRuleFiles }, token)).status, token).toBe(403);
    }
    expect((await read(call('/api/v1/replay', undefined, { token: TOKENS.admin }))).status).toBe(405);
  });
});
