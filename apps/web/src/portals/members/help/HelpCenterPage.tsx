import { Alert } from '@cmsgov/design-system';
import { HELP_CATEGORY_VALUES } from '@openpbm/shared/support';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { getJson } from '../../../components/api/client';
import { Highlighted } from '../../../components/content/Highlighted';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { helpTopicLabel, helpTopicOptions } from '../../../components/help/topics';
import './help.css';

interface Article {
  slug: string;
  category: string;
  title: string;
  snippet: string;
  portalPath: string;
  portalLabel: string;
}

const searchForm = z.object({
  q: z.string().trim().max(200, 'Use at most 200 characters.'),
  category: z.union([z.literal(''), z.enum(HELP_CATEGORY_VALUES)]),
});

const categories = [{ value: '', label: 'All topics' }, ...helpTopicOptions];

export function HelpCenterPage() {
  const [search, setSearch] = useState({ q: '', category: '' });
  const form = useZodForm(searchForm, { defaultValues: search as z.input<typeof searchForm> });
  const query = useQuery({
    queryKey: ['help', search],
    queryFn: () =>
      getJson<{ articles: Article[] }>(
        `/api/help/articles?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), ...(search.category ? { category: search.category } : {}) })}`,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title="Help center"
      eyebrow="Help"
      heading="How can we help?"
      lead="Answers to the questions members ask most, each with a link to the page that does it."
    >
      <Form
        form={form}
        onSubmit={(values) => setSearch(values as typeof search)}
        className="help-search"
        aria-label="Help center search"
      >
        <Field
          name="q"
          label="Search the help center"
          type="search"
          inputMode="search"
          hint="For example: refill, tracking, prior authorization"
        />
        <Field name="category" label="Topic" options={categories} />
        <SubmitButton pending="Searching…">Search</SubmitButton>
      </Form>
      <QueryBoundary query={query} what="the help center">
        {(data) =>
          data.articles.length === 0 ? (
            <Alert heading="No answers match" headingLevel="2" role="status">
              <p>
                Try other words, or <Link to="/members/help/contact">contact us</Link>.
              </p>
            </Alert>
          ) : (
            <div role="status" aria-live="polite">
              <p className="help-count">
                {search.q
                  ? `${data.articles.length} ${data.articles.length === 1 ? 'answer' : 'answers'} for “${search.q}”`
                  : `${data.articles.length} answers`}
              </p>
              <ul className="help-results">
                {data.articles.map((a) => (
                  <li key={a.slug} className="help-result">
                    <h2 className="ds-text-heading--lg">
                      <Link to="/help/$slug" params={{ slug: a.slug }}>
                        {a.title}
                      </Link>
                    </h2>
                    <p className="help-result__topic">{helpTopicLabel(a.category)}</p>
                    <p>
                      <Highlighted text={a.snippet} />
                      {search.q ? '' : '…'}
                    </p>
                    <a href={a.portalPath}>{a.portalLabel}</a>
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      </QueryBoundary>
      <p className="help-contact">
        Still need help? <Link to="/members/help/contact">Contact customer service</Link>.
      </p>
    </Page>
  );
}
