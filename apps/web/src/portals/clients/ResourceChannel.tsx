import type { ContentSummaryView, ContentType } from '@openpbm/shared/content-hub';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useId } from 'react';
import { getJson } from '../../components/api/client';

interface ResourceChannelProps {
  heading: string;
  icon: ReactNode;
  description: string;
  /** The hub type this channel shows the latest of. */
  type: ContentType;
  /** What to say while nothing has been published in this channel. */
  emptyText: string;
}

/** One content channel (news, webinars, publications) with its heading, latest three items and a link to all. */
export function ResourceChannel({ heading, icon, description, type, emptyText }: ResourceChannelProps) {
  const headingId = useId();
  const query = useQuery({
    queryKey: ['content', 'list', { type, when: type === 'webinar' ? 'upcoming' : '' }],
    queryFn: () =>
      getJson<{ items: ContentSummaryView[] }>(
        `/api/content?type=${type}${type === 'webinar' ? '&when=upcoming' : ''}`,
      ),
  });
  const items = (query.data?.items ?? []).slice(0, 3);
  return (
    <section aria-labelledby={headingId} className="resource-channel">
      <h2 id={headingId} className="resource-channel__heading">
        <span className="resource-channel__icon">{icon}</span>
        {heading}
      </h2>
      <p>{description}</p>
      {query.isPending ? null : items.length === 0 ? (
        <p className="resource-channel__empty">{emptyText}</p>
      ) : (
        <ul className="ds-c-list">
          {items.map((item) => (
            <li key={item.slug}>
              <Link to="/clients/hub/$slug" params={{ slug: item.slug }}>
                {item.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/clients/hub?type=${type}`}>All {heading.toLowerCase()}</a>
      </p>
    </section>
  );
}
