import { readdirSync, readFileSync } from 'node:fs';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { evaluate } from '../src/engine/evaluate.ts';
const texts: string[] = [];
for (const f of readdirSync('/work/main/rules/cases')) for (const c of JSON.parse(readFileSync('/work/main/rules/cases/' + f, 'utf8')).cases) if (c.request.description) texts.push(c.request.description);
// build 500-char texts
const corpus: string[] = [];
let cur = '';
for (const t of texts) { cur += t; if (cur.length >= 480) { corpus.push(cur.slice(0, 520)); cur = ''; } }
console.log('corpus', corpus.length);
for (let i = 0; i < 2000; i++) evaluate({ description: corpus[i % corpus.length] }, defaultRuleSet);
const N = 20000;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) evaluate({ description: corpus[i % corpus.length] }, defaultRuleSet);
const us = Number(process.hrtime.bigint() - t0) / 1e3 / N;
console.log(`${us.toFixed(1)} us/eval, ${(1e6 / us).toFixed(0)}/s`);
