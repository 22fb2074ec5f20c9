/**
 * Charts drawn on the server as SVG: no script, no library. Colours come from the stylesheet (classes), so the
 * CSP needs no inline styles. Each chart is an image with a title; the numbers are in the table after it.
 */
import { WEB_TEXT } from '../../messages.ts';

const DECISIONS = ['allow', 'needs-review', 'reject'] as const;
type DecisionKey = (typeof DECISIONS)[number];

export interface StackRow {
  label: string;
  values: Record<DecisionKey, number>;
}

/** Truncates a label to fit a fixed column (CJK characters are about one em wide). */
function fit(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export function Legend() {
  return (
    <ul class="legend" aria-hidden="true">
      {DECISIONS.map((d) => (
        <li><span class={`key key-${d}`}></span>{WEB_TEXT.decision[d]}</li>
      ))}
    </ul>
  );
}

/** Horizontal stacked bars, one row per label (departments). */
export function StackedBars({ id, title, rows }: { id: string; title: string; rows: StackRow[] }) {
  const labelWidth = 120;
  const barWidth = 210;
  const rowHeight = 26;
  const width = labelWidth + barWidth + 40;
  const height = rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((r) => DECISIONS.reduce((s, d) => s + r.values[d], 0)));
  return (
    <svg class="chart" id={id} viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{WEB_TEXT.supervision.chartLabel(title)}</title>
      {rows.map((r, i) => {
        const y = 5 + i * rowHeight;
        let x = labelWidth;
        const total = DECISIONS.reduce((s, d) => s + r.values[d], 0);
        return (
          <g>
            <text x={labelWidth - 6} y={y + 16} text-anchor="end">{fit(r.label, 8)}</text>
            {DECISIONS.map((d) => {
              const w = (r.values[d] / max) * barWidth;
              const rect = w > 0 ? <rect class={`seg-${d}`} x={x.toFixed(1)} y={y + 3} width={w.toFixed(1)} height={rowHeight - 8}><title>{`${r.label} ${WEB_TEXT.decision[d]} ${r.values[d]}`}</title></rect> : null;
              x += w;
              return rect;
            })}
            <text x={(x + 5).toFixed(1)} y={y + 16}>{total}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical stacked columns, one per month. */
export function MonthColumns({ id, title, rows }: { id: string; title: string; rows: StackRow[] }) {
  const left = 34;
  const top = 22;
  const columnWidth = 44;
  const plotHeight = 150;
  const base = top + plotHeight;
  const width = Math.max(320, left + rows.length * columnWidth + 10);
  const height = base + 26;
  const max = Math.max(1, ...rows.map((r) => DECISIONS.reduce((s, d) => s + r.values[d], 0)));
  return (
    <svg class="chart" id={id} viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{WEB_TEXT.supervision.chartLabel(title)}</title>
      <line class="axis" x1={left} y1={base} x2={width - 5} y2={base} />
      <line class="axis" x1={left} y1={top} x2={left} y2={base} />
      <text x={left - 4} y={top + 4} text-anchor="end">{max}</text>
      <text x={left - 4} y={base} text-anchor="end">0</text>
      {rows.map((r, i) => {
        const x = left + i * columnWidth + 6;
        let y = base;
        const total = DECISIONS.reduce((s, d) => s + r.values[d], 0);
        return (
          <g>
            {DECISIONS.map((d) => {
              const h = (r.values[d] / max) * plotHeight;
              y -= h;
              return h > 0 ? <rect class={`seg-${d}`} x={x} y={y.toFixed(1)} width={columnWidth - 12} height={h.toFixed(1)}><title>{`${r.label} ${WEB_TEXT.decision[d]} ${r.values[d]}`}</title></rect> : null;
            })}
            <text x={x + (columnWidth - 12) / 2} y={(y - 4).toFixed(1)} text-anchor="middle">{total}</text>
            <text x={x + (columnWidth - 12) / 2} y={base + 16} text-anchor="middle">{r.label.slice(2)}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars of one series (reason counts). */
export function Bars({ id, title, rows, kind = 'count' }: { id: string; title: string; rows: Array<{ label: string; value: number }>; kind?: string }) {
  const labelWidth = 160;
  const barWidth = 170;
  const rowHeight = 24;
  const width = labelWidth + barWidth + 40;
  const height = rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <svg class="chart" id={id} viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{WEB_TEXT.supervision.chartLabel(title)}</title>
      {rows.map((r, i) => {
        const y = 5 + i * rowHeight;
        const w = (r.value / max) * barWidth;
        return (
          <g>
            <text x={labelWidth - 6} y={y + 15} text-anchor="end">{fit(r.label, 12)}</text>
            <rect class={`seg-${kind}`} x={labelWidth} y={y + 3} width={w.toFixed(1)} height={rowHeight - 8} />
            <text x={(labelWidth + w + 5).toFixed(1)} y={y + 15}>{r.value}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** A grid of communities × months, shaded by demands received, with the warnings of each community at the end. */
export function Heatmap({ id, title, rows, months }: { id: string; title: string; rows: Array<{ label: string; counts: number[]; warnings: number }>; months: string[] }) {
  const labelWidth = 130;
  const cell = 40;
  const width = labelWidth + months.length * cell + 70;
  const height = rows.length * 26 + 34;
  const max = Math.max(1, ...rows.flatMap((r) => r.counts));
  const shade = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4)));
  return (
    <svg class="chart" id={id} viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{WEB_TEXT.supervision.chartLabel(title)}</title>
      {months.map((m, j) => <text x={labelWidth + j * cell + cell / 2} y={16} text-anchor="middle">{m.slice(2)}</text>)}
      <text x={labelWidth + months.length * cell + 35} y={16} text-anchor="middle">{WEB_TEXT.supervision.columns.warnings}</text>
      {rows.map((r, i) => {
        const y = 24 + i * 26;
        return (
          <g>
            <text x={labelWidth - 6} y={y + 16} text-anchor="end">{fit(r.label, 9)}</text>
            {r.counts.map((n, j) => (
              <g>
                <rect class={`heat-${shade(n)}`} x={labelWidth + j * cell + 1} y={y} width={cell - 2} height={22} rx="3"><title>{`${r.label} ${months[j]} ${n}`}</title></rect>
                <text class={shade(n) >= 3 ? 'on-dark' : undefined} x={labelWidth + j * cell + cell / 2} y={y + 15} text-anchor="middle">{n}</text>
              </g>
            ))}
            <text x={labelWidth + months.length * cell + 35} y={y + 15} text-anchor="middle">{r.warnings}</text>
          </g>
        );
      })}
    </svg>
  );
}
