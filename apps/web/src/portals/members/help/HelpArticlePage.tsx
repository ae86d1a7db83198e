import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { ArticleBody } from '../../../components/help/ArticleBody';
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
            <ArticleBody article={a} />
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
