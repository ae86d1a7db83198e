import { HELP_CATEGORY_VALUES } from '@openpbm/shared/support';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
import { StaffPage } from '../../../components/content/StaffPage';
import { formatInstant } from '../../../components/format/dates';
import { helpTopicLabel, helpTopicOptions } from '../../../components/help/topics';
import { EDITOR_PURPOSE, EDITOR_SIGN_IN, type EditorArticle, useEditorArticles } from './articles';
import './help-editor.css';

const COLUMNS: QueueColumn<EditorArticle>[] = [
  {
    title: 'Title',
    rowHeader: true,
    cell: (a) => (
      <Link to="/staff/help-editor/articles/$slug" params={{ slug: a.slug }}>
        {a.title}
      </Link>
    ),
  },
  { title: 'Topic', cell: (a) => helpTopicLabel(a.category) },
  {
    title: 'Status',
    cell: (a) =>
      a.published ? (
        <span className="he-status he-status--published">Published</span>
      ) : (
        <span className="he-status he-status--draft">Draft</span>
      ),
  },
  { title: 'Changed', cell: (a) => formatInstant(a.updatedAt) },
];

function Articles() {
  const articles = useEditorArticles();
  const [topic, setTopic] = useState('');
  const [status, setStatus] = useState('');
  return (
    <QueryBoundary query={articles} what="the articles">
      {(data) => {
        const shown = data.articles.filter(
          (a) =>
            (topic === '' || a.category === topic) &&
            (status === '' || (status === 'published') === a.published),
        );
        const drafts = data.articles.filter((a) => !a.published).length;
        return (
          <>
            <p className="he-count">
              {data.articles.length} articles, {drafts} {drafts === 1 ? 'draft' : 'drafts'}.
            </p>
            <div className="he-filters">
              <label className="ds-c-label" htmlFor="he-topic">
                Topic
                <select
                  id="he-topic"
                  className="ds-c-field"
                  value={topic}
                  onChange={(e) => setTopic(e.target.value)}
                >
                  <option value="">All topics</option>
                  {helpTopicOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="ds-c-label" htmlFor="he-status">
                Status
                <select
                  id="he-status"
                  className="ds-c-field"
                  value={status}
                  onChange={(e) => setStatus(e.target.value)}
                >
                  <option value="">Published and drafts</option>
                  <option value="published">Published</option>
                  <option value="draft">Drafts</option>
                </select>
              </label>
            </div>
            <QueueTable
              caption="Help-center articles by topic"
              rows={[...shown].sort(
                (a, b) =>
                  HELP_CATEGORY_VALUES.indexOf(a.category as never) -
                    HELP_CATEGORY_VALUES.indexOf(b.category as never) || a.title.localeCompare(b.title),
              )}
              rowKey={(a) => a.slug}
              empty="No article matches."
              columns={COLUMNS}
            />
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function ArticlesPage() {
  return (
    <StaffPage
      title="Help-center articles"
      eyebrow="Help-center editor"
      heading="Help-center articles"
      lead="Members find these answers at /help. A draft is seen only here; publishing puts it in the search at once."
      forRole="content_editor"
      purpose={EDITOR_PURPOSE}
      whySignIn={EDITOR_SIGN_IN}
    >
      <p>
        <ButtonLink to="/staff/help-editor/new">Write a new article</ButtonLink>
      </p>
      <Articles />
    </StaffPage>
  );
}
