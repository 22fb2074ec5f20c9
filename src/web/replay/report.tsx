/**
 * The replay report (src/replay/replay.ts ReplayReport) as a page section: totals, the flips old → new with
 * counts, reason codes gained and lost, and examples with the text that made the difference marked.
 */
import type { Effect } from '../../engine/types.ts';
import { WEB_TEXT } from '../../messages.ts';
import type { ChangeGroup, ReasonChange, ReplayEvidence, ReplayExample, ReplayReport } from '../../replay/replay.ts';
import { chinaDateTime } from '../layout/format.ts';
import { TEXT_FIELDS } from '../layout/highlight.ts';
import { DecisionBadge } from '../layout/parts.tsx';
import { fileName, FILE_KEYS, type CandidateSource } from './candidate.ts';

const R = WEB_TEXT.replay.report;
const C = R.columns;

/** Reason code → the effect its decision rule gives, to colour the marks as the other pages do. */
export type EffectOf = (code: string) => Effect | undefined;

const decisionLabel = (d: string) => WEB_TEXT.decision[d] ?? d;
const reasonLabel = (code: string) => WEB_TEXT.reasonLabel[code] ?? code;
const codeList = (codes: string[]) => (codes.length > 0 ? codes.join('、') : R.none);

/** A rule-set version (sha256: and 64 hex digits) that may break across lines on a phone. */
function Version({ version, id }: { version: string; id?: string }) {
  const parts = version.match(/^sha256:|.{1,16}/g) ?? [version];
  return <code id={id}>{parts.map((part, i) => (i === 0 ? part : <><wbr />{part}</>))}</code>;
}

/** The evidence's context ("…before【text】after…") as runs, the evidence itself marked. */
function Context({ evidence, effect, change }: { evidence: ReplayEvidence; effect: Effect | undefined; change: 'added' | 'removed' }) {
  const marked = `【${evidence.text}】`;
  const at = evidence.context.indexOf(marked);
  if (at < 0) return <span class="replay-context">{evidence.context}</span>;
  return (
    <span class="replay-context">
      {evidence.context.slice(0, at)}
      <mark class={`ev ev-${effect ?? 'warning'}`} data-change={change} title={change === 'added' ? R.added : R.removed}>{evidence.text}</mark>
      {evidence.context.slice(at + marked.length)}
    </span>
  );
}

