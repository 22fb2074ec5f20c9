/**
 * The `duty-gate check` command line, through its pure parts (the Workers pool cannot spawn processes): argument
 * parsing, input detection, checking and exit codes, the --json output against the real API, and the readable
 * report's layout by display width.
 */
import { describe, expect, it } from 'vitest';
import seedCsv from '../seeds/attachment-2-duty-list.csv?raw';
import { parseCommandLine, planCheck, type CheckArgs, type Command } from '../src/cli/args.ts';
import { exitCodeOf, failureJson, jsonOutput, runCheck, type Outcome } from '../src/cli/check.ts';
import { decodeBytes, detectKind, loadInput, looksLikeDutyList, type InputText, type Loaded } from '../src/cli/input.ts';
import { renderFailure, renderReport } from '../src/cli/render-table.ts';
import { displayWidth, stripAnsi, truncate, wrap } from '../src/cli/width.ts';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { CLI_TEXT } from '../src/messages.ts';
import { call, postJson } from './support/worker.ts';

function loaded(input: InputText): Extract<Loaded, { ok: true }> {
  const result = loadInput(input);
  if (!result.ok) throw new Error(`expected input to load: ${JSON.stringify(result.failure)}`);
  return result;
}

function check(input: InputText): Outcome {
  return runCheck(loaded(input), defaultRuleSet);
}

function plan(command: Command) {
  if (command.kind !== 'check') throw new Error(`expected a check plan, got ${command.kind}`);
  return command.plan;
}

const DEMOLITION = '请各社区负责辖区违建拆除';
const ASSIST = '请社区协助做好人口普查入户登记工作，区统计局提供工作经费2000元';

describe('display width', () => {
  it('counts CJK and full-width punctuation as two columns, colour codes as none', () => {
    expect(displayWidth('社区ab')).toBe(6);
    expect(displayWidth('（，。）「」')).toBe(12);
    expect(displayWidth('\u001b[1;31m不予准入\u001b[0m')).toBe(8);
    expect(displayWidth('a\u0301')).toBe(1);
  });

  it('truncates by columns and marks the cut', () => {
    expect(truncate('请各社区负责辖区违建拆除', 10)).toBe('请各社区…');
    expect(displayWidth(truncate('请各社区负责辖区违建拆除', 10))).toBeLessThanOrEqual(10);
    expect(truncate('短', 10)).toBe('短');
  });

  it('wraps Chinese within the width, keeps latin words whole and starts no line with a comma', () => {
    const text = '由职能部门承担拆迁拆违的主体责任，确需社区协助的，改为协助事项，报镇(街道)审核 forbidden-responsibility 并提供经费和工作条件。';
    for (const width of [10, 17, 24, 40]) {
      const lines = wrap(text, width);
      for (const line of lines) {
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(line.startsWith('，')).toBe(false);
      }
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      if (width >= 24) expect(lines.some((l) => l.includes('forbidden-responsibility'))).toBe(true);
    }
  });
});

describe('argument parsing', () => {
  // parseArgs itself is not implemented in workerd: the commands that reach it are checked under Node by hand
  // (see the report); here the top level and planCheck, which takes parseArgs' result.
  it('gives help for --help at either level', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help', topic: 'main' });
    expect(parseCommandLine(['help', 'check'])).toEqual({ kind: 'help', topic: 'check' });
    expect(planCheck({ values: { help: true }, positionals: ['x.csv'] })).toEqual({ kind: 'help', topic: 'check' });
  });

  it('reads the input source and the options', () => {
    expect(plan(planCheck({ values: { json: false, csv: false }, positionals: ['seeds/a.csv'] }))).toEqual({
      source: { kind: 'file', path: 'seeds/a.csv' },
      json: false,
      forceCsv: false,
    });
    expect(plan(planCheck({ values: {}, positionals: ['-'] })).source).toEqual({ kind: 'stdin' });
    expect(plan(planCheck({ values: {}, positionals: [] })).source).toEqual({ kind: 'auto' });
    expect(plan(planCheck({ values: { text: DEMOLITION, title: '拆违', json: true, only: 'reject' }, positionals: [] }))).toEqual({
      source: { kind: 'text', text: DEMOLITION },
      title: '拆违',
      json: true,
      forceCsv: false,
      only: 'reject',
    });
    expect(plan(planCheck({ values: { csv: true }, positionals: ['list.txt'] })).forceCsv).toBe(true);
  });

  it('refuses what it cannot do, in Chinese with the English after', () => {
    expect(parseCommandLine([])).toMatchObject({ kind: 'usage-error', message: CLI_TEXT.errors.noCommand, topic: 'main' });
    expect(parseCommandLine(['frob'])).toMatchObject({ kind: 'usage-error', message: CLI_TEXT.errors.unknownCommand('frob') });
    const errors: [CheckArgs, string][] = [
      [{ values: { only: 'maybe' }, positionals: [] }, CLI_TEXT.errors.badOnly('maybe')],
      [{ values: {}, positionals: ['a.csv', 'b.csv'] }, CLI_TEXT.errors.tooManyFiles],
      [{ values: { text: 'x' }, positionals: ['a.txt'] }, CLI_TEXT.errors.fileAndText],
    ];
    for (const [args, message] of errors) {
      expect(planCheck(args), message).toEqual({ kind: 'usage-error', message, topic: 'check' });
    }
    expect(CLI_TEXT.errors.badOnly('maybe')).toMatch(/取值.*must be/);
  });
});

