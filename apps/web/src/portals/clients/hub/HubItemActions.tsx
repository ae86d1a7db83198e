import { Alert, Button } from '@cmsgov/design-system';
import type { ContentDetailView, FlyerClientsView } from '@openpbm/shared/content-hub';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { SelectField } from '../../../components/form';
import { useSession } from '../../../identity/session';

const PORTAL_ROLES = new Set(['client_user', 'advisor']);

function usePortalUser(): boolean | null {
  const session = useSession();
  if (session.isPending) return null;
  return PORTAL_ROLES.has(session.data?.user?.role ?? '');
}

/** An upcoming webinar: register (once), and the calendar file for anyone. */
function WebinarActions({ item }: { item: ContentDetailView }) {
  const portalUser = usePortalUser();
  const client = useQueryClient();
  const register = useMutation({
    mutationFn: () =>
      postJson<{ registered: true }>(`/api/content/webinars/${encodeURIComponent(item.slug)}/registration`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['content', 'item', item.slug] }),
  });
  const ics = `/api/content/webinars/${encodeURIComponent(item.slug)}/calendar.ics`;
  return (
    <section className="hub-actions" aria-label="Webinar registration">
      {item.registered ? (
        <Alert variation="success" heading="You’re registered" headingLevel="2">
          <p>Your place is saved. Add the session to your calendar with the file below.</p>
        </Alert>
      ) : portalUser ? (
        <p>
          <Button onClick={() => register.mutate()} disabled={register.isPending}>
            {register.isPending ? 'Registering…' : 'Register for this webinar'}
          </Button>
        </p>
      ) : portalUser === false ? (
        <p>
          Plan sponsors and advisors register with their portal account.{' '}
          <ButtonLink to="/sign-in" variation="outline">
            Sign in to register
          </ButtonLink>
        </p>
      ) : null}
      <ActionError error={register.error} heading="You are not registered yet" />
      <p>
        <a href={ics} download>
          Add to my calendar (.ics file)
        </a>
      </p>
    </section>
  );
}

/** A marketing flyer: the PDF with the name of a client the user acts for. */
function FlyerDownload({ item }: { item: ContentDetailView }) {
  const query = useQuery({
    queryKey: ['content', 'flyer-clients'],
    queryFn: () => getJson<FlyerClientsView>('/api/content/flyer-clients'),
  });
  const [chosen, setChosen] = useState('');
  return (
    <section className="hub-actions" aria-labelledby="flyer-heading">
      <h2 id="flyer-heading" className="ds-text-heading--lg">
        Your flyer
      </h2>
      <QueryBoundary query={query} what="your clients">
        {({ clients }) => {
          if (clients.length === 0)
            return <p>Your account acts for no client yet, so there is no name to put on the flyer.</p>;
          const clientId = chosen || (clients[0]?.id ?? '');
          const href = `/api/content/marketing/${encodeURIComponent(item.slug)}/flyer.pdf?clientId=${clientId}`;
          return (
            <>
              {clients.length > 1 ? (
                <SelectField
                  name="flyerClient"
                  label="Organization named on the flyer"
                  value={clientId}
                  onChange={(e) => setChosen(e.target.value)}
                  options={clients.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
                />
              ) : (
                <p>The flyer carries the name {clients[0]?.name}.</p>
              )}
              <p>
                <a className="ds-c-button ds-c-button--solid" href={href} download>
                  Download the flyer (PDF)
                </a>
              </p>
            </>
          );
        }}
      </QueryBoundary>
    </section>
  );
}

/** What a reader can do with an item beyond reading it: register, add to a calendar, download. */
export function HubItemActions({ item }: { item: ContentDetailView }) {
  const portalUser = usePortalUser();
  const upcoming = item.eventStartsAt !== null && new Date(item.eventStartsAt).getTime() > Date.now();
  if (item.type === 'webinar' && upcoming) return <WebinarActions item={item} />;
  if (item.type === 'publication' && !item.locked)
    return (
      <p className="hub-actions">
        <a
          className="ds-c-button ds-c-button--outline"
          href={`/api/content/publications/${encodeURIComponent(item.slug)}/document.pdf`}
          download
        >
          Download as PDF
        </a>
      </p>
    );
  if (item.type === 'marketing_tool' && !item.locked && portalUser) return <FlyerDownload item={item} />;
  return null;
}
