/**
 * `npm run rules:check [-- --rules <dir>] [--seed <file>] [--source <name>=<file>]... [--verbose] [--json]`
 *
 * Checks a rule set before it is deployed (src/ruleset/check/check.ts): files valid, clause quotes verbatim in
 * their sources, no decision rule that can never fire, no phrase claimed with two outcomes, every reason code and
 * area exercised by a golden case (and which list entries none exercises). Exits 1 on any error.
 *
 * --rules   the rules directory to check (default rules/): point it at a candidate copy before deploying.
 *           Golden cases are read from <dir>/cases.
 * --seed    the seed document (default seeds/000_6203db52c4c6d6cc.txt): item-9 quotes must be found in it.
 * --source  another source text for list clauses, named as clauses cite it (e.g. "民发〔2015〕136号=path").
 *           Also read: <dir>/sources/*.txt|md (named by file name) and ../shared/spec/domain.md, when they exist.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RULE_FILES, type RuleSetFiles } from '../src/ruleset/types.ts';
import { checkRuleSet, type RuleFilesInput } from '../src/ruleset/check/check.ts';
import type { CaseFile } from '../src/ruleset/check/coverage.ts';
import { DOMAIN_REFERENCE } from '../src/ruleset/check/quotes.ts';
import { formatReport } from '../src/ruleset/check/report.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rules: { type: 'string' },
    seed: { type: 'string', default: join(root, 'seeds', '000_6203db52c4c6d6cc.txt') },
    source: { type: 'string', multiple: true, default: [] },
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const rulesDir = values.rules ? resolve(values.rules) : join(root, 'rules');
const rulesLabel = values.rules ?? 'rules/';
const readErrors: string[] = [];

function readJson(path: string, label: string): unknown {
  if (!existsSync(path)) {
    readErrors.push(`${label}: file not found (${path})`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    readErrors.push(`${label}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

const files: RuleFilesInput = {};
for (const key of Object.keys(RULE_FILES) as (keyof RuleSetFiles)[]) {
  const { file } = RULE_FILES[key];
  files[key] = readJson(join(rulesDir, file.replace(/^rules\//, '')), file);
}

const casesDir = join(rulesDir, 'cases');
const cases: CaseFile[] = existsSync(casesDir)
  ? readdirSync(casesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => ({ file, content: readJson(join(casesDir, file), `rules/cases/${file}`) }))
      .filter((c) => c.content !== undefined)
  : [];
if (cases.length === 0) readErrors.push(`no golden case files in ${casesDir}`);

if (!existsSync(values.seed)) {
  console.error(`seed document not found: ${values.seed}`);
  process.exit(2);
}
const seedText = readFileSync(values.seed, 'utf8');

const sourceTexts: Record<string, string> = {};
// Policy texts kept beside the rules, named as clauses cite them (rules/sources/村民委员会组织法.txt).
const sourcesDir = join(rulesDir, 'sources');
if (existsSync(sourcesDir)) {
  for (const file of readdirSync(sourcesDir).filter((f) => /\.(txt|md)$/.test(f)).sort()) {
    sourceTexts[file.replace(/\.(txt|md)$/, '')] = readFileSync(join(sourcesDir, file), 'utf8');
  }
}
const domainMd = join(root, '..', 'shared', 'spec', 'domain.md');
if (existsSync(domainMd)) sourceTexts[DOMAIN_REFERENCE] = readFileSync(domainMd, 'utf8');
for (const spec of values.source) {
  const at = spec.indexOf('=');
  if (at <= 0) {
    console.error(`--source wants <name>=<file>, got "${spec}"`);
    process.exit(2);
  }
  sourceTexts[spec.slice(0, at)] = readFileSync(spec.slice(at + 1), 'utf8');
}

const check = checkRuleSet(files, { seedText, sourceTexts, cases });
// Files that could not be read at all come first: the loader then reports them as missing.
check.errors.unshift(...readErrors);
check.findings.unshift(...readErrors.map((message) => ({ level: 'error' as const, kind: 'invalid' as const, message })));

if (values.json) console.log(JSON.stringify(check, null, 2));
else console.log(formatReport(check, { rulesDir: rulesLabel, sources: ['seed document', ...Object.keys(sourceTexts)], verbose: values.verbose }));
process.exitCode = check.errors.length > 0 ? 1 : 0;
