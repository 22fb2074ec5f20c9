/** /rules (public): the rule set that decides — clauses with their quotes, the decision rules, the 9d areas, the four lists, the version. */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import type { WebEnv } from '../env.ts';
import { DecisionBadge } from '../layout/parts.tsx';
import { render } from '../page.tsx';

const R = WEB_TEXT.rulesPage;
const C = R.columns;

function ItemList({ id, title, source, items }: { id: string; title: string; source: string; items: Array<{ id: string; name: string; source: string }> }) {
  return (
    <details class="card" id={id}>
      <summary>{title}（{R.items(items.length)}）</summary>
      <p class="muted">{R.source}：{source}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{C.name}</th>
              <th scope="col">{C.source}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr data-id={i.id}>
                <td>{i.name}</td>
                <td class="muted">{i.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function rulesRoutes(ruleSet: CompiledRuleSet) {
  const app = new Hono<WebEnv>();
  const { data } = ruleSet;

  app.get('/rules', (c) =>
    render(
      c,
      R.title,
      <>
        <h1>{R.title}</h1>
        <p>{R.intro}</p>
        <p id="rules-version"><strong>{WEB_TEXT.rulesVersion('')}</strong><code>{ruleSet.version}</code></p>

        <section aria-labelledby="clauses-heading">
          <h2 id="clauses-heading">{R.clauses}</h2>
          <p class="muted">{R.source}：{data.clauses.source}</p>
          <ol class="list-plain" id="clauses">
            {data.clauses.clauses.map((cl) => (
              <li id={`clause-${cl.id}`}>
                <blockquote class="clause"><span class="clause-id">{WEB_TEXT.clause(cl.id)}</span>“{cl.quote}”</blockquote>
                <p><strong>{R.reading}：</strong>{cl.reading}</p>
                <p class="muted">{R.source}：{cl.source}</p>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="rules-heading">
          <h2 id="rules-heading">{R.rules}</h2>
          <div class="table-wrap">
            <table id="decision-rules">
              <thead>
                <tr>
                  <th scope="col">{R.reasonCode}</th>
                  <th scope="col">{R.effect}</th>
                  <th scope="col">{C.clause}</th>
                  <th scope="col">{C.quote}</th>
                </tr>
              </thead>
              <tbody>
                {data.decisionRules.rules.map((rule) => (
                  <tr data-rule={rule.name}>
                    <td>
                      {WEB_TEXT.reasonLabel[rule.event.type] ?? rule.event.type}
                      <br />
                      <code>{rule.event.type}</code>
                    </td>
                    <td><DecisionBadge decision={rule.event.params.effect} /></td>
                    <td>{WEB_TEXT.clause(rule.event.params.clause)}</td>
                    <td>{ruleSet.clauseQuotes.get(rule.event.params.clause) ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="areas-heading">
          <h2 id="areas-heading">{R.areas}</h2>
          <div class="table-wrap">
            <table id="areas">
              <thead>
                <tr>
                  <th scope="col">{C.label}</th>
                  <th scope="col">{C.code}</th>
                  <th scope="col">{C.source}</th>
                </tr>
              </thead>
              <tbody>
                {data.areas.areas.map((a) => (
                  <tr>
                    <td>{a.label}</td>
                    <td><code>{a.code}</code></td>
                    <td class="muted">{a.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="lists-heading">
          <h2 id="lists-heading">{R.lists}</h2>
          <ItemList id="list-statutory" title={data.statutoryDuties.title} source={data.statutoryDuties.source} items={data.statutoryDuties.items} />
          <ItemList id="list-assistance" title={data.assistanceByLaw.title} source={data.assistanceByLaw.source} items={data.assistanceByLaw.items} />
          <ItemList id="list-negative" title={data.negativeList.title} source={data.negativeList.source} items={data.negativeList.items} />
          <ItemList id="list-certificates-retained" title={`${data.certificates.title}：${R.retained}`} source={data.certificates.source} items={data.certificates.retained} />
          <ItemList id="list-certificates-cancelled" title={`${data.certificates.title}：${R.cancelled}`} source={data.certificates.source} items={data.certificates.cancelled} />
        </section>
      </>,
    ),
  );

  return app;
}
