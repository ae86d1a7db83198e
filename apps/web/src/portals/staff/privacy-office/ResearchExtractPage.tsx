// The privacy officer's research extract: de-identified paid claims of a year (Safe Harbor, small cells
// suppressed), leaving out every member who opted out of research or of de-identified data. Each production is
// recorded in the audit log.
import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { type DeidentifiedExtract, researchExtractQuery } from '@openpbm/shared/privacy';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { getJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatCount } from '../../../components/format/money';

const yearForm = z.object({ year: researchExtractQuery.shape.year });
/** The page shows the first rows; the whole extract is the API's JSON. */
const SHOWN_ROWS = 10;

function Extract({ year }: { year: number }) {
  const query = useQuery({
    queryKey: ['privacy', 'research-extract', year],
    queryFn: () => getJson<DeidentifiedExtract>(`/api/privacy/research/claims-extract?year=${year}`),
  });
  return (
    <QueryBoundary query={query} what="the research extract">
      {(extract) => (
        <Section heading={`Paid claims of ${extract.year}`}>
          <p role="status" data-testid="research-summary">
            {formatCount(extract.rows.length)} de-identified paid claims.{' '}
            {formatCount(extract.optedOutMembersLeftOut)} members who opted out of research or of
            de-identified data were left out.
          </p>
          {extract.rows.length === 0 ? (
            <p>No paid claims in {extract.year} may be used for research.</p>
          ) : (
            // Eleven columns: the table scrolls sideways in its own box rather than widening the page.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe scrollable-region-focusable)
            <section className="privacy-table" aria-label="Research extract rows" tabIndex={0}>
              <Table stackable stackableBreakpoint="md" compact>
                <TableCaption>
                  {extract.rows.length > SHOWN_ROWS
                    ? `The first ${SHOWN_ROWS} of ${formatCount(extract.rows.length)} rows`
                    : 'All rows'}
                </TableCaption>
                <TableHead>
                  <TableRow>
                    {extract.columns.map((c) => (
                      <TableCell key={c}>{c}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {extract.rows.slice(0, SHOWN_ROWS).map((row, i) => (
                    // Rows carry no identifier by design, so their position is their key.
                    // biome-ignore lint/suspicious/noArrayIndexKey: de-identified rows have no id
                    <TableRow key={i}>
                      {extract.columns.map((c) => (
                        <TableCell key={c} stackedTitle={c}>
                          {row[c] ?? 'suppressed'}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          )}
        </Section>
      )}
    </QueryBoundary>
  );
}

export function ResearchExtractPage() {
  const lastYear = new Date().getUTCFullYear() - 1;
  const form = useZodForm(yearForm, { defaultValues: { year: lastYear } });
  const [year, setYear] = useState<number | null>(null);
  return (
    <Page
      title="Research extract"
      heading="Research claims extract"
      eyebrow="Privacy office"
      lead="De-identified paid claims (HIPAA Safe Harbor, cells under 11 suppressed) without the members who opted out of research or of de-identified data."
    >
      <Form form={form} onSubmit={(v) => setYear(v.year)} aria-label="Produce the research extract">
        <Field name="year" label="Year of the paid claims" inputMode="numeric" hint="For example 2025." />
        <SubmitButton pending="Producing…">Produce the extract</SubmitButton>
      </Form>
      {year === null ? null : <Extract year={year} />}
    </Page>
  );
}
