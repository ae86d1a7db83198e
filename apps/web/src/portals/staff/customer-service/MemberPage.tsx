import { Alert } from '@cmsgov/design-system';
import { breakGlassRequest, REVEALABLE_FIELDS } from '@openpbm/shared/support';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { ApiError, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Loading } from '../../../components/content/Loading';
import { Section } from '../../../components/content/Section';
import { ConsoleSubpage } from '../../../components/content/StaffPage';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { MemberActions } from './MemberActions';
import { OtherCoverage } from './OtherCoverage';
import './console.css';

export interface Overview {
  memberId: string;
  name: string;
  masked: Record<(typeof REVEALABLE_FIELDS)[number], string | null>;
  coverage: Array<{
    planName: string;
    groupName: string;
    groupNumber: string;
    startDate: string;
    endDate: string | null;
    status: string;
  }>;
  idCard: { bin: string; pcn: string; rxGroup: string; phone: string } | null;
  prescriptions: Array<{
    id: string;
    rxNumber: string;
    drugName: string;
    status: string;
    refillsRemaining: number;
    lastFillDate: string | null;
    autoRefill: boolean;
  }>;
  orders: Array<{
    id: string;
    orderNumber: string;
    status: string;
    carrier: string | null;
    trackingNumber: string | null;
    createdAt: string;
  }>;
  claims: Array<{
    id: string;
    dateOfService: string;
    rxNumber: string | null;
    drugName: string | null;
    status: string;
    patientPayCents: number;
  }>;
  priorAuths: Array<{ id: string; caseNumber: string; type: string; status: string; drugName: string }>;
  cases: Array<{ id: string; caseNumber: string; subject: string; status: string }>;
  account: {
    status: string;
    emailVerified: boolean;
    alertPreferences: Array<{ kind: string; email: boolean; push: boolean }>;
    recentSignIns: Array<{ at: string; result: string; method: string }>;
  } | null;
  assistedActions: Array<{ action: string; at: string }>;
}

