import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { ContentEditorItemView } from '@openpbm/shared/content-hub';
import { CONTENT_TYPE_LABELS } from '@openpbm/shared/content-hub';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';

export const stateOf = (item: ContentEditorItemView, now = Date.now()): string => {
  if (item.status === 'draft') return 'Draft';
  if (item.publishAt && new Date(item.publishAt).getTime() > now)
    return `Scheduled for ${formatInstant(item.publishAt)}`;
  return `Published ${formatInstant(item.publishAt)}`;
};

/** The account team's list of hub items: drafts, scheduled and published, newest change first. */
export function ContentListPage() {
  const query = useQuery({
    queryKey: ['content', 'editor', 'list'],
    queryFn: () => getJson<{ items: ContentEditorItemView[] }>('/api/content/editor/items'),
  });
  return (
    <Page
      title="Hub content"
      eyebrow="Account team"
      heading="News and insights content"
      lead="Write in Markdown, preview, then publish now or schedule. Registered-only items show only their teaser to visitors."
      actions={<ButtonLink to="/staff/account-team/content/new">Write a new item</ButtonLink>}
    >
      <QueryBoundary query={query} what="the content">
        {({ items }) => (
          <Table stackable stackableBreakpoint="md" compact>
            <TableCaption>Hub items</TableCaption>
            <TableHead>
              <TableRow>
                <TableCell>Title</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Who reads it</TableCell>
                <TableCell>State</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell component="th" scope="row" stackedTitle="Title">
                    <Link to="/staff/account-team/content/$itemId" params={{ itemId: item.id }}>
                      {item.title}
                    </Link>
                  </TableCell>
                  <TableCell stackedTitle="Type">{CONTENT_TYPE_LABELS[item.type]}</TableCell>
                  <TableCell stackedTitle="Who reads it">
                    {item.visibility === 'public' ? 'Everyone' : 'Registered users'}
                  </TableCell>
                  <TableCell stackedTitle="State">{stateOf(item)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryBoundary>
    </Page>
  );
}
