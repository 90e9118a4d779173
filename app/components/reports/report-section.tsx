import type { ShownTable } from "~/models/report-tables";
import { BarChart } from "./bar-chart";

/**
 * One figure of the reports page: its chart and, beside it (below on a portrait tablet), a table
 * of the same numbers, then the link to download the table as CSV. A period with nothing to count
 * says so instead of drawing empty bars.
 */
export function ReportSection({ table, csvHref }: { table: ShownTable; csvHref: string | null }) {
  const headingId = `report-${table.id}`;
  // The chart draws one column, and only rows with a number in it (a median row has its own cell kind).
  const chartRows = table.rows
    .filter((r) => r.cells[table.chart.column]?.text !== "" && r.label !== "Median days")
    .map((r) => ({ label: r.label, shown: r.cells[table.chart.column]! }));
  return (
    <section className="report" aria-labelledby={headingId} data-table={table.id}>
      <h2 id={headingId}>{table.title}</h2>
      <p className="hint">{table.note}</p>
      {table.hasData ? (
        <div className="report-pair">
          <figure className="report-chart">
            <BarChart title={table.title} rows={chartRows} percent={table.chart.percent} />
            <figcaption className="hint">{`${table.columns[table.chart.column]}, drawn; the table gives every number.`}</figcaption>
          </figure>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={`${table.title} (table; scrolls sideways on small screens)`}>
            <table className="report-table">
              <caption className="visually-hidden">{table.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{table.rowHeading}</th>
                  {table.columns.map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={table.columns[i]} className={c.value === null && c.text !== "" ? "withheld" : undefined}>
                        {c.text}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <div className="empty">
          <p>Nothing to count for this period and these filters.</p>
        </div>
      )}
      {csvHref ? (
        <p>
          <a href={csvHref} className="tap" download>
            Download “{table.title}” as CSV
          </a>
        </p>
      ) : null}
    </section>
  );
}
