import { Alert, Button } from '@cmsgov/design-system';
import {
  CONTENT_TOPIC_LABELS,
  CONTENT_TOPICS,
  CONTENT_TYPE_LABELS,
  CONTENT_TYPES,
  type ContentEditorItemView,
  contentItemInput,
} from '@openpbm/shared/content-hub';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { z } from 'zod';
import { getJson, postJson, putJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { stateOf } from './ContentListPage';
import './content.css';

/** The shared contract, with the webinar time as the browser's local date-time field gives it. */
const editorForm = contentItemInput.extend({
  eventStartsAt: z.string(),
  recordingUrl: z.union([z.literal(''), z.string().regex(/^https:\/\/\S+$/, 'Use an https:// link.')]),
});
type EditorForm = z.input<typeof editorForm>;

/** "2026-03-10T17:00" (local) ↔ ISO instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : null);
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const blank: EditorForm = {
  slug: '',
  type: 'news',
  title: '',
  summary: '',
  body: '',
  visibility: 'public',
  topics: [],
  eventStartsAt: '',
  recordingUrl: '',
};

function Publishing({ item, onChange }: { item: ContentEditorItemView; onChange: () => Promise<void> }) {
  const [when, setWhen] = useState('');
  const [error, setError] = useState<unknown>(null);
  const whenId = useId();
  async function run(path: 'publish' | 'unpublish', body: unknown) {
    setError(null);
    try {
      await postJson(`/api/content/editor/items/${item.id}/${path}`, body);
      await onChange();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Section heading="Publishing">
      <p role="status">State: {stateOf(item)}</p>
      {error ? <ActionError error={error} heading="That did not work" /> : null}
      {item.status === 'published' ? (
        <Button variation="ghost" onClick={() => run('unpublish', {})}>
          Unpublish
        </Button>
      ) : (
        <div className="content-publish">
          <Button onClick={() => run('publish', {})}>Publish now</Button>
          <div className="kit-field">
            <label className="ds-c-label" htmlFor={whenId}>
              Or schedule for
            </label>
            <input
              id={whenId}
              className="ds-c-field"
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          </div>
          <Button
            variation="ghost"
            disabled={!when}
            onClick={() => run('publish', { publishAt: toIso(when) })}
          >
            Schedule
          </Button>
        </div>
      )}
    </Section>
  );
}

function Editor({ item }: { item: ContentEditorItemView | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const form = useZodForm(editorForm, {
    defaultValues: item
      ? {
          ...item,
          topics: item.topics as EditorForm['topics'],
          eventStartsAt: toLocal(item.eventStartsAt),
          recordingUrl: item.recordingUrl ?? '',
        }
      : blank,
  });
  async function save(values: z.output<typeof editorForm>) {
    setSaved(false);
    const body = {
      ...values,
      eventStartsAt: toIso(values.eventStartsAt),
      recordingUrl: values.recordingUrl || null,
    };
    const result = item
      ? await putJson<ContentEditorItemView>(`/api/content/editor/items/${item.id}`, body)
      : await postJson<ContentEditorItemView>('/api/content/editor/items', body);
    await queryClient.invalidateQueries({ queryKey: ['content'] });
    setSaved(true);
    if (!item) await navigate({ to: '/staff/account-team/content/$itemId', params: { itemId: result.id } });
  }
  async function showPreview() {
    const { html } = await postJson<{ html: string }>('/api/content/editor/preview', {
      body: form.getValues('body'),
    });
    setPreview(html);
  }
  return (
    <>
      {item ? (
        <Publishing item={item} onChange={() => queryClient.invalidateQueries({ queryKey: ['content'] })} />
      ) : null}
      <Section heading={item ? 'Edit' : 'Write'}>
        <Form form={form} onSubmit={save} aria-label="Content item" className="content-editor">
          {saved ? (
            <Alert heading="Saved" headingLevel="3" variation="success" role="status">
              Your changes are saved.
            </Alert>
          ) : null}
          <Field name="title" label="Title" maxLength={200} />
          <Field
            name="slug"
            label="Address"
            hint="Lower-case words joined by hyphens, for example formulary-update-spring."
            maxLength={80}
          />
          <Field
            name="type"
            label="Type"
            options={CONTENT_TYPES.map((t) => ({ value: t, label: CONTENT_TYPE_LABELS[t] }))}
          />
          <ChoiceField
            name="visibility"
            label="Who may read it"
            options={[
              { value: 'public', label: 'Everyone' },
              { value: 'registered', label: 'Registered users (visitors see the teaser)' },
            ]}
          />
          <ChoiceField
            name="topics"
            label="Topics"
            multiple
            options={CONTENT_TOPICS.map((t) => ({ value: t, label: CONTENT_TOPIC_LABELS[t] }))}
          />
          <Field name="summary" label="Teaser" hint="Plain text everyone sees." rows={3} maxLength={500} />
          <Field name="body" label="Body (Markdown)" rows={14} maxLength={50000} />
          <Field name="eventStartsAt" label="Webinar starts (webinars only)" type="datetime-local" />
          <Field name="recordingUrl" label="Recording link (after the webinar)" type="url" />
          <FormActions>
            <SubmitButton pending="Saving…">{item ? 'Save changes' : 'Save draft'}</SubmitButton>
            <Button variation="ghost" onClick={showPreview}>
              Preview
            </Button>
          </FormActions>
        </Form>
      </Section>
      {preview !== null ? (
        <Section heading="Preview">
          {/* Rendered by the server with raw HTML disabled (content/markdown.ts). */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server */}
          <div className="content-preview" dangerouslySetInnerHTML={{ __html: preview }} />
        </Section>
      ) : null}
      <p>
        <Link to="/staff/account-team/content">Back to all content</Link>
      </p>
    </>
  );
}

/** Write a new hub item, or edit, preview, publish, schedule and unpublish one. */
export function ContentEditPage() {
  const { itemId } = useParams({ strict: false }) as { itemId?: string };
  const isNew = !itemId;
  const query = useQuery({
    queryKey: ['content', 'editor', 'item', itemId],
    queryFn: () => getJson<ContentEditorItemView>(`/api/content/editor/items/${itemId}`),
    enabled: !isNew,
  });
  const heading = isNew ? 'Write a new item' : (query.data?.title ?? 'Edit an item');
  return (
    <Page title={heading} eyebrow="Account team · Content" heading={heading}>
      {isNew ? (
        <Editor item={null} />
      ) : (
        <QueryBoundary query={query} what="the item">
          {(item) => <Editor key={item.id + item.updatedAt} item={item} />}
        </QueryBoundary>
      )}
    </Page>
  );
}
