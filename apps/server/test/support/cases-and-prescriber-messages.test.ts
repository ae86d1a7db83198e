// Contact and cases: a member's secure message (with an attached prescription or order) and callback request,
// the queue sorted by SLA, replies (the member gets a pick-up e-mail, never the content), notes the member
// never sees, escalation, closing. Then secure threads with the prescriber's office: attachments checked by
// type and size, read status, and who may see which thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness';
import {
  auditRows,
  type CustomerServiceWorld,
  type Headers,
  startCustomerServiceWorld,
} from './customer-service-world';

let w: CustomerServiceWorld;
let t: TestApp;
let messageCaseId: string;
let callbackCaseId: string;

const post = (url: string, headers: Headers, payload: object) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]).toString('base64');

beforeAll(async () => {
  w = await startCustomerServiceWorld();
  t = w.t;
});
afterAll(() => w?.close());

describe('contact', () => {
  it('a member writes with a category and an attached prescription; the case is due in one business day', async () => {
    const res = await post('/api/support/messages', w.subscriber, {
      category: 'refill',
      subject: 'Refill question',
      body: 'Why can I not refill my atorvastatin yet?',
      prescriptionId: w.rx.atorvastatin.id,
    });
    expect(res.statusCode).toBe(201);
    messageCaseId = res.json().id;
    expect(res.json().caseNumber).toMatch(/^CS-2026-\d{6}$/);
    expect(res.json().dueAt).toBe('2026-03-11T15:00:00.000Z');
    expect((await auditRows(w, 'created', 'support_case')).at(-1)).toMatchObject({
      member_id: w.f.members.subscriber.id,
      reason: 'member_request',
    });
  });

  it('refuses someone else’s prescription (404) and bad fields (400 with the field)', async () => {
    const foreign = await post('/api/support/messages', w.subscriber, {
      category: 'refill',
      subject: 'Hello',
      body: 'About this prescription',
      prescriptionId: w.rx.single.id,
    });
    expect(foreign.statusCode).toBe(404);
    const bad = await post('/api/support/messages', w.subscriber, {
      category: 'gossip',
      subject: '',
      body: 'short',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['category', 'subject', 'body']),
    );
  });

  it('a callback request needs a window of 30 minutes or more in the future', async () => {
    const short = await post('/api/support/callbacks', w.subscriber, {
      category: 'billing',
      phone: '312-555-0188',
      from: '2026-03-10T18:00:00Z',
      to: '2026-03-10T18:10:00Z',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('to');
    const past = await post('/api/support/callbacks', w.subscriber, {
      category: 'billing',
      phone: '312-555-0188',
      from: '2026-03-09T18:00:00Z',
      to: '2026-03-09T19:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    const ok = await post('/api/support/callbacks', w.subscriber, {
      category: 'billing',
      phone: '312-555-0188',
      from: '2026-03-10T16:00:00Z',
      to: '2026-03-10T17:00:00Z',
      note: 'About my last bill',
    });
    expect(ok.statusCode).toBe(201);
    callbackCaseId = ok.json().id;
    expect(ok.json().dueAt).toBe('2026-03-10T17:00:00.000Z');
  });

  it('staff roles cannot write as a member', async () => {
    const res = await post('/api/support/messages', w.agent, {
      category: 'other',
      subject: 'Hello',
      body: 'Pretending to be a member',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('the queue and a case', () => {
  it('lists the agent’s clients’ open cases, the most urgent first; another client’s agent sees none', async () => {
    const res = await get('/api/support/staff/queue', w.agent);
    expect(res.json().cases.map((c: { id: string }) => c.id)).toEqual([callbackCaseId, messageCaseId]);
    expect(res.json().cases[0]).toMatchObject({
      channel: 'callback',
      minutesLeft: 120,
      callbackWindow: { from: '2026-03-10T16:00:00.000Z' },
    });
    expect((await get('/api/support/staff/queue', w.otherAgent)).json().cases).toEqual([]);
    expect((await get(`/api/support/staff/cases/${messageCaseId}`, w.otherAgent)).statusCode).toBe(404);
  });

  it('a reply reaches the member as a pick-up e-mail only; a note stays inside', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/support/staff/cases/${messageCaseId}`,
          headers: w.agent,
          payload: { assignToMe: true },
        })
      ).statusCode,
    ).toBe(200);
    await post(`/api/support/staff/cases/${messageCaseId}/notes`, w.agent, {
      body: 'Checked the refill date in the 360 view.',
    });
    const reply = await post(`/api/support/staff/cases/${messageCaseId}/replies`, w.agent, {
      body: 'Your atorvastatin can be refilled from March 12.',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().status).toBe('waiting_on_member');
    const mail = await t.mailbox.waitFor(
      (m) => m.to.includes(w.subscriberEmail) && /secure message/.test(m.subject),
    );
    expect(mail.text).not.toMatch(/atorvastatin|March 12/i);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string;
    const picked = await post('/api/messages/pickup', w.subscriber, { token });
    expect(picked.statusCode).toBe(200);
    expect(picked.json().portalPath).toBe(`/members/help/cases/${messageCaseId}`);
    const view = await get(`/api/support/cases/${messageCaseId}`, w.subscriber);
    expect(view.json().entries.map((e: { kind: string; author: string }) => [e.kind, e.author])).toEqual([
      ['member_message', 'You'],
      ['staff_reply', 'Customer service'],
    ]);
    expect(view.body).not.toContain('360 view');
    expect((await get(`/api/support/cases/${messageCaseId}`, w.single)).statusCode).toBe(404);
    expect((await auditRows(w, 'replied', 'support_case')).at(-1)).toMatchObject({
      actor_user_id: w.agentUserId,
    });
  });

  it('the member answers and the case reopens with a new SLA', async () => {
    t.setNow(new Date('2026-03-10T16:30:00Z'));
    const res = await post(`/api/support/cases/${messageCaseId}/replies`, w.subscriber, {
      body: 'Thanks, I will wait.',
    });
    expect(res.json().status).toBe('open');
    const staffView = await get(`/api/support/staff/cases/${messageCaseId}`, w.agent);
    expect(staffView.json().dueAt).toBe('2026-03-11T16:30:00.000Z');
  });

  it('escalates to a pharmacist, who sees it in their escalations', async () => {
    const res = await post(`/api/support/staff/cases/${callbackCaseId}/escalate`, w.agent, {
      to: 'pharmacist',
      reason: 'Question about a drug interaction',
    });
    expect(res.json()).toMatchObject({
      status: 'escalated',
      escalatedTo: 'pharmacist',
      dueAt: '2026-03-10T20:30:00.000Z',
    });
    const pharmacist = (await import('../sign-in')).signInAs;
    const headers = (await pharmacist(t, w.f.pharmacyUsers.homeDelivery)).headers;
    const list = await get('/api/support/escalations', headers);
    expect(list.json().cases.map((c: { id: string }) => c.id)).toEqual([callbackCaseId]);
    expect((await get('/api/support/escalations', w.subscriber)).statusCode).toBe(403);
  });

  it('closing e-mails a pick-up link, never the resolution', async () => {
    const before = t.mailbox.to(w.subscriberEmail).length;
    const res = await post(`/api/support/staff/cases/${messageCaseId}/close`, w.agent, {
      resolution: 'Refill date explained: atorvastatin on March 12.',
    });
    expect(res.json().status).toBe('closed');
    await t.mailbox.waitFor(
      (m) => m.to.includes(w.subscriberEmail) && t.mailbox.to(w.subscriberEmail).length > before,
    );
    const [latest] = t.mailbox.to(w.subscriberEmail);
    expect(latest?.text).not.toMatch(/atorvastatin|resolution|March 12/i);
    expect(
      (
        await post(`/api/support/staff/cases/${messageCaseId}/close`, w.agent, {
          resolution: 'again and again',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await get('/api/support/staff/queue', w.agent)).json().cases.map((c: { id: string }) => c.id),
    ).not.toContain(messageCaseId);
  });
});

describe('secure messaging with the prescriber’s office', () => {
  let threadId: string;

  it('refuses an attachment of the wrong type or size, stating the limits', async () => {
    const base = {
      prescriptionId: w.rx.atorvastatin.id,
      subject: 'Generic instead?',
      body: 'Could I switch to the generic?',
    };
    const exe = await post('/api/support/prescriber-threads', w.subscriber, {
      ...base,
      attachment: { fileName: 'x.exe', contentBase64: Buffer.from('MZ\x90\x00binary').toString('base64') },
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].message).toBe('Attach a PDF, PNG or JPEG file');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const tooBig = await post('/api/support/prescriber-threads', w.subscriber, {
      ...base,
      attachment: { fileName: 'big.pdf', contentBase64: big.toString('base64') },
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0].message).toBe('Attach files of at most 5 MB');
  });

  it('a member writes about a prescription with a picture; the prescriber portal answers; read status shows', async () => {
    const res = await post('/api/support/prescriber-threads', w.subscriber, {
      prescriptionId: w.rx.atorvastatin.id,
      subject: 'Renewal please',
      body: 'My prescription runs out next month. Could you renew it?',
      attachment: { fileName: 'label.png', contentBase64: PNG },
    });
    expect(res.statusCode).toBe(201);
    threadId = res.json().id;
    expect(res.json().messages[0]).toMatchObject({
      mine: true,
      readAt: null,
      attachments: [{ fileName: 'label.png', contentType: 'image/png' }],
    });
    const inbox = await get('/api/prescriber/threads', w.prescriber);
    // The office sees which patient wrote and about which prescription, and that look is audited.
    expect(inbox.json().threads).toEqual([
      expect.objectContaining({
        id: threadId,
        unread: 1,
        patientName: expect.stringMatching(/^Alex \S+$/),
        rxNumber: expect.stringMatching(/^\d+$/),
      }),
    ]);
    expect((await auditRows(w, 'listed', 'prescriber_thread')).at(-1)).toMatchObject({
      actor_role: 'prescriber',
      member_id: w.f.members.subscriber.id,
      resource_id: threadId,
    });
    const opened = await get(`/api/prescriber/threads/${threadId}`, w.prescriber);
    const fileId = opened.json().messages[0].attachments[0].id;
    const file = await get(`/api/prescriber/threads/attachments/${fileId}`, w.prescriber);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(Buffer.from(PNG, 'base64'))).toBe(true);
    const answer = await post(`/api/prescriber/threads/${threadId}/replies`, w.prescriber, {
      body: 'Renewed, it is on its way to home delivery.',
    });
    expect(answer.statusCode).toBe(200);
    const mine = await get(`/api/support/prescriber-threads/${threadId}`, w.subscriber);
    const [first, second] = mine.json().messages;
    expect(first.readAt).toBe('2026-03-10T16:30:00.000Z');
    expect(second).toMatchObject({ side: 'prescriber', mine: false });
    const officeView = await get(`/api/prescriber/threads/${threadId}`, w.prescriber);
    expect(officeView.json().messages[1].readAt).not.toBeNull();
  });

  it('nobody else reads the thread or its attachment', async () => {
    expect((await get(`/api/support/prescriber-threads/${threadId}`, w.single)).statusCode).toBe(404);
    expect((await get(`/api/support/prescriber-threads/${threadId}`, w.agent)).statusCode).toBe(403);
    const other = await post('/api/support/prescriber-threads', w.subscriber, {
      prescriptionId: w.rx.single.id,
      subject: 'Hello',
      body: 'Not my prescription',
    });
    expect(other.statusCode).toBe(404);
  });
});
