// The apps a member allowed to read their records (or a child's): what each may read, when it was connected and
// last used, and Remove access, which ends the grant and every token at once.
import { Alert, Button } from '@cmsgov/design-system';
import type { ConnectedAppsResponse } from '@openpbm/shared/fhir-apps';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteJson, getJson } from '../../../components/api/client';
import { Facts } from '../../../components/content/Facts';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { MemberGate } from '../benefits/MemberGate';
import './connected-apps.css';
import { ActionError } from '../../../components/content/ActionError';

type ConnectedApp = ConnectedAppsResponse['apps'][number];
const KEY = ['fhir-apps', 'connected'] as const;

function AppCard({ app, onRemoved }: { app: ConnectedApp; onRemoved: (name: string) => void }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteJson<void>(`/api/fhir-apps/connected/${encodeURIComponent(app.grantId)}`),
    onSuccess: async () => {
      onRemoved(app.clientName);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <li className="connected-apps__card">
      <h3 className="ds-text-heading--lg connected-apps__name">{app.clientName}</h3>
      <Facts
        rows={[
          ['Record', app.patientName],
          ['Connected', formatInstant(app.connectedAt)],
          ['Last used', app.lastUsedAt ? formatInstant(app.lastUsedAt) : 'Not yet'],
        ]}
      />
      <p className="connected-apps__label">It may:</p>
      <ul className="connected-apps__scopes">
        {[...new Set(app.scopes.map((s) => s.description))].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Button
        variation="solid"
        disabled={remove.isPending}
        onClick={() => remove.mutate()}
        aria-label={`Remove access for ${app.clientName}`}
      >
        {remove.isPending ? 'Removing…' : 'Remove access'}
      </Button>
      <ActionError error={remove.error} heading="Access was not removed" />
    </li>
  );
}

function ConnectedApps() {
  const query = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<ConnectedAppsResponse>('/api/fhir-apps/connected'),
  });
  const [removed, setRemoved] = useState<string | null>(null);
  return (
    <Section
      heading="Apps that can read your records"
      intro="Apps you allowed to read your pharmacy claims and coverage, or those of a child you manage. Removing access stops the app at once."
    >
      {removed ? (
        <Alert variation="success" headingLevel="3" heading="Access removed" role="status">
          {removed} can no longer read these records.
        </Alert>
      ) : null}
      <QueryBoundary query={query} what="your connected apps">
        {({ apps }) =>
          apps.length === 0 ? (
            <p>No apps are connected to your records.</p>
          ) : (
            <ul className="connected-apps__list">
              {apps.map((app) => (
                <AppCard key={app.grantId} app={app} onRemoved={setRemoved} />
              ))}
            </ul>
          )
        }
      </QueryBoundary>
    </Section>
  );
}

export function ConnectedAppsPage() {
  return (
    <Page title="Connected apps" heading="Connected apps" eyebrow="Members">
      <MemberGate purpose="your connected apps">{() => <ConnectedApps />}</MemberGate>
    </Page>
  );
}
