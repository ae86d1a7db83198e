import { Alert, Button } from '@cmsgov/design-system';
import {
  CLIENT_TOOL_LABELS,
  CLIENT_TOOLS,
  type ClientTool,
  type ClientUserView,
} from '@openpbm/shared/client-portal';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { deleteJson, errorMessage, getJson, postJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { type QueueColumn, QueueTable } from '../../components/content/QueueTable';
import { formatInstant } from '../../components/format/dates';
import './clients.css';

interface RowActions {
  base: string;
  onDone: (message: string) => Promise<void>;
}

/** Runs one change, then says how it went above the table and reloads the users. */
const act =
  ({ onDone }: RowActions, run: () => Promise<unknown>, message: string) =>
  () =>
    run()
      .then(() => onDone(message))
      .catch((e: unknown) => onDone(errorMessage(e)));

function UserCell({ user }: { user: ClientUserView }) {
  return (
    <>
      {user.displayName}
      <br />
      <span className="ds-u-font-size--sm">
        {user.email} · {user.role === 'advisor' ? 'Advisor' : 'Client user'}
        {user.status !== 'active' ? ' · deactivated' : ''}
      </span>
    </>
  );
}

function GrantsCell({ user, actions }: { user: ClientUserView; actions: RowActions }) {
  const { base } = actions;
  return (
    <>
      {user.grants.length === 0 ? 'None' : null}
      <ul className="ds-c-list--bare">
        {user.grants.map((g) => (
          <li key={g.id}>
            {CLIENT_TOOL_LABELS[g.tool]}, until {formatInstant(g.expiresAt)}
            {g.expiringSoon ? ' (due for review)' : ''}{' '}
            <Button
              size="small"
              variation="ghost"
              onClick={act(
                actions,
                () => postJson(`${base}/grants/${g.id}/recertify`),
                'Re-certified for 12 months.',
              )}
            >
              Re-certify
            </Button>
            <Button
              size="small"
              variation="ghost"
              onClick={act(actions, () => deleteJson(`${base}/grants/${g.id}`), 'Access revoked.')}
            >
              Revoke
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ChangeCell({ user, actions }: { user: ClientUserView; actions: RowActions }) {
  const { base } = actions;
  const held = new Set(user.grants.map((g) => g.tool));
  const missing = CLIENT_TOOLS.filter((t) => !held.has(t));
  const [tool, setTool] = useState<ClientTool | ''>(missing[0] ?? '');
  const selectId = `grant-${user.userId}`;
  return (
    <>
      {missing.length > 0 && user.status === 'active' ? (
        <>
          <label className="ds-c-label" htmlFor={selectId}>
            Tool for {user.displayName}
          </label>
          <select
            id={selectId}
            className="ds-c-field"
            value={tool}
            onChange={(e) => setTool(e.target.value as ClientTool)}
          >
            {missing.map((t) => (
              <option key={t} value={t}>
                {CLIENT_TOOL_LABELS[t]}
              </option>
            ))}
          </select>
          <Button
            size="small"
            className="ds-u-margin-top--1"
            onClick={act(
              actions,
              () => postJson(`${base}/grants`, { userId: user.userId, tool }),
              'Access granted for 12 months.',
            )}
          >
            Grant
          </Button>
        </>
      ) : null}
      {user.role === 'client_user' && !user.self ? (
        <Button
          size="small"
          variation="ghost"
          onClick={act(
            actions,
            () => postJson(`${base}/users/${user.userId}/status`, { active: user.status !== 'active' }),
            user.status === 'active' ? 'User deactivated.' : 'User reactivated.',
          )}
        >
          {user.status === 'active' ? 'Deactivate' : 'Reactivate'}
        </Button>
      ) : null}
    </>
  );
}

const userColumns = (actions: RowActions): ReadonlyArray<QueueColumn<ClientUserView>> => [
  { title: 'User', rowHeader: true, cell: (u) => <UserCell user={u} /> },
  { title: 'Tools', cell: (u) => <GrantsCell user={u} actions={actions} /> },
  { title: 'Change', cell: (u) => <ChangeCell user={u} actions={actions} /> },
];

/** The client's primary administrator: users and advisors, their tools, the annual access review. */
export function ClientAdminPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const base = `/api/clients/${clientId}/admin`;
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['clients', clientId, 'admin'],
    queryFn: () => getJson<{ users: ClientUserView[] }>(`${base}/users`),
  });
  const onDone = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ queryKey: ['clients', clientId, 'admin'] });
  };
  return (
    <Page
      title="Manage access"
      eyebrow="Client portal"
      heading="Manage your users’ access"
      lead="Tools last 12 months; re-certify the ones still needed in your annual access review."
    >
      {notice ? (
        <Alert heading={notice} headingLevel="2" role="status" className="ds-u-margin-bottom--3" />
      ) : null}
      <p>
        Your HR system can send eligibility files on its own with a certificate:{' '}
        <Link to="/clients/$clientId/service-identities" params={{ clientId }}>
          service identities
        </Link>
        .
      </p>
      <QueryBoundary query={query} what="your users">
        {({ users }) => (
          <QueueTable
            caption="Users and advisors of this client"
            columns={userColumns({ base, onDone })}
            rows={users}
            rowKey={(u) => u.userId}
            empty="This client has no users yet."
          />
        )}
      </QueryBoundary>
    </Page>
  );
}
