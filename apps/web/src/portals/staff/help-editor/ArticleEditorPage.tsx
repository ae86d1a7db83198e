// Writing and changing one help article: the form (validated by the same schema the server checks; the server's
// field errors land on their fields), a live preview as members will read it, and publish / unpublish.
import { Alert, Button } from '@cmsgov/design-system';
import { type HelpArticleInput, helpArticleInput } from '@openpbm/shared/support';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { postJson, putJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { CheckboxField, Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';
import { ArticleBody } from '../../../components/help/ArticleBody';
import { helpTopicOptions } from '../../../components/help/topics';
import {
  EDITOR_ARTICLES_KEY,
  EDITOR_PURPOSE,
  EDITOR_SIGN_IN,
  type EditorArticle,
  useEditorArticles,
} from './articles';
import './help-editor.css';

const BLANK: HelpArticleInput = {
  slug: '',
  category: 'refills',
  title: '',
  body: '',
  portalPath: '/members/',
  portalLabel: '',
  published: false,
};

const inputOf = (a: EditorArticle): HelpArticleInput => ({
  slug: a.slug,
  category: a.category as HelpArticleInput['category'],
  title: a.title,
  body: a.body,
  portalPath: a.portalPath,
  portalLabel: a.portalLabel,
  published: a.published,
});

/** The article as it stands in the form, rendered as members will see it. */
function Preview() {
  const values = useWatch() as HelpArticleInput;
  return (
    <Section heading="Preview" className="he-preview">
      <article className="help-article" aria-label="Preview of the article">
        <h3>{values.title || 'Title of the article'}</h3>
        <ArticleBody
          linkable={false}
          article={{ ...values, body: values.body || 'The answer appears here as you write it.' }}
        />
      </article>
    </Section>
  );
}

function ArticleForm({
  initial,
  submitLabel,
  onSave,
}: {
  initial: HelpArticleInput;
  submitLabel: string;
  onSave: (values: HelpArticleInput) => Promise<unknown>;
}) {
  const form = useZodForm(helpArticleInput, { defaultValues: initial });
  return (
    <Form form={form} onSubmit={onSave} className="he-form" aria-label="Help article">
      <div className="he-columns">
        <div>
          <Field name="title" label="Title" hint="The question as a member would ask it" maxLength={160} />
          <Field name="category" label="Topic" options={helpTopicOptions} />
          <Field
            name="slug"
            label="Address name"
            hint="Lower-case words joined by dashes; the article is at /help/ followed by this name"
            autoComplete="off"
            maxLength={80}
          />
          <Field
            name="body"
            label="Answer"
            hint="Plain words. Leave an empty line between paragraphs."
            rows={10}
            maxLength={8000}
          />
          <Field
            name="portalPath"
            label="Link to the portal page"
            hint="The page that does the thing, e.g. /members/prescriptions"
            autoComplete="off"
          />
          <Field name="portalLabel" label="Words on the link button" hint="e.g. Refill a prescription" />
          <CheckboxField
            name="published"
            label="Published"
            hint="Members see a published article in the help center; a draft is seen only by editors"
          />
          <FormActions>
            <SubmitButton pending="Saving…">{submitLabel}</SubmitButton>
            <Link to="/staff/help-editor">Back to the articles</Link>
          </FormActions>
        </div>
        <Preview />
      </div>
    </Form>
  );
}

export function NewArticlePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  async function create(values: HelpArticleInput) {
    const saved = await postJson<EditorArticle>('/api/help/editor/articles', values);
    await queryClient.invalidateQueries({ queryKey: EDITOR_ARTICLES_KEY });
    await navigate({ to: '/staff/help-editor/articles/$slug', params: { slug: saved.slug } });
  }
  return (
    <StaffPage
      title="New help article"
      eyebrow="Help-center editor"
      heading="Write a new article"
      forRole="content_editor"
      purpose={EDITOR_PURPOSE}
      whySignIn={EDITOR_SIGN_IN}
    >
      <ArticleForm initial={BLANK} submitLabel="Save the article" onSave={create} />
    </StaffPage>
  );
}

function PublishBar({ article }: { article: EditorArticle }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () =>
      putJson<EditorArticle>(`/api/help/editor/articles/${article.slug}`, {
        ...inputOf(article),
        published: !article.published,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: EDITOR_ARTICLES_KEY }),
  });
  return (
    <div className="he-publish" role="status">
      <p>
        {article.published ? (
          <>
            <span className="he-status he-status--published">Published</span> Members find it in the help
            center (
            <Link to="/help/$slug" params={{ slug: article.slug }}>
              open it
            </Link>
            ).
          </>
        ) : (
          <>
            <span className="he-status he-status--draft">Draft</span> Only editors see it.
          </>
        )}{' '}
        Last changed {formatInstant(article.updatedAt)}. Publishing applies to the saved version: save your
        changes first.
      </p>
      <Button
        variation={article.published ? undefined : 'solid'}
        onClick={() => toggle.mutate()}
        disabled={toggle.isPending}
      >
        {article.published ? 'Unpublish' : 'Publish'}
      </Button>
      <ActionError error={toggle.error} heading="The article was not changed" />
    </div>
  );
}

export function EditArticlePage() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  const articles = useEditorArticles();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const article = articles.data?.articles.find((a) => a.slug === slug);
  async function save(values: HelpArticleInput) {
    const saved = await putJson<EditorArticle>(`/api/help/editor/articles/${slug}`, values);
    await queryClient.invalidateQueries({ queryKey: EDITOR_ARTICLES_KEY });
    setSavedAt(saved.updatedAt);
    if (saved.slug !== slug)
      await navigate({ to: '/staff/help-editor/articles/$slug', params: { slug: saved.slug } });
  }
  return (
    <StaffPage
      title={article ? `Edit: ${article.title}` : 'Edit a help article'}
      eyebrow="Help-center editor"
      heading={article?.title ?? 'Edit a help article'}
      forRole="content_editor"
      purpose={EDITOR_PURPOSE}
      whySignIn={EDITOR_SIGN_IN}
    >
      <QueryBoundary query={articles} what="the article">
        {() =>
          article ? (
            <>
              <PublishBar article={article} />
              {savedAt ? (
                <Alert heading="Saved" headingLevel="2" variation="success" role="status">
                  <p>Your changes were saved at {formatInstant(savedAt)}.</p>
                </Alert>
              ) : null}
              <ArticleForm
                key={`${article.slug}:${article.published}`}
                initial={inputOf(article)}
                submitLabel="Save changes"
                onSave={save}
              />
            </>
          ) : (
            <p>
              There is no article with this address name.{' '}
              <Link to="/staff/help-editor">Back to the articles</Link>
            </p>
          )
        }
      </QueryBoundary>
    </StaffPage>
  );
}
