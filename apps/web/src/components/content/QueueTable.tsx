import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

export interface QueueColumn<T> {
  title: string;
  cell: (row: T) => ReactNode;
  /** The column that names the row (a case number, a title): a row header for screen readers. */
  rowHeader?: boolean;
  /** A class on the column's body cells (amounts in tabular figures). */
  className?: string;
  /** A class on its header cell too (`no-print` for a column left off paper). */
  headClassName?: string;
}

/**
 * A work queue (or any list of records) as a table that stacks into labelled cards below the md breakpoint:
 * the review and case queues, the order lists, the case lists and the report tables share it.
 */
export function QueueTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  compact = true,
  className,
  breakpoint = 'md',
  rowClassName,
}: {
  caption: ReactNode;
  columns: ReadonlyArray<QueueColumn<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Said instead of an empty table: a sentence (shown as a paragraph) or a whole element such as an Alert. */
  empty: ReactNode;
  compact?: boolean;
  className?: string;
  /** Below this width the rows stack into labelled cards (wide tables stack earlier, at lg). */
  breakpoint?: 'md' | 'lg';
  rowClassName?: (row: T) => string | undefined;
}) {
  if (rows.length === 0) return typeof empty === 'string' ? <p>{empty}</p> : <>{empty}</>;
  return (
    <Table stackable stackableBreakpoint={breakpoint} compact={compact} className={className}>
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.title} className={c.headClassName}>
              {c.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <TableCell
                  key={c.title}
                  component="th"
                  scope="row"
                  stackedTitle={c.title}
                  className={c.className}
                >
                  {c.cell(row)}
                </TableCell>
              ) : (
                <TableCell key={c.title} stackedTitle={c.title} className={c.className}>
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
