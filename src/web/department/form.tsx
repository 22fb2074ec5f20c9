/** The department's request form (new and revise) with the pre-check panel beside it. */
import type { Decision } from '../../engine/types.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { listOrganisation } from '../../store/users.ts';
import type { TextField } from '../layout/highlight.ts';
import { DecisionView, described, ErrorSummary, FieldError, fieldId, Hint, type FieldErrors } from '../layout/parts.tsx';
import type { RequestFormValues } from './form-values.ts';

const F = WEB_TEXT.form;
const P = WEB_TEXT.precheck;

export interface FormOptions {
  streets: Array<{ id: string; name: string; communities: Array<{ id: string; name: string }> }>;
  listGroups: Array<{ label: string; items: Array<{ id: string; name: string }> }>;
  areas: Array<{ code: string; label: string }>;
  clauseLabels: Record<string, string>;
}

export async function loadFormOptions(db: D1Database, ruleSet: CompiledRuleSet): Promise<FormOptions> {
  const org = await listOrganisation(db);
  const communities = org.communities as Array<{ id: string; name: string; streetId: string }>;
  const streets = (org.streets as Array<{ id: string; name: string }>).map((s) => ({
    id: s.id,
    name: s.name,
    communities: communities.filter((c) => c.streetId === s.id).map(({ id, name }) => ({ id, name })),
  }));
  const { data } = ruleSet;
  return {
    streets,
    listGroups: [data.statutoryDuties, data.assistanceByLaw].map((list) => ({
      label: list.title,
      items: list.items.map(({ id, name }) => ({ id, name })),
    })),
    areas: data.areas.areas.map(({ code, label }) => ({ code, label })),
    clauseLabels: Object.fromEntries(data.clauses.clauses.map((c) => [c.id, WEB_TEXT.clause(c.id)])),
  };
}

/** The words the client script needs to render a decision like the server does. */
function clientText(options: FormOptions) {
  return JSON.stringify({
    decision: P.decision,
    decisionLong: WEB_TEXT.decisionLong,
    decisionShort: WEB_TEXT.decision,
    reasons: P.reasons,
    fix: P.fix,
    warnings: P.warnings,
    evidence: P.evidence,
    evidenceHint: P.evidenceHint,
    noEvidence: P.noEvidence,
    declared: P.declared,
    empty: P.empty,
    failed: P.failed,
    amountInvalid: WEB_TEXT.errors.amountInvalid,
    summary: P.summary,
    rulesVersion: WEB_TEXT.rulesVersion('').trim(),
    reasonLabel: WEB_TEXT.reasonLabel,
    fieldLabel: WEB_TEXT.fieldLabel,
    clauses: options.clauseLabels,
  });
}

export type Precheck =
  | { kind: 'decision'; decision: Decision; texts: Partial<Record<TextField, string>> }
  | { kind: 'errors'; errors: FieldErrors }
  | { kind: 'empty' };

export function PrecheckPanel({ precheck, options }: { precheck: Precheck; options: FormOptions }) {
  return (
    <aside class="card precheck" id="precheck" aria-labelledby="precheck-heading" data-text={clientText(options)} tabindex={-1}>
      <h2 id="precheck-heading">{P.heading}</h2>
      <div id="precheck-body" aria-live="polite">
        {precheck.kind === 'decision' ? (
          <DecisionView decision={precheck.decision} texts={precheck.texts} />
        ) : precheck.kind === 'errors' ? (
          <ul class="field-error">{Object.values(precheck.errors).map((m) => <li>{m}</li>)}</ul>
        ) : (
          <p class="muted">{P.empty}</p>
        )}
      </div>
    </aside>
  );
}

/** One line under the text on phones, where the panel is far below: the conclusion, linking to the panel. */
export function PrecheckSummary({ precheck }: { precheck: Precheck }) {
  return (
    <p class="precheck-summary" id="precheck-summary" aria-live="polite">
      {precheck.kind === 'decision' ? (
        <a href="#precheck">
          {P.summary.replace('{decision}', WEB_TEXT.decision[precheck.decision.decision] ?? precheck.decision.decision).replace('{n}', String(precheck.decision.reasons.length))}
        </a>
      ) : null}
    </p>
  );
}

export interface RequestFormProps {
  action: string;
  mode: 'new' | 'revise';
  values: RequestFormValues;
  errors: FieldErrors;
  precheck: Precheck;
  options: FormOptions;
  department: string | null;
  version?: number;
  idempotencyKey?: string;
  cancelHref: string;
}

