import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';

interface ReferenceTableProps {
  caption: string;
  columns: readonly string[];
  /** First cell of each row is its header (the code). */
  rows: readonly (readonly string[])[];
}

export function ReferenceTable({ caption, columns, rows }: ReferenceTableProps) {
  return (
    <Table className="reference-table" stackable stackableBreakpoint="sm">
      <TableCaption>{caption}</TableCaption>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c}>{c}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([first, ...rest]) => (
          <TableRow key={first}>
            <TableCell component="th" scope="row" stackedTitle={columns[0]}>
              {first}
            </TableCell>
            {rest.map((cell, i) => (
              <TableCell key={columns[i + 1]} stackedTitle={columns[i + 1]}>
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
