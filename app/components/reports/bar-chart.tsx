import { useId } from "react";
import type { Shown } from "~/models/report-cells";

const WIDTH = 480;
const ROW = 46;
const LABEL = 18;
const BAR = 18;
const VALUE_ROOM = 110;

/**
 * A horizontal bar chart drawn by hand in SVG (no chart library: the page's download matters more
 * than animations). Each row's label sits above its bar, so long labels fit a portrait tablet.
 * The picture is one image to assistive technology, named and described; the table beside it holds
 * the same numbers for anyone who reads rather than looks. A suppressed or withheld number draws
 * no bar and says so in words, never by colour alone.
 */
export function BarChart({ title, rows, percent }: { title: string; rows: { label: string; shown: Shown }[]; percent: boolean }) {
  const id = useId();
  const max = percent ? 100 : Math.max(1, ...rows.map((r) => r.shown.value ?? 0));
  const usable = WIDTH - VALUE_ROOM;
  const height = rows.length * ROW + 4;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{`Bar chart: ${title}`}</title>
      <desc id={`${id}-desc`}>The same numbers are in the table that goes with this chart.</desc>
      {rows.map((r, i) => {
        const y = i * ROW;
        const value = r.shown.value;
        const width = value === null ? 0 : Math.max(value > 0 ? 2 : 0, (value / max) * usable);
        return (
          <g key={r.label} transform={`translate(0 ${y})`}>
            <text x={0} y={LABEL - 4} className="bar-label">
              {r.label}
            </text>
            {value === null ? null : <rect x={0} y={LABEL} width={width} height={BAR} className="bar" rx={2} />}
            <text x={width + 8} y={LABEL + BAR - 4} className={value === null ? "bar-value withheld" : "bar-value"}>
              {r.shown.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
