// One secure conversation between a member and a prescriber's office, shared by both portals: messages with read
// status and attachments, and the reply form (a PDF, PNG or JPEG of at most 5 MB may be attached).
import { threadReplyRequest } from '@openpbm/shared/support';
import type { z } from 'zod';
import { postJson } from '../api/client';
import { Section } from '../content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../form';
import { formatInstant } from '../format/dates';
import './thread.css';

export interface ThreadMessage {
  id: string;
  side: 'member' | 'prescriber';
  mine: boolean;
  body: string;
  at: string;
  readAt: string | null;
  attachments: Array<{ id: string; fileName: string; contentType: string; sizeBytes: number }>;
}
export interface Thread {
  id: string;
  subject: string;
  /** Whom the conversation is about: the patient and the prescription's Rx number. */
  patientName: string;
  rxNumber: string;
  messages: ThreadMessage[];
}

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Reads a chosen file as base64 for the JSON body; refuses files over 5 MB before sending them. */
export async function fileAsAttachment(input: HTMLInputElement | null) {
  const file = input?.files?.[0];
  if (!file) return undefined;
  if (file.size > MAX_FILE_BYTES) throw new Error('Attach files of at most 5 MB');
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, contentBase64: btoa(binary) };
}

export function ThreadView({
  thread,
  otherSide,
  replyUrl,
  attachmentUrl,
  onUpdated,
}: {
  thread: Thread;
  otherSide: string;
  replyUrl: string;
  attachmentUrl: (id: string) => string;
  onUpdated: (thread: Thread) => void;
}) {
  const form = useZodForm(threadReplyRequest.pick({ body: true }), { defaultValues: { body: '' } });
  const fileId = `reply-file-${thread.id}`;
  async function send(values: z.infer<typeof threadReplyRequest>) {
    const input = document.getElementById(fileId) as HTMLInputElement | null;
    let attachment: Awaited<ReturnType<typeof fileAsAttachment>>;
    try {
      attachment = await fileAsAttachment(input);
    } catch (error) {
      form.setError('body', { type: 'client', message: (error as Error).message });
      return;
    }
    onUpdated(await postJson<Thread>(replyUrl, { body: values.body, ...(attachment ? { attachment } : {}) }));
    form.reset({ body: '' });
    if (input) input.value = '';
  }
  return (
    <>
      <Section heading={thread.subject}>
        <ol className="msg-thread">
          {thread.messages.map((m) => (
            <li key={m.id} className={m.mine ? 'msg-thread--mine' : ''}>
              <p className="msg-thread__meta">
                {m.mine ? 'You' : otherSide} · {formatInstant(m.at)}
                {m.mine ? ` · ${m.readAt ? `Read ${formatInstant(m.readAt)}` : 'Not read yet'}` : ''}
              </p>
              {m.body}
              {m.attachments.map((a) => (
                <p key={a.id} className="msg-thread__meta">
                  <a href={attachmentUrl(a.id)}>{a.fileName}</a> ({Math.ceil(a.sizeBytes / 1024)} KB)
                </p>
              ))}
            </li>
          ))}
        </ol>
      </Section>
      <Section heading="Reply">
        <Form form={form} onSubmit={send} className="msg-panel" aria-label="Reply">
          <Field name="body" label="Your message" rows={4} maxLength={4000} />
          <div className="kit-field">
            <label className="ds-c-label" htmlFor={fileId}>
              Attach a file (optional)
            </label>
            <p className="ds-c-hint">PDF, PNG or JPEG, at most 5 MB</p>
            <input id={fileId} type="file" accept="application/pdf,image/png,image/jpeg" />
          </div>
          <SubmitButton pending="Sending…">Send</SubmitButton>
        </Form>
      </Section>
    </>
  );
}
