import { Alert, Button, Choice, TextField } from '@cmsgov/design-system';
import { ORDER_STATUS_LABELS, type StaffOrderDetail } from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { ApiError, getJson, postJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { SelectField } from '../../../components/form/SelectField';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatCents } from '../../members/benefits/money';
import { Loading, PharmacyGate } from '../../members/pharmacy/PharmacyGate';
import '../../members/pharmacy/pharmacy.css';

function Action({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="hd-action">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

function Actions({ order }: { order: StaffOrderDetail }) {
  const client = useQueryClient();
  const [durReviewed, setDurReviewed] = useState(false);
  const [carrier, setCarrier] = useState<'UPS' | 'USPS' | 'FedEx'>('UPS');
  const [tracking, setTracking] = useState('');
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) =>
      postJson<StaffOrderDetail>(`/api/home-delivery/orders/${order.id}/${path}`, body),
    onSuccess: (updated) => {
      client.setQueryData(['home-delivery', 'order', order.id], updated);
      void client.invalidateQueries({ queryKey: ['home-delivery', 'queue'] });
    },
  });
  const errors = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const has = (a: StaffOrderDetail['actions'][number]) => order.actions.includes(a);
  return (
    <div className="hd-actions">
      {act.error ? (
        <Alert variation="error" heading="That did not work" headingLevel="3" role="alert">
          <p>{act.error.message}</p>
        </Alert>
      ) : null}
      {has('verify') ? (
        <Action title="Pharmacist verification">
          {order.durWarnings.length > 0 ? (
            <Choice
              type="checkbox"
              name="durReviewed"
              value="yes"
              checked={durReviewed}
              onChange={() => setDurReviewed(!durReviewed)}
              label={`I reviewed the ${order.durWarnings.length} DUR warning(s) above`}
              errorMessage={errors.durReviewed}
            />
          ) : (
            <p>No DUR warnings.</p>
          )}
          <Button variation="solid" onClick={() => act.mutate({ path: 'verify', body: { durReviewed } })}>
            Verify order
          </Button>
        </Action>
      ) : null}
      {has('fill') ? (
        <Action title="Fill">
          <p>
            Filling bills each item to the member’s plan and charges the member’s share of the paid claims
            (estimated {formatCents(order.items.reduce((s, i) => s + i.memberCostCents, 0))}){' '}
            {order.payment.cardLabel
              ? `to ${order.payment.cardLabel}.`
              : 'to no card: the member chose none. A share of $0.00 is not charged; any other share stops the order until the member chooses a card.'}
          </p>
          <Button variation="solid" onClick={() => act.mutate({ path: 'fill', body: {} })}>
            Mark filled
          </Button>
        </Action>
      ) : null}
      {has('ship') ? (
        <Action title="Ship">
          <SelectField
            name="carrier"
            label="Carrier"
            value={carrier}
            onChange={(e) => setCarrier(e.target.value as 'UPS' | 'USPS' | 'FedEx')}
            options={['UPS', 'USPS', 'FedEx'].map((c) => ({ value: c, label: c }))}
          />
          <TextField
            name="trackingNumber"
            label="Tracking number"
            value={tracking}
            errorMessage={errors.trackingNumber}
            onChange={(e) => setTracking(e.target.value)}
          />
          <Button
            variation="solid"
            className="ds-u-margin-top--2"
            onClick={() => act.mutate({ path: 'ship', body: { carrier, trackingNumber: tracking } })}
          >
            Mark shipped
          </Button>
        </Action>
      ) : null}
      {has('deliver') ? (
        <Action title="Delivery">
          <Button variation="solid" onClick={() => act.mutate({ path: 'deliver', body: {} })}>
            Mark delivered
          </Button>
        </Action>
      ) : null}
      {has('resume') ? (
        <Action title="Resolve exception">
          <Button onClick={() => act.mutate({ path: 'resume', body: {} })}>Resolve and continue</Button>
        </Action>
      ) : null}
      {has('exception') || has('cancel') ? (
        <Action title="Problem with this order">
          <TextField
            name="reason"
            label="What is wrong"
            value={reason}
            errorMessage={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="ds-u-margin-top--2">
            {has('exception') ? (
              <Button variation="ghost" onClick={() => act.mutate({ path: 'exception', body: { reason } })}>
                Raise exception
              </Button>
            ) : null}
            {has('cancel') ? (
              <Button variation="ghost" onClick={() => act.mutate({ path: 'cancel', body: { reason } })}>
                Cancel order
              </Button>
            ) : null}
          </div>
        </Action>
      ) : null}
    </div>
  );
}

