/**
 * Versioned rule sets: every batch that records a decision stores the rule set that made it (rule_sets), and
 * GET /api/v1/rules/:version serves any of them — the current one from memory, older ones from D1 — after the
 * Worker has moved on. Older rule sets are played by second apps built with createApp(otherRuleSet) against the
 * same D1, as a deployment of another rule set would be.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { defaultRuleSet } from '../../src/engine/default-rule-set.ts';
import { compileRuleSet, type CompiledRuleSet } from '../../src/engine/rule-set.ts';
import { bundledRuleFiles } from '../../src/ruleset/bundle.ts';
import type { RuleSetFiles } from '../../src/ruleset/types.ts';
import { ruleSetVersion } from '../../src/ruleset/version.ts';
import { db, loadDemoData, TOKENS } from '../support/demo-data.ts';
import { call } from '../support/worker.ts';
import { approve, createPending, expectErrorShape, get, read, submissionBody, type RequestView } from '../workflow/helpers.ts';

/** The bundled rule set with one more veto phrase: another version, deciding like the bundled one elsewhere. */
function variant(phrase: string): CompiledRuleSet {
  const files = structuredClone(bundledRuleFiles) as RuleSetFiles & { veto: { phrases: string[] } };
  files.veto.phrases.push(phrase);
  return compileRuleSet(files);
}

/** A deployment of another rule set, on the same D1. */
function deployed(ruleSet: CompiledRuleSet) {
  const app = createApp(ruleSet);
  return (path: string, init: RequestInit = {}, token: string = TOKENS.department) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body) headers.set('content-type', 'application/json');
    return read(app.fetch(new Request(`http://duty-gate.test${path}`, { ...init, headers }), env));
  };
}

const storedVersions = async () =>
  (await db.prepare('SELECT version FROM rule_sets ORDER BY version').all<{ version: string }>()).results.map((r) => r.version);

beforeAll(loadDemoData);

