/**
 * Properties that must hold for any demand, checked with fast-check: no client input causes a 500, and the
 * decision moves the right way when a veto, funding or an approved review is added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { evaluateRequestSchema, type EvaluateRequest } from '../src/contract/evaluate-request.ts';
import type { Effect } from '../src/engine/types.ts';
import { goldenCases } from './support/golden.ts';
import { call } from './support/worker.ts';

const STRENGTH: Record<Effect, number> = { allow: 0, 'needs-review': 1, reject: 2 };
const strength = (request: EvaluateRequest) => STRENGTH[evaluate(request, defaultRuleSet).decision];

const requests = goldenCases.map(({ golden }) => evaluateRequestSchema.parse(golden.request));

/** Sentences people add to demands, to vary the cases beyond the golden texts. */
const extraSentence = fc.constantFrom(
  '请于本周五前完成。',
  '收到请回复。',
  '请各社区高度重视。',
  '完成情况纳入年度考核。',
  '区城管局负责执法，社区配合宣传。',
  '不得将社区作为拆违责任主体。',
  '请建立工作台账并拍照上传。',
  '请社区出具居住证明。',
  '转发给你们，请知悉。',
  '',
);

const demand = fc
  .tuple(fc.constantFrom(...requests), extraSentence, fc.string({ maxLength: 30 }))
  .map(([request, sentence, noise]) => ({ ...request, description: `${request.description ?? ''}${sentence}${noise}` }));

describe('decision properties', () => {
  it('never relaxes a decision when a one-vote veto is added', () => {
    fc.assert(
      fc.property(demand, fc.boolean(), (request, inText) => {
        const withVeto = inText
          ? { ...request, description: `${request.description}该项工作实行一票否决。` }
          : { ...request, oneVoteVeto: true };
        expect(strength(withVeto)).toBeGreaterThanOrEqual(strength(request));
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a decision stricter when funding is added', () => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 1_000_000 }), (request, amount) => {
        const funded = { ...request, funding: { ...request.funding, amountYuan: amount } };
        expect(strength(funded)).toBeLessThanOrEqual(strength(request));
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a decision stricter when the street approves', () => {
    fc.assert(
      fc.property(demand, (request) => {
        const approved = { ...request, streetReview: { status: 'approved' as const } };
        expect(strength(approved)).toBeLessThanOrEqual(strength(request));
      }),
      { numRuns: 300 },
    );
  });

  it('always gives at least one reason, and the decision is the strongest of them', () => {
    fc.assert(
      fc.property(demand, (request) => {
        const decision = evaluate(request, defaultRuleSet);
        expect(decision.reasons.length).toBeGreaterThan(0);
        const strongest = Math.max(...decision.reasons.map((r) => STRENGTH[r.effect]));
        expect(STRENGTH[decision.decision]).toBe(strongest);
      }),
      { numRuns: 300 },
    );
  });
});

describe('no 500 for anything a client sends', () => {
  const fieldValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.jsonValue()));
  const body = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
    fc
      .record(
        {
          title: fieldValue,
          description: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fieldValue),
          communityRole: fc.oneof(fc.constantFrom('responsible', 'assist', 'informational'), fieldValue),
          areas: fc.oneof(fc.array(fc.constantFrom('demolition', 'tax-and-revenue', 'x')), fieldValue),
          listItem: fieldValue,
          oneVoteVeto: fieldValue,
          funding: fc.oneof(fc.record({ amountYuan: fieldValue, conditions: fieldValue }, { requiredKeys: [] }), fieldValue),
          streetReview: fc.oneof(fc.record({ status: fc.constantFrom('none', 'pending', 'approved', 'rejected', 'maybe') }), fieldValue),
          responsibleUnits: fc.oneof(fc.array(fc.string()), fieldValue),
          assistingUnits: fc.oneof(fc.array(fc.string()), fieldValue),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
  );

  it('answers random bodies on every endpoint with 200 or a 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/evaluate', '/api/v1/evaluate/batch'), body, fc.constantFrom('application/json', 'text/csv', 'text/plain'), async (path, text, type) => {
        const batchBody = path.endsWith('batch') && type === 'application/json' ? `{"items":[${text}]}` : text;
        const response = await call(path, { method: 'POST', headers: { 'content-type': type }, body: batchBody });
        expect(response.status).toBeLessThan(500);
        const json = (await response.json()) as { error?: { code: string; message: string } };
        if (response.status >= 400) {
          expect(json.error?.code).toBeTruthy();
          expect(json.error?.message).toBeTruthy();
        }
      }),
      { numRuns: 250 },
    );
  });
});
