import type { ComponentChildren } from 'preact';

/** One column: its header and what each row shows in it; `when: false` leaves it out. */
export interface Column<R> {
  header: string;
  cell: (row: R) => ComponentChildren;
  when?: boolean;
}

/**
 * The back office's table of records: a header cell per column with `scope="col"`, an optional
 * caption for screen readers, one row per record. Every list page uses it, so each stays
 * accessible in the same way.
 */
export function DataTable<R>({
  rows,
  columns,
  rowKey,
  caption,
}: {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R, index: number) => string;
  caption?: string;
}) {
  const shown = columns.filter((c) => c.when !== false);
  return (
    <table class="data-table">
      {caption ? <caption class="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          {shown.map((c) => (
            <th scope="col" key={c.header}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)}>
            {shown.map((c) => (
              <td key={c.header}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