function Changes({ heading, changes, effectOf, change }: { heading: string; changes: ReasonChange[]; effectOf: EffectOf; change: 'added' | 'removed' }) {
  if (changes.length === 0) return null;
  return (
    <>
      <p class="replay-changes-heading"><strong>{heading}</strong></p>
      <ul class="reasons">
        {changes.map((r) => {
          const effect = effectOf(r.code);
          const detail = [r.area, r.listItem].filter(Boolean).join(' ');
          return (
            <li class={effect ? `reason-${effect}` : undefined} data-code={r.code} data-change={change}>
              {reasonLabel(r.code)}（<code>{r.code}</code>{detail ? ` ${detail}` : ''}）
              {r.evidence.length === 0 ? (
                <p class="muted">{R.noEvidence}</p>
              ) : (
                r.evidence.map((e) => (
                  <p class="evidence-field" data-field={e.field}>
                    <span class="muted">
                      {(TEXT_FIELDS as readonly string[]).includes(e.field)
                        ? R.evidence(WEB_TEXT.fieldLabel[e.field] ?? e.field, e.start, e.end)
                        : R.declared(WEB_TEXT.fieldLabel[e.field] ?? e.field)}
                    </span>
                    <Context evidence={e} effect={effect} change={change} />
                  </p>
                ))
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Example({ example, effects }: { example: ReplayExample; effects: { added: EffectOf; removed: EffectOf } }) {
  return (
    <article class="card" data-request-id={example.requestId} data-version={String(example.version)} data-kind={example.kind}>
      <p>
        <a href={`/requests/${example.requestId}`}>{example.requestId}</a>{' '}
        <span class="muted">{R.example(example.version, R.kind[example.kind] ?? example.kind, chinaDateTime(example.at), example.department)}</span>
      </p>
      <p>
        <DecisionBadge decision={example.oldDecision} /> → <DecisionBadge decision={example.newDecision} />
      </p>
      <p class="muted">{R.reasons(codeList(example.oldReasons), codeList(example.newReasons))}</p>
      <Changes heading={R.removedReasons} changes={example.removed} effectOf={effects.removed} change="removed" />
      <Changes heading={R.addedReasons} changes={example.added} effectOf={effects.added} change="added" />
    </article>
  );
}

function Group({ group, heading, effects }: { group: ChangeGroup; heading: string; effects: { added: EffectOf; removed: EffectOf } }) {
  const key = `${group.from}→${group.to}`;
  return (
    <section class="replay-group" data-group={key} aria-label={heading}>
      <h4>{heading}</h4>
      {group.examples.map((example) => <Example example={example} effects={effects} />)}
      {group.count > group.examples.length ? <p class="muted">{R.more(group.count - group.examples.length)}</p> : null}
    </section>
  );
}

export interface ReportProps {
  report: ReplayReport;
  currentVersion: string;
  source: CandidateSource;
  effects: { added: EffectOf; removed: EffectOf };
}

export function ReplayReportView({ report, currentVersion, source, effects }: ReportProps) {
  const t = report.totals;
  const changed = t.flipped + t.reasonsChanged > 0;
  const codeRows = [
    ...report.reasonCodes.added.map((c) => ({ ...c, change: 'added' as const })),
    ...report.reasonCodes.removed.map((c) => ({ ...c, change: 'removed' as const })),
  ];
  return (
    <section class="card" id="replay-report" aria-labelledby="replay-report-heading">
      <h2 id="replay-report-heading">{R.heading}</h2>
      <p class="flash" id="replay-read-only">{WEB_TEXT.replay.readOnly}</p>
      <dl class="facts" id="replay-facts">
        <dt>{R.candidateVersion}</dt>
        <dd><Version id="replay-candidate-version" version={report.candidateVersion} />{report.candidateVersion === currentVersion ? R.sameAsCurrent : ''}</dd>
        <dt>{R.currentVersion}</dt>
        <dd><Version version={currentVersion} /></dd>
        <dt>{R.composition}</dt>
        <dd id="replay-composition">{R.composed(source.given.map(fileName), FILE_KEYS.length - source.given.length, source.how)}</dd>
        <dt>{R.range}</dt>
        <dd>{R.rangeText(report.range.from, report.range.to)}</dd>
      </dl>

      <p id="replay-totals">{R.totals(t)}</p>
      {t.entries === 0 ? <p class="muted">{R.empty}</p> : !changed ? <p id="replay-nothing-changes"><strong>{R.nothingChanges}</strong></p> : null}

      <h3>{R.flips}</h3>
      {report.flips.length === 0 ? (
        <p class="muted">{R.noFlips}</p>
      ) : (
        <div class="table-wrap">
          <table id="replay-flips">
            <thead>
              <tr>
                <th scope="col">{C.from}</th>
                <th scope="col">{C.to}</th>
                <th scope="col" class="num">{C.count}</th>
              </tr>
            </thead>
            <tbody>
              {report.flips.map((g) => (
                <tr data-flip={`${g.from}→${g.to}`}>
                  <td><DecisionBadge decision={g.from} /></td>
                  <td><DecisionBadge decision={g.to} /></td>
                  <td class="num" data-count={String(g.count)}>{g.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {report.reasonChanges.length > 0 ? (
        <>
          <h3>{R.reasonChanges}</h3>
          <div class="table-wrap">
            <table id="replay-reason-changes">
              <thead>
                <tr>
                  <th scope="col">{C.decision}</th>
                  <th scope="col" class="num">{C.count}</th>
                </tr>
              </thead>
              <tbody>
                {report.reasonChanges.map((g) => (
                  <tr data-decision={g.from}>
                    <td><DecisionBadge decision={g.from} /></td>
                    <td class="num" data-count={String(g.count)}>{g.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {codeRows.length > 0 ? (
        <>
          <h3>{R.codes}</h3>
          <div class="table-wrap">
            <table id="replay-codes">
              <thead>
                <tr>
                  <th scope="col">{C.reason}</th>
                  <th scope="col">{C.code}</th>
                  <th scope="col">{C.change}</th>
                  <th scope="col" class="num">{C.count}</th>
                </tr>
              </thead>
              <tbody>
                {codeRows.map((row) => (
                  <tr data-code={row.code} data-change={row.change}>
                    <td>{reasonLabel(row.code)}</td>
                    <td><code>{row.code}</code></td>
                    <td>{row.change === 'added' ? R.added : R.removed}</td>
                    <td class="num" data-count={String(row.count)}>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {changed ? (
        <div id="replay-examples">
          <h3>{R.examples}</h3>
          <p class="muted">{R.examplesHint}</p>
          {report.flips.map((g) => <Group group={g} heading={R.flipGroup(decisionLabel(g.from), decisionLabel(g.to), g.count)} effects={effects} />)}
          {report.reasonChanges.map((g) => <Group group={g} heading={R.reasonGroup(decisionLabel(g.from), g.count)} effects={effects} />)}
        </div>
      ) : null}

      {report.skipped.length > 0 ? (
        <>
          <h3>{R.skipped}</h3>
          <ul id="replay-skipped">
            {report.skipped.map((s) => <li><a href={`/requests/${s.requestId}`}>{s.requestId}</a> {R.skippedLine(s.version, R.kind[s.kind] ?? s.kind, s.problem)}</li>)}
          </ul>
        </>
      ) : null}
      {report.notes.length > 0 ? (
        <>
          <h3>{R.notes}</h3>
          <ul id="replay-notes">
            {report.notes.map((n) => <li><a href={`/requests/${n.requestId}`}>{n.requestId}</a> {R.skippedLine(n.version, R.kind[n.kind] ?? n.kind, R.unknownListItem(n.listItem))}</li>)}
          </ul>
        </>
      ) : null}

      {report.recordedVersions.length > 0 ? (
        <details id="replay-recorded-versions">
          <summary>{R.recordedVersions}</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{C.version}</th>
                  <th scope="col" class="num">{C.entries}</th>
                </tr>
              </thead>
              <tbody>
                {report.recordedVersions.map((v) => (
                  <tr>
                    <td><Version version={v.version} />{v.sameAsCandidate ? R.sameAsCandidate : ''}</td>
                    <td class="num">{v.entries}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