export function RequestForm(p: RequestFormProps) {
  const { values: v, errors, options } = p;
  const text = (name: 'title' | 'legalBasis', label: string, hint: string, max: number) => (
    <div class="field">
      <label for={fieldId(name)}>{label}</label>
      <Hint name={name}>{hint}</Hint>
      <FieldError name={name} errors={errors} />
      <input type="text" name={name} id={fieldId(name)} value={v[name]} maxlength={max} {...described(name, errors, true)} />
    </div>
  );
  return (
    <div class="layout-form">
      <form method="post" action={p.action} id="request-form" data-department={p.department ?? undefined} novalidate>
        <ErrorSummary errors={errors} />
        {p.version !== undefined ? <input type="hidden" name="version" value={String(p.version)} /> : null}
        {p.idempotencyKey ? <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} /> : null}
        <fieldset>
          <legend>{F.basics}</legend>
          {text('title', F.title, F.titleHint, 200)}
          <div class="field">
            <label for={fieldId('description')}>{F.description}</label>
            <Hint name="description">{F.descriptionHint}</Hint>
            <FieldError name="description" errors={errors} />
            <textarea name="description" id={fieldId('description')} rows={7} maxlength={20000} {...described('description', errors, true)}>{v.description}</textarea>
            <PrecheckSummary precheck={p.precheck} />
          </div>
          <div class="field">
            <label for={fieldId('communityRole')}>{F.role}</label>
            <Hint name="communityRole">{F.roleHint}</Hint>
            <FieldError name="communityRole" errors={errors} />
            <select name="communityRole" id={fieldId('communityRole')} {...described('communityRole', errors, true)}>
              {Object.entries(WEB_TEXT.communityRoleOption).map(([value, label]) => (
                <option value={value} selected={v.communityRole === value}>{label}</option>
              ))}
            </select>
          </div>
          <fieldset id={fieldId('areas')} {...described('areas', errors, true)}>
            <legend>{F.areas}</legend>
            <Hint name="areas">{F.areasHint}</Hint>
            <FieldError name="areas" errors={errors} />
            <div class="choices">
              {options.areas.map((a) => (
                <label class="choice">
                  <input type="checkbox" name="areas" value={a.code} id={`area-${a.code}`} checked={v.areas.includes(a.code)} />
                  {a.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="field">
            <label for={fieldId('listItem')}>{F.listItem}</label>
            <FieldError name="listItem" errors={errors} />
            <select name="listItem" id={fieldId('listItem')} {...described('listItem', errors)}>
              <option value="" selected={v.listItem === ''}>{F.listItemNone}</option>
              {v.listItem !== '' && !options.listGroups.some((g) => g.items.some((i) => i.id === v.listItem)) ? (
                <option value={v.listItem} selected>{v.listItem}</option>
              ) : null}
              {options.listGroups.map((g) => (
                <optgroup label={g.label}>
                  {g.items.map((i) => <option value={i.id} selected={v.listItem === i.id}>{i.name}</option>)}
                </optgroup>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{F.veto}</legend>
            <Hint name="oneVoteVeto">{F.vetoHint}</Hint>
            <FieldError name="oneVoteVeto" errors={errors} />
            <label class="choice">
              <input type="checkbox" name="oneVoteVeto" value="true" id={fieldId('oneVoteVeto')} checked={v.oneVoteVeto} aria-describedby="hint-oneVoteVeto" />
              {F.vetoLabel}
            </label>
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{F.funding}</legend>
          <div class="field">
            <label for={fieldId('fundingAmount')}>{F.amount}</label>
            <Hint name="fundingAmount">{F.amountHint}</Hint>
            <FieldError name="fundingAmount" errors={errors} />
            <input type="number" name="fundingAmount" id={fieldId('fundingAmount')} value={v.fundingAmount} min="0" step="any" inputmode="decimal" {...described('fundingAmount', errors, true)} />
          </div>
          <div class="field">
            <label for={fieldId('fundingConditions')}>{F.conditions}</label>
            <Hint name="fundingConditions">{F.conditionsHint}</Hint>
            <FieldError name="fundingConditions" errors={errors} />
            <textarea name="fundingConditions" id={fieldId('fundingConditions')} rows={3} maxlength={2000} {...described('fundingConditions', errors, true)}>{v.fundingConditions}</textarea>
          </div>
        </fieldset>
        <fieldset>
          <legend>{F.legalBasis}</legend>
          {text('legalBasis', F.legalBasis, F.legalBasisHint, 1000)}
          <div class="field">
            <label for={fieldId('deadline')}>{F.deadline}</label>
            <FieldError name="deadline" errors={errors} />
            <input type="date" name="deadline" id={fieldId('deadline')} value={v.deadline} {...described('deadline', errors)} />
          </div>
        </fieldset>
        <fieldset id={fieldId('targetCommunities')} {...described('targetCommunities', errors, true)}>
          <legend>{F.targets}</legend>
          <Hint name="targetCommunities">{F.targetsHint}</Hint>
          <FieldError name="targetCommunities" errors={errors} />
          {options.streets.map((s) => (
            <fieldset data-select-all={F.selectStreet(s.name)} data-street={s.id}>
              <legend>{s.name}</legend>
              <div class="choices">
                {s.communities.map((c) => (
                  <label class="choice">
                    <input type="checkbox" name="targetCommunities" value={c.id} id={`target-${c.id}`} checked={v.targetCommunities.includes(c.id)} />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" name="intent" value="check" class="secondary" id="precheck-button">{F.precheck}</button>
          <button type="submit" name="intent" value="submit" id="submit-button">{p.mode === 'new' ? F.submit : F.submitRevision}</button>
          <a href={p.cancelHref}>{F.cancel}</a>
        </div>
      </form>
      <PrecheckPanel precheck={p.precheck} options={options} />
    </div>
  );
}