describe('input kinds', () => {
  it('decides by --csv, then extension, then content', () => {
    expect(detectKind({ name: 'list.csv', text: DEMOLITION })).toBe('csv');
    expect(detectKind({ name: 'REQ.JSON', text: DEMOLITION })).toBe('json');
    expect(detectKind({ name: 'msg.txt', text: DEMOLITION })).toBe('text');
    expect(detectKind({ text: DEMOLITION, forceCsv: true })).toBe('csv');
    expect(detectKind({ text: seedCsv })).toBe('csv');
    expect(detectKind({ text: '\ufeff事项,主要措施\n拆违,请社区负责' })).toBe('csv');
    expect(detectKind({ text: '{"description":"x"}' })).toBe('json');
    expect(detectKind({ text: '[通知] 请各社区负责辖区违建拆除' })).toBe('text');
    expect(detectKind({ text: '事项：请社区负责拆违，主要措施见附件' })).toBe('text');
    expect(looksLikeDutyList('关于重点任务,请社区负责')).toBe(false);
  });

  it('reads the seed duty list as one request per row, rows carried', () => {
    const result = loaded({ name: 'seeds/attachment-2-duty-list.csv', text: seedCsv });
    expect(result.shape).toBe('batch');
    expect(result.items).toHaveLength(20);
    expect(result.items[0]).toMatchObject({ prefix: ['line2'], row: { line: 2, serial: '1', deadline: '3月份启动12月底前完成' } });
    expect(result.items[0]?.request).toMatchObject({ title: '完善党建引领体制机制', department: '区委组织部' });
  });

  it('reads JSON as one request, {items}, or an array', () => {
    expect(loaded({ name: 'r.json', text: JSON.stringify({ description: DEMOLITION }) })).toMatchObject({ shape: 'single', items: [{ prefix: [] }] });
    const items = [{ description: DEMOLITION }, { description: ASSIST }];
    expect(loaded({ name: 'r.json', text: JSON.stringify({ items }) }).items.map((i) => i.prefix)).toEqual([['items', 0], ['items', 1]]);
    expect(loaded({ name: 'r.json', text: JSON.stringify(items) })).toMatchObject({ shape: 'batch', items: [{ request: items[0] }, { request: items[1] }] });
  });

  it('turns a message into the description of one demand, with --title as its title', () => {
    expect(loaded({ text: `${DEMOLITION}\n` }).items[0]?.request).toEqual({ description: DEMOLITION });
    expect(loaded({ text: DEMOLITION, title: '拆违' }).items[0]?.request).toEqual({ title: '拆违', description: DEMOLITION });
    expect(loaded({ text: '', title: '拆违' }).items[0]?.request).toEqual({ title: '拆违' });
  });

  it('explains unreadable input without throwing', () => {
    expect(loadInput({ name: 'r.json', text: '{"description": "x",}' })).toMatchObject({ ok: false, failure: { code: 'invalid-json' } });
    expect(loadInput({ name: 'r.json', text: '"just a string"' })).toMatchObject({ ok: false, failure: { issues: [{ path: '(body)' }] } });
    expect(loadInput({ name: 'r.json', text: '{"items": []}' })).toMatchObject({ ok: false, failure: { issues: [{ path: 'items' }] } });
    expect(loadInput({ name: 'r.csv', text: '序号,重点任务\n1,"拆违' })).toMatchObject({
      ok: false,
      failure: { code: 'invalid-request', issues: [{ path: 'csv', message: expect.stringMatching(/第 2 行.*line 2/) }] },
    });
    expect(loadInput({ name: 'r.csv', text: 'a,b\n1,2' })).toMatchObject({ ok: false, failure: { issues: [{ path: 'csv' }] } });
    expect(loadInput({ name: 'r.csv', text: seedCsv, title: 'x' })).toMatchObject({ ok: false, failure: { code: 'invalid-arguments' } });
  });

  it('decodes UTF-8, and does not throw on bytes that are not UTF-8', () => {
    expect(decodeBytes(new TextEncoder().encode(DEMOLITION))).toBe(DEMOLITION);
    expect(() => decodeBytes(new Uint8Array([0xc9, 0xe7, 0xc7, 0xf8]))).not.toThrow();
  });
});

