import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { FormularyDocumentsView } from '@openpbm/shared/client-tools';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { formatDate } from '../../components/format/dates';
import { formatCount } from '../../components/format/money';
import { SecureToolGate } from './SecureToolGate';

/** The formularies behind one client's plans, each downloadable as its drug list (needs the formulary documents tool). */
export function FormularyDocumentsPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const query = useQuery({
    queryKey: ['clients', clientId, 'formulary-documents'],
    queryFn: () => getJson<FormularyDocumentsView>(`/api/clients/${clientId}/formulary-documents`),
  });
  return (
    <Page
      title="Formulary documents"
      eyebrow="Client portal"
      heading="Formulary documents"
      lead="The formularies your plans use. Each download lists every covered drug with its tier and whether it needs prior authorization, step therapy or has a quantity limit."
    >
      <SecureToolGate>
        <QueryBoundary query={query} what="the formulary documents">
          {(data) =>
            data.documents.length === 0 ? (
              <p>No plan of {data.client.name} has a formulary yet.</p>
            ) : (
              <Table stackable stackableBreakpoint="md" compact>
                <TableCaption>
                  Formularies of {data.client.name} ({data.client.code})
                </TableCaption>
                <TableHead>
                  <TableRow>
                    <TableCell>Formulary</TableCell>
                    <TableCell>Used by plans</TableCell>
                    <TableCell>Effective</TableCell>
                    <TableCell>Drugs</TableCell>
                    <TableCell>Document</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.documents.map((d) => (
                    <TableRow key={d.formularyId}>
                      <TableCell component="th" scope="row" stackedTitle="Formulary">
                        {d.name} ({d.code})
                      </TableCell>
                      <TableCell stackedTitle="Used by plans">
                        {d.plans.map((p) => p.name).join(', ')}
                      </TableCell>
                      <TableCell stackedTitle="Effective">{formatDate(d.effectiveDate)}</TableCell>
                      <TableCell stackedTitle="Drugs">{formatCount(d.drugs)}</TableCell>
                      <TableCell stackedTitle="Document">
                        <a
                          href={`/api/clients/${clientId}/formulary-documents/${d.formularyId}/drugs.csv`}
                          download
                        >
                          Drug list (CSV)<span className="ds-u-visibility--screen-reader"> for {d.name}</span>
                        </a>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )
          }
        </QueryBoundary>
      </SecureToolGate>
    </Page>
  );
}