describe('every recorded decision stores its rule set', () => {
  it('a submission through the running Worker stores the bundled rule set, content hashing to its version', async () => {
    await createPending();
    const row = await db.prepare('SELECT content, first_used_at FROM rule_sets WHERE version = ?').bind(defaultRuleSet.version).first<{ content: string; first_used_at: string }>();
    expect(row).not.toBeNull();
    expect(ruleSetVersion(JSON.parse(row!.content))).toBe(defaultRuleSet.version);
    expect(Date.parse(row!.first_used_at)).not.toBeNaN();
  });

  it('creation, revision and approval each store the rule set that decided, once', async () => {
    const [forCreate, forRevise, forApprove] = [variant('甲版否决'), variant('乙版否决'), variant('丙版否决')];
    const created = await deployed(forCreate)('/api/v1/requests', { method: 'POST', body: JSON.stringify(submissionBody('forbidden')) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body.request as RequestView).id;
    expect(await storedVersions()).toContain(forCreate.version);

    const revised = await deployed(forRevise)(`/api/v1/requests/${id}`, { method: 'PUT', body: JSON.stringify({ ...submissionBody('assistance'), version: 1 }) });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect((revised.body.request as RequestView).status).toBe('pending-review');
    expect(await storedVersions()).toContain(forRevise.version);

    const approved = await deployed(forApprove)(
      `/api/v1/requests/${id}/review`,
      { method: 'POST', body: JSON.stringify({ action: 'approve', version: 2, comment: '同意，街道提供工作经费', fundingConfirmed: true }) },
      TOKENS.reviewer,
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((approved.body.request as RequestView).rulesVersion).toBe(forApprove.version);
    expect(await storedVersions()).toContain(forApprove.version);

    // A second decision by the same rule set adds nothing.
    const before = (await storedVersions()).length;
    await deployed(forCreate)('/api/v1/requests', { method: 'POST', body: JSON.stringify(submissionBody('statutory')) });
    expect((await storedVersions()).length).toBe(before);
  });

  it('every rule set a decision names is in D1 (versions and approvals alike)', async () => {
    const named = await db
      .prepare(
        `SELECT rules_version AS v FROM request_versions
         UNION SELECT json_extract(result, '$.rulesVersion') FROM reviews WHERE result IS NOT NULL
         UNION SELECT rules_version FROM requests`,
      )
      .all<{ v: string }>();
    const stored = new Set(await storedVersions());
    expect(named.results.length).toBeGreaterThan(1);
    for (const { v } of named.results) expect(stored.has(v), v).toBe(true);
  });
});

describe('GET /api/v1/rules/:version', () => {
  it('serves the current rule set as GET /api/v1/rules does, cacheable for good', async () => {
    const current = await get('/api/v1/rules');
    const byVersion = await read(call(`/api/v1/rules/${defaultRuleSet.version}`));
    expect(byVersion.status).toBe(200);
    expect(byVersion.body).toEqual(current.body);
    expect(byVersion.headers.get('cache-control')).toContain('immutable');
    expect(byVersion.headers.get('etag')).toBe(`"${defaultRuleSet.version}"`);
    // The bare hash and upper case name the same version.
    const hex = defaultRuleSet.version.slice('sha256:'.length);
    expect((await read(call(`/api/v1/rules/${hex}`))).body).toEqual(current.body);
    expect((await read(call(`/api/v1/rules/${hex.toUpperCase()}`))).status).toBe(200);
    expect((await read(call(`/api/v1/rules/${encodeURIComponent(defaultRuleSet.version)}`))).status).toBe(200);
  });

  it('serves the rule set of an old decision from D1 after the Worker moved on', async () => {
    const old = variant('丁版否决');
    const created = await deployed(old)('/api/v1/requests', { method: 'POST', body: JSON.stringify(submissionBody('assistance')) });
    expect(created.status).toBe(201);
    const id = (created.body.request as RequestView).id;

    // The running Worker (the bundled rule set) records a newer decision on the same request.
    const newer = await approve(id, 1);
    expect(newer.status, JSON.stringify(newer.body)).toBe(200);
    expect(newer.body.request.rulesVersion).toBe(defaultRuleSet.version);

    // Both decisions name a rule set the running Worker can serve.
    const record = await get(`/api/v1/requests/${id}`, TOKENS.admin);
    const versionsNamed = [
      ...(record.body.versions as Array<{ rulesVersion: string }>).map((v) => v.rulesVersion),
      ...(record.body.reviews as Array<{ result: { rulesVersion: string } | null }>).flatMap((r) => (r.result ? [r.result.rulesVersion] : [])),
    ];
    expect(versionsNamed).toEqual([old.version, defaultRuleSet.version]);
    const served = await read<{ rulesVersion: string; lexicon: { veto: { phrases: string[] } } }>(call(`/api/v1/rules/${old.version}`));
    expect(served.status).toBe(200);
    expect(served.body.rulesVersion).toBe(old.version);
    expect(served.body.lexicon.veto.phrases).toContain('丁版否决');
    const current = await read<{ lexicon: { veto: { phrases: string[] } } }>(call(`/api/v1/rules/${defaultRuleSet.version}`));
    expect(current.body.lexicon.veto.phrases).not.toContain('丁版否决');
    // Same shape as the current rule set's answer.
    expect(Object.keys(served.body).sort()).toEqual(Object.keys(current.body).sort());
  });

  it('404 for a version no decision was made by, 400 for a malformed one, 405 for other methods', async () => {
    const unknown = await read(call(`/api/v1/rules/sha256:${'0'.repeat(64)}`));
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body);
    expect(unknown.body.error.code).toBe('not-found');
    for (const bad of ['latest', 'sha256:abc', `sha1:${'0'.repeat(64)}`, `sha256:${'g'.repeat(64)}`]) {
      const answer = await read(call(`/api/v1/rules/${bad}`));
      expect(answer.status, bad).toBe(400);
      expectErrorShape(answer.body);
      expect(answer.body.error.code).toBe('invalid-request');
    }
    expect((await read(call(`/api/v1/rules/${defaultRuleSet.version}`, { method: 'DELETE' }))).status).toBe(405);
  });
});