describe('checking and exit codes', () => {
  it('is 0 for all allow, 1 for needs-review, 2 for reject', () => {
    expect(exitCodeOf(check({ name: 'seed.csv', text: seedCsv }))).toBe(0);
    expect(exitCodeOf(check({ text: ASSIST }))).toBe(1);
    expect(exitCodeOf(check({ text: DEMOLITION }))).toBe(2);
  });

  it('is 3 for invalid input, naming the field', () => {
    const outcome = check({ name: 'r.json', text: JSON.stringify({ description: ASSIST, funding: { amountYuan: -5 } }) });
    expect(exitCodeOf(outcome)).toBe(3);
    expect(jsonOutput(outcome)).toMatchObject({ error: { code: 'invalid-request', issues: [{ path: 'funding.amountYuan' }] } });
    const tooLong = check({ text: '请社区'.repeat(7000) });
    expect(jsonOutput(tooLong)).toMatchObject({ error: { issues: [{ path: 'description' }] } });
    const failure = loadInput({ name: 'r.json', text: '{' });
    expect(!failure.ok && exitCodeOf(failure.failure)).toBe(3);
  });

  it('gives 3 when one item of a batch is invalid, even beside a reject', () => {
    const outcome = check({ text: JSON.stringify([{ description: DEMOLITION }, { title: '' }]) });
    expect(outcome.summary).toEqual({ allow: 0, reject: 1, 'needs-review': 0, invalid: 1 });
    expect(exitCodeOf(outcome)).toBe(3);
  });
});

describe('--json prints what the API answers', () => {
  it('single demand: the body of POST /api/v1/evaluate', async () => {
    const request = { description: DEMOLITION };
    const api = await postJson('/api/v1/evaluate', request);
    expect(jsonOutput(check({ name: 'r.json', text: JSON.stringify(request) }))).toEqual(await api.json());
    // A pasted message is the same demand as a request with that description.
    expect(jsonOutput(check({ text: `${DEMOLITION}\n` }))).toEqual(jsonOutput(check({ name: 'r.json', text: JSON.stringify(request) })));
  });

  it('invalid single request: the 400 body', async () => {
    const request = { description: ASSIST, communityRole: 'boss' };
    const api = await postJson('/api/v1/evaluate', request);
    expect(api.status).toBe(400);
    expect(jsonOutput(check({ name: 'r.json', text: JSON.stringify(request) }))).toEqual(await api.json());
  });

  it('duty list: the body of POST /api/v1/evaluate/batch with text/csv', async () => {
    const api = await call('/api/v1/evaluate/batch', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: seedCsv });
    expect(jsonOutput(check({ name: 'seed.csv', text: seedCsv }))).toEqual(await api.json());
  });

  it('JSON array or {items}: the batch body, invalid items in place', async () => {
    const items = [{ description: DEMOLITION }, { title: '' }, { description: ASSIST }];
    const api = await postJson('/api/v1/evaluate/batch', { items });
    const expected = await api.json();
    expect(jsonOutput(check({ name: 'r.json', text: JSON.stringify(items) }))).toEqual(expected);
    expect(jsonOutput(check({ name: 'r.json', text: JSON.stringify({ items }) }))).toEqual(expected);
  });

  it('--only shortens results, keeps invalid items and the full summary', () => {
    const outcome = check({ text: JSON.stringify([{ description: DEMOLITION }, { title: '' }, { description: ASSIST }]) });
    const body = jsonOutput(outcome, 'reject') as { results: unknown[]; summary: unknown };
    expect(body.results).toHaveLength(2);
    expect(body.summary).toEqual({ allow: 0, reject: 1, 'needs-review': 1, invalid: 1 });
    expect(jsonOutput(check({ text: DEMOLITION }), 'allow')).toBeUndefined();
  });

  it('unreadable input: an error body with code, message and issues', () => {
    const failure = loadInput({ name: 'r.csv', text: 'a,b\n1,2' });
    expect(!failure.ok && failureJson(failure.failure)).toEqual({
      error: { code: 'invalid-request', message: expect.any(String), issues: [{ path: 'csv', message: expect.stringContaining('no known column') }] },
    });
  });
});