function StaffOrder({ orderId }: { orderId: string }) {
  const order = useQuery({
    queryKey: ['home-delivery', 'order', orderId],
    queryFn: () => getJson<StaffOrderDetail>(`/api/home-delivery/orders/${orderId}`),
  });
  if (order.isPending) return <Loading what="the order" />;
  if (order.error) return <LoadError error={order.error} what="this order" />;
  const o = order.data;
  return (
    <>
      <p className="rx-order-status">
        <Link to="/pharmacies/home-delivery">Queue</Link> · Order {o.orderNumber}:{' '}
        <strong>{ORDER_STATUS_LABELS[o.status]}</strong>
        {o.source === 'auto_refill' ? ' · automatic refill' : ''} · {o.shippingSpeed} shipping
      </p>
      {o.exceptionReason ? (
        <Alert variation="warn" heading="Exception" headingLevel="2">
          <p>{o.exceptionReason}</p>
        </Alert>
      ) : null}
      <Section heading="Patient">
        <p>
          {o.member.name}, born {formatDate(o.member.dateOfBirth)}
        </p>
        <address className="rx-address-view">
          {o.shippingAddress.line1}
          {o.shippingAddress.line2 ? `, ${o.shippingAddress.line2}` : ''}, {o.shippingAddress.city},{' '}
          {o.shippingAddress.state} {o.shippingAddress.zip}
        </address>
      </Section>
      <Section heading="Items">
        <p>
          {o.costIsFinal ? 'Member pays (paid claims):' : 'Member pays (estimate until the claims are paid):'}
        </p>
        <ul className="rx-checkout-items">
          {o.items.map((i) => (
            <li key={i.prescriptionId}>
              <span className="rx-checkout-items__name">
                {i.drugName} (NDC {i.ndc})
              </span>
              <span className="rx-amount">{formatCents(i.memberCostCents)}</span>
              <span>
                Rx {i.rxNumber} · {i.quantity} for {i.daysSupply} days · {i.directions} · {i.prescriberName} ·{' '}
                {i.refillsRemaining} refills left
              </span>
            </li>
          ))}
        </ul>
      </Section>
      {o.durWarnings.length > 0 ? (
        <Alert variation="warn" heading={`DUR warnings (${o.durWarnings.length})`} headingLevel="2">
          <ul>
            {o.durWarnings.map((w) => (
              <li key={`${w.prescriptionId}-${w.reasonCode}-${w.conflictingDrug}`}>
                <strong>
                  {w.reasonCode === 'TD' ? 'Therapeutic duplication' : `Drug interaction (${w.severity})`}:
                </strong>{' '}
                {w.message} (last filled {formatDate(w.previousFillDate)})
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Section heading="Next step">
        {o.actions.length === 0 ? <p>This order is complete.</p> : <Actions order={o} />}
      </Section>
      <Section heading="History">
        <ol className="hd-events">
          {o.events.map((e) => (
            <li key={`${e.status}-${e.at}`}>
              <strong>{ORDER_STATUS_LABELS[e.status]}</strong> · {formatInstant(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
              {e.note ? ` · ${e.note}` : ''}
            </li>
          ))}
        </ol>
        {o.trackingNumber ? (
          <p>
            {o.carrier} {o.trackingNumber}
          </p>
        ) : null}
      </Section>
    </>
  );
}

export function StaffOrderPage() {
  const { orderId } = useParams({ from: '/pharmacies/home-delivery/orders/$orderId' });
  return (
    <Page title="Order" eyebrow="Home-delivery pharmacy" heading="Order">
      <PharmacyGate purpose="this order" roles={['pharmacy_staff']}>
        <StaffOrder orderId={orderId} />
      </PharmacyGate>
    </Page>
  );
}
