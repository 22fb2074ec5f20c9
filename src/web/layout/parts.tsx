/** Pieces every area uses: badges, error messages next to fields, the engine's decision with its evidence. */
import type { Decision, Reason } from '../../engine/types.ts';
import { WEB_TEXT } from '../../messages.ts';
import { highlight, spansFor, TEXT_FIELDS, type TextField } from './highlight.ts';

const P = WEB_TEXT.precheck;

export type FieldErrors = Record<string, string>;

/** The id of a form control, so labels, error links and tests find it. */
export const fieldId = (name: string) => `field-${name}`;
export const errorId = (name: string) => `error-${name}`;

export function DecisionBadge({ decision }: { decision: string }) {
  return <span class={`badge badge-${decision}`} data-decision={decision}>{WEB_TEXT.decision[decision] ?? decision}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class="badge badge-status" data-status={status}>{WEB_TEXT.status[status] ?? status}</span>;
}

export function Flash({ message }: { message: string | null | undefined }) {
  return message ? <p class="flash" role="status" id="flash">{message}</p> : null;
}

/** The errors of a form at its top, each linking to its field. */
export function ErrorSummary({ errors, id = 'error-summary' }: { errors: FieldErrors; id?: string }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" id={id} tabindex={-1}>
      <h2>{WEB_TEXT.errors.heading}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>{name === 'form' ? message : <a href={`#${fieldId(name)}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const message = errors[name];
  return message ? <p class="field-error" id={errorId(name)}>{message}</p> : null;
}

/** aria attributes of a control that may carry an error and a hint. */
export function described(name: string, errors: FieldErrors, hint = false) {
  const ids = [hint ? `hint-${name}` : '', errors[name] ? errorId(name) : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': errors[name] ? 'true' : undefined };
}

export function Hint({ name, children }: { name: string; children: string }) {
  return <span class="hint" id={`hint-${name}`}>{children}</span>;
}

function ReasonItem({ reason }: { reason: Reason }) {
  const declared = reason.evidence.filter((e) => !(TEXT_FIELDS as readonly string[]).includes(e.field));
  return (
    <li class={`reason reason-${reason.effect}`} data-code={reason.code}>
      <p class="reason-message">{reason.message}</p>
      <blockquote class="clause">
        <span class="clause-id">{WEB_TEXT.clause(reason.clause)}</span>“{reason.quote}”
      </blockquote>
      <p class="fix"><strong>{P.fix}：</strong>{reason.fix}</p>
      {declared.length > 0 ? (
        <p class="muted">{P.declared}：{declared.map((e) => WEB_TEXT.fieldLabel[e.field] ?? e.field).join('、')}</p>
      ) : null}
    </li>
  );
}

export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  return (
    <ol class="reasons">
      {reasons.map((reason) => <ReasonItem reason={reason} />)}
    </ol>
  );
}

/** Read-only copies of the texts with the words that triggered each reason marked. */
export function EvidenceCopy({ decision, texts }: { decision: Decision; texts: Partial<Record<TextField, string>> }) {
  const shown = TEXT_FIELDS.filter((f) => (texts[f] ?? '').trim() !== '');
  if (shown.length === 0) return null;
  const anyMarked = shown.some((f) => spansFor(decision, f, texts[f]!).length > 0);
  return (
    <div class="evidence-copy">
      <h3>{P.evidence}</h3>
      <p class="muted">{anyMarked ? P.evidenceHint : P.noEvidence}</p>
      {shown.map((f) => {
        const text = texts[f]!;
        return (
          <p class="evidence-field" data-field={f}>
            <span class="field-name">{WEB_TEXT.fieldLabel[f] ?? f}</span>
            {highlight(text, spansFor(decision, f, text)).map((run) =>
              run.kind ? <mark class={`ev ev-${run.kind}`} title={run.labels!.join('；')}>{run.text}</mark> : run.text,
            )}
          </p>
        );
      })}
    </div>
  );
}

/** The engine's decision: conclusion, each reason with clause and fix, burden warnings, highlighted evidence. */
export function DecisionView({ decision, texts }: { decision: Decision; texts: Partial<Record<TextField, string>> }) {
  return (
    <div class="decision-view">
      <p class={`decision decision-${decision.decision}`} data-decision={decision.decision}>
        {P.decision}：{WEB_TEXT.decisionLong[decision.decision] ?? decision.decision}
      </p>
      <h3>{P.reasons}</h3>
      <ReasonList reasons={decision.reasons} />
      {decision.warnings.length > 0 ? (
        <>
          <h3>{P.warnings}</h3>
          <ul class="warnings">
            {decision.warnings.map((w) => <li data-code={w.code}>{w.message}</li>)}
          </ul>
        </>
      ) : null}
      <EvidenceCopy decision={decision} texts={texts} />
      <p class="muted">{WEB_TEXT.rulesVersion(decision.rulesVersion.slice(0, 19))}</p>
    </div>
  );
}

/** The texts of a request body, for the evidence copy. */
export function textsOf(body: { title?: unknown; description?: unknown; funding?: unknown }): Partial<Record<TextField, string>> {
  const funding = body.funding as { conditions?: unknown } | undefined;
  return {
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    ...(typeof funding?.conditions === 'string' ? { 'funding.conditions': funding.conditions } : {}),
  };
}
