import {
  Button,
  Choice,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { NotificationPreferencesResponse } from '@openpbm/shared/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getJson, postJson, putJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';
import { ErrorAlert } from '../../../components/content/ErrorAlert';

const KEY = ['pharmacy', 'notifications'];

function urlBase64ToUint8Array(base64: string): Uint8Array<ArrayBuffer> {
  const padded = `${base64}${'='.repeat((4 - (base64.length % 4)) % 4)}`
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Subscribes this browser (the installed app's service worker) to web push. */
async function enablePush(vapidPublicKey: string): Promise<void> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window))
    throw new Error('This browser does not support push notifications.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted')
    throw new Error('Notifications are blocked for this site in your browser settings.');
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: urlBase64ToUint8Array(vapidPublicKey),
  });
  const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await postJson('/api/push-subscriptions', { endpoint: json.endpoint, keys: json.keys });
}

function Preferences() {
  const client = useQueryClient();
  const prefs = useQuery({
    queryKey: KEY,
    queryFn: () => getJson<NotificationPreferencesResponse>('/api/notification-preferences'),
  });
  const [draft, setDraft] = useState<NotificationPreferencesResponse['preferences']>([]);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data.preferences);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: () =>
      putJson<NotificationPreferencesResponse>('/api/notification-preferences', {
        preferences: draft.map(({ kind, email, push }) => ({ kind, email, push })),
      }),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  const push = useMutation({
    mutationFn: () => enablePush(prefs.data?.vapidPublicKey ?? ''),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <QueryBoundary query={prefs} what="your preferences">
      {(data) => {
        const toggle = (kind: string, channel: 'email' | 'push') =>
          setDraft(draft.map((p) => (p.kind === kind ? { ...p, [channel]: !p[channel] } : p)));
        return (
          <>
            <Table>
              <TableCaption>When something happens, tell me by</TableCaption>
              <TableHead>
                <TableRow>
                  <TableCell>Notice</TableCell>
                  <TableCell>E-mail</TableCell>
                  <TableCell>Push to this app</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {draft.map((p) => (
                  <TableRow key={p.kind}>
                    <TableCell component="th" scope="row">
                      {p.label}
                    </TableCell>
                    <TableCell>
                      <Choice
                        type="checkbox"
                        name={`email-${p.kind}`}
                        value="email"
                        checked={p.email}
                        onChange={() => toggle(p.kind, 'email')}
                        label={<span className="ds-u-visibility--screen-reader">E-mail: {p.label}</span>}
                      />
                    </TableCell>
                    <TableCell>
                      <Choice
                        type="checkbox"
                        name={`push-${p.kind}`}
                        value="push"
                        checked={p.push}
                        onChange={() => toggle(p.kind, 'push')}
                        label={<span className="ds-u-visibility--screen-reader">Push: {p.label}</span>}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <p className="rx-hint">
              Every notice is also a secure message in your inbox. E-mails contain only a link to it, never
              details about your health.
            </p>
            <Button variation="solid" disabled={save.isPending} onClick={() => save.mutate()}>
              Save preferences
            </Button>
            {save.isSuccess ? <p role="status">Saved.</p> : null}
            <h2 className="ds-text-heading--lg ds-u-margin-top--4">Push notifications</h2>
            <p>
              {data.pushDevices > 0
                ? `Push is set up on ${data.pushDevices} ${data.pushDevices === 1 ? 'browser' : 'browsers'}.`
                : 'Push is not set up on any browser yet.'}
            </p>
            <Button onClick={() => push.mutate()} disabled={push.isPending}>
              Turn on push on this device
            </Button>
            {push.error ? (
              <ErrorAlert heading="Push was not turned on" headingLevel="3">
                <p>{push.error.message}</p>
              </ErrorAlert>
            ) : null}
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function NotificationsPage() {
  return (
    <Page
      title="Notifications"
      eyebrow="For members"
      heading="Notifications"
      lead="Choose how we let you know about refills, orders and prescriptions."
    >
      <PharmacyGate purpose="your notification settings">
        <PharmacyNav />
        <Preferences />
      </PharmacyGate>
    </Page>
  );
}