describe('readable report', () => {
  const options = { width: 100, color: false, sourceName: 'x' };

  it('shows the conclusion, each reason with code, clause, message, fix and evidence, and the counts', () => {
    const report = renderReport(check({ text: DEMOLITION }), options);
    expect(report).toContain('不予准入');
    expect(report).toContain('forbidden-responsibility（条款 9d）');
    expect(report).toContain('不得将社区作为拆迁拆违事项的责任主体');
    expect(report).toContain('修改：由职能部门承担拆迁拆违的主体责任');
    expect(report).toContain('证据：「各社区负责辖区违建拆除」内容第2-12字');
    expect(report).toContain(CLI_TEXT.summary(1, { reject: 1, 'needs-review': 0, allow: 0, invalid: 0 }));
  });

  it('lists warnings', () => {
    const report = renderReport(check({ text: '请社区协助入户宣传，区城管局提供宣传材料，并拍照上传工作台账' }), options);
    expect(report).toContain('提醒：');
    expect(report).toContain('paperwork-burden');
  });

  it('gives a duty list an overview table by line and serial, and a block per row', () => {
    const report = renderReport(check({ name: 'seed.csv', text: seedCsv }), options);
    const lines = report.split('\n');
    expect(lines.some((l) => /^行号\s+序号\s+结论\s+事项$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+14\s+13\.1\s+允许\s+推进自治法治德治深度融合/.test(l))).toBe(true);
    expect(report).toContain('== 第 2 行 | 序号 1 | 允许 ');
    expect(report).toContain('not-addressed');
    expect(report).toContain('单位：牵头 区委组织部；责任 区委组织部、区民政局；时限 3月份启动12月底前完成');
  });

  it('keeps every line within the terminal width, coloured or not', () => {
    const outcomes = [
      check({ name: 'seed.csv', text: seedCsv }),
      check({ text: `${'请社区协助入户宣传拆违政策，每个社区须完成200户签约，纳入年度考核，并拍照上传工作台账。'.repeat(5)}` }),
      check({ text: JSON.stringify([{ description: DEMOLITION }, { title: '' }]) }),
    ];
    for (const outcome of outcomes) {
      for (const width of [80, 120]) {
        for (const color of [false, true]) {
          const report = renderReport(outcome, { width, color, sourceName: 'seeds/attachment-2-duty-list.csv' });
          for (const line of report.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
          expect(report.includes('\u001b[')).toBe(color);
          if (color) expect(stripAnsi(report)).toBe(renderReport(outcome, { width, color: false, sourceName: 'seeds/attachment-2-duty-list.csv' }));
        }
      }
    }
  });

  it('filters with --only and says so', () => {
    const outcome = check({ text: JSON.stringify([{ description: DEMOLITION }, { description: ASSIST }]) });
    const report = renderReport(outcome, { ...options, only: 'reject' });
    expect(report).toContain('== 第 1 项 | 不予准入');
    expect(report).not.toContain('== 第 2 项');
    expect(report).toContain(CLI_TEXT.filtered('reject', 1));
    expect(renderReport(check({ name: 'seed.csv', text: seedCsv }), { ...options, only: 'reject' })).toContain(CLI_TEXT.nothingShown('reject'));
  });

  it('shows an invalid item with the field it fails on', () => {
    const report = renderReport(check({ text: JSON.stringify([{ title: '' }]) }), options);
    expect(report).toContain('输入无效');
    expect(report).toContain('items.0.description：事项名称(title)和内容(description)至少填写一项');
    const failure = loadInput({ name: 'r.json', text: '{"description": "x",}' });
    expect(!failure.ok && renderFailure(failure.failure)).toMatch(/^输入无效：内容不是有效的 JSON \(not valid JSON/);
  });
});
