// The public privacy page: the current notice, older versions, and the cookie preferences.
import type { NoticeView } from '@openpbm/shared/privacy';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../components/api/client';
import { Markdown } from '../../components/content/Markdown';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { Section } from '../../components/content/Section';
import { formatDate } from '../../components/format/dates';
import { publicNoticesQuery } from '../../components/privacy/BusinessTransferBanner';
import { CookiePreferences } from '../../components/privacy/CookieBanner';

function NoticeText({ notice }: { notice: NoticeView }) {
  return (
    <>
      <p>
        Version {notice.version}, effective {formatDate(notice.effectiveDate)}.
      </p>
      <Section heading="What changed">
        <p>{notice.summaryOfChanges}</p>
      </Section>
      <Markdown source={notice.bodyMarkdown} />
    </>
  );
}

export function PrivacyPage() {
  const query = useQuery(publicNoticesQuery);
  return (
    <Page title="Privacy" heading="Privacy notice" eyebrow="Privacy">
      <QueryBoundary query={query} what="the privacy notice">
        {({ current, older }) => (
          <>
            {current ? <NoticeText notice={current} /> : <p>No privacy notice has been published yet.</p>}
            <Section heading="Older versions">
              {older.length === 0 ? (
                <p>There are no older versions.</p>
              ) : (
                <ul>
                  {older.map((n) => (
                    <li key={n.id}>
                      <Link to="/privacy/versions/$noticeId" params={{ noticeId: n.id }}>
                        {n.kind === 'business_transfer' ? n.title : `Version ${n.version}`}
                      </Link>{' '}
                      (effective {formatDate(n.effectiveDate)})
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            <Section heading="Your choices">
              <p>
                Members can opt out of marketing, research and de-identified data from{' '}
                <Link to="/members/privacy">their privacy page</Link>.
              </p>
              <CookiePreferences />
            </Section>
          </>
        )}
      </QueryBoundary>
    </Page>
  );
}

export function PrivacyVersionPage() {
  const { noticeId } = useParams({ strict: false }) as { noticeId: string };
  const query = useQuery({
    queryKey: ['privacy', 'notice', noticeId],
    queryFn: () => getJson<NoticeView>(`/api/privacy/notices/${noticeId}`),
  });
  return (
    <Page title="Privacy notice version" heading="Privacy notice (older version)" eyebrow="Privacy">
      <QueryBoundary query={query} what="this version">
        {(notice) => (
          <>
            <NoticeText notice={notice} />
            <p>
              <Link to="/privacy">Back to the current notice</Link>
            </p>
          </>
        )}
      </QueryBoundary>
    </Page>
  );
}
