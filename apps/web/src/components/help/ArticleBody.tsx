// One help article as members read it: its topic, its paragraphs and the button to the portal page that does
// the thing. The public article page and the editors' preview render it the same way.
import { ButtonLink } from '../content/ButtonLink';
import { formatDate } from '../format/dates';
import { helpTopicLabel } from './topics';
import './article.css';

export interface ArticleContent {
  category: string;
  title: string;
  body: string;
  portalPath: string;
  portalLabel: string;
  updatedAt?: string;
}

export function ArticleBody({ article, linkable = true }: { article: ArticleContent; linkable?: boolean }) {
  // Each paragraph is keyed by its offset in the body: unique, and stable while the preview is typed into.
  let offset = 0;
  const paragraphs = article.body.split(/\n{2,}/).map((text) => {
    const at = offset;
    offset += text.length + 2;
    return { text, at };
  });
  return (
    <>
      <p className="help-result__topic">
        {helpTopicLabel(article.category)}
        {article.updatedAt ? ` · updated ${formatDate(article.updatedAt)}` : ''}
      </p>
      {paragraphs.map(({ text, at }) => (text.trim() === '' ? null : <p key={at}>{text}</p>))}
      {linkable ? (
        <ButtonLink to={article.portalPath as never}>{article.portalLabel}</ButtonLink>
      ) : (
        <p>
          Button to <code>{article.portalPath}</code>: <strong>{article.portalLabel}</strong>
        </p>
      )}
    </>
  );
}
