/**
 * /supervision/replay (admin only): the district admin gives a candidate rule set — the changed files uploaded, or
 * one pasted JSON object {"files": {…}} — and an optional date range; the page compiles it and replays it over the
 * recorded decisions with the functions POST /api/v1/replay uses (compileCandidate, readDecisionLog, replay), and
 * shows what would change and why. Nothing is written: not the decisions, not the rule set.
 *   GET  /supervision/replay               the form
 *   POST /supervision/replay               the report (or the form with what is wrong, next to its field)
 *   GET  /supervision/replay/files/:name   a file of the current rule set (veto.json…, or rule-set.json to paste)
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { Effect } from '../../engine/types.ts';
import { WEB_TEXT } from '../../messages.ts';
import { compileCandidate, DEFAULT_EXAMPLES, MAX_EXAMPLES, replay } from '../../replay/replay.ts';
import { readDecisionLog } from '../../store/decision-log.ts';
import { isIsoDate } from '../../workdays/index.ts';
import { field, type FormBody, type WebContext, type WebEnv } from '../env.ts';
import { described, ErrorSummary, FieldError, fieldId, Hint, type FieldErrors } from '../layout/parts.tsx';
import { notFoundPage, render, requirePage } from '../page.tsx';
import { chineseProblems, FILE_KEYS, FILE_NAMES, fileName, keyOfFileName, readCandidate } from './candidate.ts';
import { ReplayReportView, type EffectOf, type ReportProps } from './report.tsx';

const R = WEB_TEXT.replay;
const PATH = '/supervision/replay';
/** Room for every file of rules/ (under 100 KB today) many times over, as multipart or pasted. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** The whole current rule set as the paste field takes it. */
const ALL_FILES_NAME = 'rule-set.json';

interface FormValues {
  json: string;
  from: string;
  to: string;
  examples: string;
}

const EMPTY: FormValues = { json: '', from: '', to: '', examples: '' };

interface PageState {
  values: FormValues;
  errors: FieldErrors;
  /** The candidate's problems in Chinese, listed under the field it came from. */
  problems?: { field: 'files' | 'json'; list: string[] };
  report?: ReportProps;
}

function Problems({ name, state }: { name: 'files' | 'json'; state: PageState }) {
  if (state.problems?.field !== name) return null;
  return (
    <ul class="field-error" id={`problems-${name}`}>
      {state.problems.list.map((p) => <li>{p}</li>)}
    </ul>
  );
}

/** aria attributes of a control described by a hint shared with others (the date range's). */
function withHint(name: string, hint: string, errors: FieldErrors) {
  const aria = described(name, errors);
  return { ...aria, 'aria-describedby': [`hint-${hint}`, aria['aria-describedby']].filter(Boolean).join(' ') };
}

/** aria-describedby of the candidate fields: hint, error, and the problem list when there is one. */
function candidateAria(name: 'files' | 'json', state: PageState) {
  const aria = described(name, state.errors, true);
  if (state.problems?.field !== name) return aria;
  return { ...aria, 'aria-describedby': [aria['aria-describedby'], `problems-${name}`].filter(Boolean).join(' ') };
}

function ReplayForm({ state }: { state: PageState }) {
  const { values, errors } = state;
  return (
    <form method="post" action={PATH} enctype="multipart/form-data" id="replay-form" class="card" novalidate>
      <h2>{R.formHeading}</h2>
      <ErrorSummary errors={errors} />
      <div class="field">
        <label for={fieldId('files')}>{R.files}</label>
        <Hint name="files">{R.filesHint(FILE_NAMES.join('、'))}</Hint>
        <FieldError name="files" errors={errors} />
        <Problems name="files" state={state} />
        <input type="file" name="files" id={fieldId('files')} multiple accept=".json,application/json" {...candidateAria('files', state)} />
        <details id="current-files">
          <summary>{R.current}</summary>
          <ul class="actions">
            {FILE_NAMES.map((name) => <li><a href={`${PATH}/files/${name}`} download={name}>{name}</a></li>)}
            <li><a href={`${PATH}/files/${ALL_FILES_NAME}`} download={ALL_FILES_NAME}>{R.currentAll}</a></li>
          </ul>
        </details>
      </div>
      <div class="field">
        <label for={fieldId('json')}>{R.paste}</label>
        <Hint name="json">{R.pasteHint(FILE_KEYS.join('、'))}</Hint>
        <FieldError name="json" errors={errors} />
        <Problems name="json" state={state} />
        <textarea name="json" id={fieldId('json')} rows={6} spellcheck={false} {...candidateAria('json', state)}>{values.json}</textarea>
      </div>
      <fieldset>
        <legend>{R.range}</legend>
        <Hint name="range">{R.rangeHint}</Hint>
        <div class="actions">
          <div class="field">
            <label for={fieldId('from')}>{R.from}</label>
            <FieldError name="from" errors={errors} />
            <input type="date" name="from" id={fieldId('from')} value={values.from} {...withHint('from', 'range', errors)} />
          </div>
          <div class="field">
            <label for={fieldId('to')}>{R.to}</label>
            <FieldError name="to" errors={errors} />
            <input type="date" name="to" id={fieldId('to')} value={values.to} {...withHint('to', 'range', errors)} />
          </div>
        </div>
      </fieldset>
      <div class="field">
        <label for={fieldId('examples')}>{R.examples}</label>
        <Hint name="examples">{R.examplesHint}</Hint>
        <FieldError name="examples" errors={errors} />
        <input type="number" name="examples" id={fieldId('examples')} min="0" max={String(MAX_EXAMPLES)} step="1" inputmode="numeric" placeholder={String(DEFAULT_EXAMPLES)} value={values.examples} {...described('examples', errors, true)} />
      </div>
      <div class="actions">
        <button type="submit" id="replay-submit">{R.submit}</button>
      </div>
    </form>
  );
}

