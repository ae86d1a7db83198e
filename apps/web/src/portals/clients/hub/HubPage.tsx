import { Button } from '@cmsgov/design-system';
import {
  CONTENT_TOPICS,
  CONTENT_TYPES,
  type ContentSummaryView,
  type ContentType,
} from '@openpbm/shared/content-hub';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { getJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { SelectField } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { isRegisteredOnly, TYPE_SINGULAR, topicLabel, typeLabel } from './hub-labels';
import './hub.css';

interface Filters {
  type: string;
  topic: string;
  q: string;
  when: string;
}

const fromLocation = (): Filters => {
  const p = new URLSearchParams(window.location.search);
  return {
    type: p.get('type') ?? '',
    topic: p.get('topic') ?? '',
    q: p.get('q') ?? '',
    when: p.get('when') ?? '',
  };
};

const queryString = (f: Filters) => {
  const p = new URLSearchParams();
  if (f.type) p.set('type', f.type);
  if (f.topic) p.set('topic', f.topic);
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.when) p.set('when', f.when);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function HubItemLine({ item }: { item: ContentSummaryView }) {
  return (
    <li className="hub-list__item">
      <h2 className="ds-text-heading--lg ds-u-margin-y--0">
        <Link to="/clients/hub/$slug" params={{ slug: item.slug }}>
          {item.title}
        </Link>
      </h2>
      <p className="hub-list__meta">
        {TYPE_SINGULAR[item.type]}
        {item.type === 'webinar' && item.eventStartsAt
          ? ` · ${formatInstant(item.eventStartsAt)}`
          : ` · ${formatInstant(item.publishedAt)}`}
        {isRegisteredOnly(item) ? ' · Registered users' : ''}
      </p>
      <p className="ds-u-margin-y--1">{item.summary}</p>
      <p className="ds-u-margin-y--0">
        {item.topics.map((t) => (
          <span key={t} className="hub-tag">
            {topicLabel(t)}
          </span>
        ))}
      </p>
    </li>
  );
}

/** The content hub: news, webinars, publications, trend strategies and marketing tools, with filters. */
export function HubPage() {
  const [filters, setFilters] = useState<Filters>(fromLocation);
  const [draft, setDraft] = useState<Filters>(filters);
  const searchId = useId();
  const query = useQuery({
    queryKey: ['content', 'list', filters],
    queryFn: () => getJson<{ items: ContentSummaryView[] }>(`/api/content${queryString(filters)}`),
  });
  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
    window.history.replaceState(null, '', `/clients/hub${queryString(draft)}`);
  }
  return (
    <Page
      title="News and insights"
      eyebrow="Plan sponsors and advisors"
      heading="News and insights"
      lead="News, webinars, publications, trend strategies and member flyers from OpenPBM. Items marked “Registered users” show their full text once you sign in."
    >
      <form className="hub-filters" onSubmit={apply} aria-label="Filter the hub">
        <SelectField
          name="type"
          label="Type"
          value={draft.type}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          options={[
            { value: '', label: 'All types' },
            ...CONTENT_TYPES.map((t) => ({ value: t, label: typeLabel(t as ContentType) })),
          ]}
        />
        <SelectField
          name="topic"
          label="Topic"
          value={draft.topic}
          onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
          options={[
            { value: '', label: 'All topics' },
            ...CONTENT_TOPICS.map((t) => ({ value: t, label: topicLabel(t) })),
          ]}
        />
        <SelectField
          name="when"
          label="Webinars"
          value={draft.when}
          onChange={(e) => setDraft({ ...draft, when: e.target.value })}
          options={[
            { value: '', label: 'Any item' },
            { value: 'upcoming', label: 'Upcoming webinars' },
            { value: 'past', label: 'Past webinars (recordings)' },
          ]}
        />
        <div className="kit-field">
          <label className="ds-c-label" htmlFor={searchId}>
            Words
          </label>
          <input
            id={searchId}
            className="ds-c-field"
            type="search"
            maxLength={200}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <Button type="submit">Show</Button>
      </form>
      <p>
        <a href="/api/content/feed.atom">Subscribe to the public items (Atom feed)</a>
      </p>
      <QueryBoundary query={query} what="the hub">
        {({ items }) =>
          items.length === 0 ? (
            <p role="status">Nothing matches these filters.</p>
          ) : (
            <ul className="hub-list" aria-label="Hub items">
              {items.map((item) => (
                <HubItemLine key={item.slug} item={item} />
              ))}
            </ul>
          )
        }
      </QueryBoundary>
    </Page>
  );
}
