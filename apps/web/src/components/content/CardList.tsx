import { Alert } from '@cmsgov/design-system';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { getJson } from '../api/client';
import { QueryBoundary } from './QueryBoundary';

export interface EmptyList {
  heading: string;
  text: ReactNode;
}

/** Records as a list of cards (`rx-card` items), or an alert saying there are none. */
export function CardList<T>({
  items,
  itemKey,
  card,
  empty,
}: {
  items: readonly T[];
  itemKey: (item: T) => string;
  /** One `<li className="rx-card">` an item. */
  card: (item: T) => ReactNode;
  empty: EmptyList;
}) {
  if (items.length === 0) {
    return (
      <Alert heading={empty.heading} headingLevel="2">
        <p>{empty.text}</p>
      </Alert>
    );
  }
  return (
    <ul className="rx-list">
      {items.map((item) => (
        <Fragment key={itemKey(item)}>{card(item)}</Fragment>
      ))}
    </ul>
  );
}

/** A CardList read from one GET endpoint: loading and load errors through QueryBoundary. */
export function FetchedCardList<R, T>({
  queryKey,
  url,
  pick,
  what,
  ...list
}: {
  queryKey: QueryKey;
  url: string;
  /** The records in the response. */
  pick: (response: R) => readonly T[];
  /** Said while loading and on a load error ("requests"). */
  what: string;
  itemKey: (item: T) => string;
  card: (item: T) => ReactNode;
  empty: EmptyList;
}) {
  const query = useQuery({ queryKey, queryFn: () => getJson<R>(url) });
  return (
    <QueryBoundary query={query} what={what}>
      {(data) => <CardList items={pick(data)} {...list} />}
    </QueryBoundary>
  );
}
