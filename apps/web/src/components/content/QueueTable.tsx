import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

export interface QueueColumn<T> {
  title: string;
  cell: (row: T) => ReactNode;
  /** The column that names the row (a case number, a title): a row header for screen readers. */
  rowHeader?: boolean;
}

/**
 * A work queue (or any list of records) as a compact table that stacks into labelled cards below the md
 * breakpoint: the clinical review queue, the customer-service case queue and the help-article list share it.
 */
export function QueueTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: ReadonlyArray<QueueColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Said instead of an empty table. */
  empty: ReactNode;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <Table stackable stackableBreakpoint="md" compact>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.title}>{c.title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <TableCell key={c.title} component="th" scope="row" stackedTitle={c.title}>
                  {c.cell(row)}
                </TableCell>
              ) : (
                <TableCell key={c.title} stackedTitle={c.title}>
                  {c.cell(row)}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