const FIELD_LABELS: Record<string, string> = {
  memberNumber: 'Member ID',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  email: 'E-mail',
  phone: 'Phone',
};
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function Identity({ overview }: { overview: Overview }) {
  const [shown, setShown] = useState<Record<string, string | null>>({});
  const form = useZodForm(z.object({ reason: z.string().trim().min(5, 'Say why (at least 5 characters)') }), {
    defaultValues: { reason: '' },
  });
  const [field, setField] = useState<string>('dateOfBirth');
  async function reveal(values: { reason: string }) {
    const res = await postJson<{ field: string; value: string | null }>(
      `/api/support/staff/members/${overview.memberId}/reveal`,
      { field, reason: values.reason },
    );
    setShown((s) => ({ ...s, [res.field]: res.value }));
  }
  return (
    <div className="cs-card">
      <h3>Identity</h3>
      <dl className="cs-masked">
        {REVEALABLE_FIELDS.map((f) => (
          <div key={f}>
            <dt>{FIELD_LABELS[f]}</dt>
            <dd>{f in shown ? (shown[f] ?? 'Not on file') : (overview.masked[f] ?? 'Not on file')}</dd>
          </div>
        ))}
      </dl>
      <Form form={form} onSubmit={reveal} aria-label="Show a masked field">
        <div className="kit-field">
          <label className="ds-c-label" htmlFor="reveal-field">
            Field to show
          </label>
          <select
            id="reveal-field"
            className="ds-c-field"
            value={field}
            onChange={(e) => setField(e.target.value)}
          >
            {REVEALABLE_FIELDS.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <Field name="reason" label="Reason to show it" hint="Recorded in the audit log" />
        <SubmitButton pending="Showing…">Show field</SubmitButton>
      </Form>
    </div>
  );
}

function BreakTheGlass({ memberId }: { memberId: string }) {
  const client = useQueryClient();
  const form = useZodForm(breakGlassRequest, { defaultValues: { reason: '' } });
  async function open(values: { reason: string }) {
    await postJson(`/api/support/staff/members/${memberId}/break-the-glass`, values);
    await client.invalidateQueries({ queryKey: ['support', 'staff', 'member', memberId] });
  }
  return (
    <Alert heading="This record is restricted" headingLevel="2" variation="warn">
      <p>Opening it records your reason and alerts the privacy officer. Access lasts 30 minutes.</p>
      <Form form={form} onSubmit={open} aria-label="Break the glass">
        <Field name="reason" label="Why do you need this record?" />
        <SubmitButton pending="Opening…">Break the glass and open</SubmitButton>
      </Form>
    </Alert>
  );
}

function OverviewBody({ overview }: { overview: Overview }) {
  const current = overview.coverage[0];
  return (
    <>
      <div className="cs-grid">
        <Identity overview={overview} />
        <div className="cs-card">
          <h3>Eligibility and plan</h3>
          {current ? (
            <p>
              {current.planName}, {current.groupName} ({current.groupNumber}) — {current.status} since{' '}
              {formatDate(current.startDate)}
              {current.endDate ? ` until ${formatDate(current.endDate)}` : ''}
            </p>
          ) : (
            <p>No coverage on file.</p>
          )}
          <h3>ID card</h3>
          {overview.idCard ? (
            <p>
              BIN {overview.idCard.bin} · PCN {overview.idCard.pcn} · Group {overview.idCard.rxGroup} ·{' '}
              {overview.idCard.phone}
            </p>
          ) : (
            <p>—</p>
          )}
        </div>
        <div className="cs-card">
          <h3>Account and alerts</h3>
          {overview.account ? (
            <>
              <p>
                Online account {overview.account.status}; e-mail{' '}
                {overview.account.emailVerified ? 'confirmed' : 'not confirmed'}.
              </p>
              <p>
                Alerts changed:{' '}
                {overview.account.alertPreferences.length === 0
                  ? 'none (defaults: e-mail on)'
                  : overview.account.alertPreferences
                      .map((p) => `${p.kind} ${p.email ? 'e-mail' : ''}${p.push ? ' push' : ''}`)
                      .join(', ')}
              </p>
              <p>Recent sign-ins:</p>
              <ul className="cs-list">
                {overview.account.recentSignIns.length === 0 ? <li>None</li> : null}
                {overview.account.recentSignIns.map((s) => (
                  <li key={s.at}>
                    {formatInstant(s.at)} · {s.result} · {s.method}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>The member has not activated an online account.</p>
          )}
        </div>
      </div>
      <Section heading="Prescriptions">
        <ul className="cs-list">
          {overview.prescriptions.map((p) => (
            <li key={p.id}>
              {p.drugName} · Rx {p.rxNumber} · {p.status} · {p.refillsRemaining} refills left · last filled{' '}
              {formatDate(p.lastFillDate)}
              {p.autoRefill ? ' · automatic refills on' : ''}
            </li>
          ))}
        </ul>
      </Section>
      <Section heading="Orders">
        {overview.orders.length === 0 ? <p>No orders.</p> : null}
        <ul className="cs-list">
          {overview.orders.map((o) => (
            <li key={o.id}>
              {o.orderNumber} · {o.status} · {formatInstant(o.createdAt)}
              {o.trackingNumber ? ` · ${o.carrier} ${o.trackingNumber}` : ''}
            </li>
          ))}
        </ul>
      </Section>
      <Section heading="Claims">
        {overview.claims.length === 0 ? <p>No claims.</p> : null}
        <ul className="cs-list">
          {overview.claims.map((c) => (
            <li key={c.id}>
              {formatDate(c.dateOfService)} · {c.drugName ?? '—'} · {c.status} · member paid{' '}
              {dollars(c.patientPayCents)}
            </li>
          ))}
        </ul>
      </Section>
      <Section heading="Prior authorizations, cases and messages">
        <ul className="cs-list">
          {overview.priorAuths.map((p) => (
            <li key={p.id}>
              {p.caseNumber} · {p.drugName} · {p.type.replace(/_/g, ' ')} · {p.status.replace(/_/g, ' ')}
            </li>
          ))}
          {overview.cases.map((c) => (
            <li key={c.id}>
              <Link to="/staff/customer-service/cases/$caseId" params={{ caseId: c.id }}>
                {c.caseNumber}
              </Link>{' '}
              · {c.subject} · {c.status.replace(/_/g, ' ')}
            </li>
          ))}
          {overview.priorAuths.length + overview.cases.length === 0 ? <li>None</li> : null}
        </ul>
      </Section>
      <OtherCoverage memberId={overview.memberId} />
      <MemberActions overview={overview} />
    </>
  );
}

function Body({ memberId }: { memberId: string }) {
  const overview = useQuery({
    queryKey: ['support', 'staff', 'member', memberId],
    queryFn: () => getJson<Overview>(`/api/support/staff/members/${memberId}`),
    retry: false,
  });
  if (overview.isPending) return <Loading what="the member" />;
  if (overview.error instanceof ApiError && overview.error.type === 'break-the-glass-required')
    return <BreakTheGlass memberId={memberId} />;
  if (overview.error) return <LoadError error={overview.error} what="the member" />;
  return (
    <>
      <h2 className="ds-text-heading--2xl">{overview.data.name}</h2>
      <OverviewBody overview={overview.data} />
    </>
  );
}

export function MemberPage() {
  const { memberId } = useParams({ strict: false }) as { memberId: string };
  return (
    <ConsoleSubpage title="Member" heading="Member overview" purpose="the member overview">
      <Body memberId={memberId} />
    </ConsoleSubpage>
  );
}
