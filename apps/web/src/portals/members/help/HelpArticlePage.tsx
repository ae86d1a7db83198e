import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatDate } from '../../../components/format/dates';
import { HELP_CATEGORY_LABELS } from './labels';
import './help.css';

interface Article {
  slug: string;
  category: string;
  title: string;
  body: string;
  portalPath: string;
  portalLabel: string;
  updatedAt: string;
}

export function HelpArticlePage() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  const article = useQuery({
    queryKey: ['help', 'article', slug],
    queryFn: () => getJson<Article>(`/api/help/articles/${slug}`),
  });
  return (
    <Page
      title={article.data?.title ?? 'Help'}
      eyebrow="Help center"
      heading={article.data?.title ?? 'Help article'}
    >
      <QueryBoundary query={article} what="this answer">
        {(a) => (
          <article className="help-article">
            <p className="help-result__topic">
              {HELP_CATEGORY_LABELS[a.category] ?? a.category} · updated {formatDate(a.updatedAt)}
            </p>
            {a.body.split(/\n{2,}/).map((paragraph) => (
              <p key={paragraph.slice(0, 40)}>{paragraph}</p>
            ))}
            <ButtonLink to={a.portalPath as never}>{a.portalLabel}</ButtonLink>
            <p className="help-contact">
              <Link to="/help">Back to the help center</Link> ·{' '}
              <Link to="/members/help/contact">Contact us</Link>
            </p>
          </article>
        )}
      </QueryBoundary>
    </Page>
  );
}