function page(c: WebContext, state: PageState, status: 200 | 400 | 413 = 200) {
  return render(
    c,
    R.title,
    <>
      <h1>{R.title}</h1>
      <p>{R.intro}</p>
      <p class="muted" id="replay-read-only-note">{R.readOnly}</p>
      {state.report ? <ReplayReportView {...state.report} /> : null}
      <ReplayForm state={state} />
    </>,
    status,
  );
}

const adminOnly: MiddlewareHandler<WebEnv> = async (c, next) => {
  const guard = requirePage(c, ['admin']);
  if (!guard.ok) return guard.response;
  await next();
};

/** Reason code → effect, from a rule set's decision rules. */
function effectsOf(ruleSet: CompiledRuleSet): EffectOf {
  const map = new Map<string, Effect>(ruleSet.data.decisionRules.rules.map((r) => [r.event.type, r.event.params.effect]));
  return (code) => map.get(code);
}

/** The dates and the number of examples, or what is wrong with them. */
function readOptions(values: FormValues): { errors: FieldErrors; from?: string; to?: string; examples: number } {
  const errors: FieldErrors = {};
  const from = values.from.trim() || undefined;
  const to = values.to.trim() || undefined;
  if (from && !isIsoDate(from)) errors.from = WEB_TEXT.errors.dateInvalid;
  if (to && !isIsoDate(to)) errors.to = WEB_TEXT.errors.dateInvalid;
  if (!errors.from && !errors.to && from && to && from > to) errors.to = WEB_TEXT.errors.dateRange;
  const raw = values.examples.trim();
  let examples = DEFAULT_EXAMPLES;
  if (raw !== '') {
    examples = Number(raw);
    if (!/^\d+$/.test(raw) || examples > MAX_EXAMPLES) errors.examples = R.errors.examplesInvalid;
  }
  return { errors, ...(from ? { from } : {}), ...(to ? { to } : {}), examples };
}

export function replayRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();
  const currentEffects = effectsOf(ruleSet);
  const limit = bodyLimit({
    maxSize: BODY_LIMIT,
    onError: (c) => page(c as WebContext, { values: EMPTY, errors: { files: R.errors.tooLarge('4 MB') } }, 413),
  });

  app.get(PATH, adminOnly, (c) => page(c, { values: EMPTY, errors: {} }));

  app.post(PATH, adminOnly, limit, async (c) => {
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    const values: FormValues = { json: field(body, 'json'), from: field(body, 'from'), to: field(body, 'to'), examples: field(body, 'examples') };
    const read = await readCandidate(body, ruleSet.data);
    const options = readOptions(values);
    // In the order of the fields, so the summary at the top reads as the form does.
    const errors: FieldErrors = { ...(read.ok ? {} : read.errors), ...options.errors };
    if (!read.ok || Object.keys(errors).length > 0) return page(c, { values, errors }, 400);

    const { source } = read;
    const candidate = compileCandidate(source.files);
    if (!candidate.ok) {
      const name = source.how === 'upload' ? 'files' : 'json';
      const list = chineseProblems(source.files, candidate.problems);
      return page(c, { values, errors: { [name]: R.errors.invalidCandidate(list.length) }, problems: { field: name, list } }, 400);
    }
    const { from, to, examples } = options;
    const entries = await readDecisionLog(c.env.DB, { from, to });
    const report = replay(entries, candidate.ruleSet, { examples, from, to });
    const candidateEffects = effectsOf(candidate.ruleSet);
    const effects = { added: candidateEffects, removed: (code: string) => currentEffects(code) ?? candidateEffects(code) };
    return page(c, { values, errors: {}, report: { report, currentVersion: ruleSet.version, source, effects } });
  });

  app.get(`${PATH}/files/:name`, adminOnly, (c) => {
    const name = c.req.param('name');
    const key = keyOfFileName(name);
    const content = name === ALL_FILES_NAME ? { files: ruleSet.data } : key && fileName(key) === name ? ruleSet.data[key] : null;
    if (content === null) return notFoundPage(c);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    c.header('Cache-Control', 'no-store');
    c.header('X-Rules-Version', ruleSet.version);
    return c.body(`${JSON.stringify(content, null, 2)}\n`);
  });

  return app;
}
