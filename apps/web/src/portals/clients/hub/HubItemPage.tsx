import { Alert } from '@cmsgov/design-system';
import type { ContentDetailView } from '@openpbm/shared/content-hub';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';
import { useSession } from '../../../identity/session';
import { HubItemActions } from './HubItemActions';
import { isRegisteredOnly, TYPE_SINGULAR, topicLabel } from './hub-labels';
import './hub.css';

function Locked() {
  const session = useSession();
  const signedIn = Boolean(session.data?.signedIn);
  return (
    <Alert heading="For registered users" headingLevel="2">
      {signedIn ? (
        <p>This item is for registered plan sponsors and advisors. Your account type cannot read it.</p>
      ) : (
        <>
          <p>
            Sign in to read the whole item, or register with your work e-mail address: it takes a few minutes.
          </p>
          <p className="ds-u-margin-top--2">
            <ButtonLink to="/sign-in">Sign in</ButtonLink>{' '}
            <ButtonLink to="/clients/register" variation="outline">
              Register
            </ButtonLink>
          </p>
        </>
      )}
    </Alert>
  );
}

function Item({ item }: { item: ContentDetailView }) {
  const upcoming = item.eventStartsAt !== null && new Date(item.eventStartsAt).getTime() > Date.now();
  return (
    <article>
      <p className="hub-list__meta">
        {TYPE_SINGULAR[item.type]} · published {formatInstant(item.publishedAt)}
        {isRegisteredOnly(item) ? ' · Registered users' : ''}
      </p>
      {item.eventStartsAt ? (
        <p>
          <strong>{upcoming ? 'Starts' : 'Took place'}:</strong> {formatInstant(item.eventStartsAt)}
        </p>
      ) : null}
      <p className="ds-text-body--lg">{item.summary}</p>
      {item.locked ? (
        <Locked />
      ) : (
        // The server renders Markdown with raw HTML disabled and unsafe link schemes refused (content/markdown.ts).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server, see above
        <div className="hub-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml ?? '' }} />
      )}
      <HubItemActions item={item} />
      {item.recordingUrl ? (
        <p>
          <a href={item.recordingUrl} rel="noopener noreferrer">
            Watch the recording
          </a>
        </p>
      ) : null}
      <p>
        {item.topics.map((t) => (
          <a key={t} className="hub-tag" href={`/clients/hub?topic=${encodeURIComponent(t)}`}>
            {topicLabel(t)}
          </a>
        ))}
      </p>
      <p>
        <Link to="/clients/hub">Back to news and insights</Link>
      </p>
    </article>
  );
}

/** One hub item: in full, or its teaser and a sign-in prompt when it is for registered users. */
export function HubItemPage() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  const query = useQuery({
    queryKey: ['content', 'item', slug],
    queryFn: () => getJson<ContentDetailView>(`/api/content/items/${encodeURIComponent(slug)}`),
  });
  const title = query.data?.title ?? 'News and insights';
  return (
    <Page title={title} eyebrow="News and insights" heading={title}>
      <QueryBoundary query={query} what="this item">
        {(item) => <Item item={item} />}
      </QueryBoundary>
    </Page>
  );
}
