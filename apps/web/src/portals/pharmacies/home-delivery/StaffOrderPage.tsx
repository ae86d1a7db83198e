import { Alert, Button } from '@cmsgov/design-system';
import {
  exceptionRequest,
  ORDER_STATUS_LABELS,
  type StaffOrderDetail,
  shipOrderRequest,
} from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type ReactNode, useRef } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { CheckboxField, Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatCents } from '../../../components/format/money';
import '../../../styles/pharmacy.css';

function Action({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="hd-action">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

type OrderAction = StaffOrderDetail['actions'][number];

/** Posts one step of the order and puts the answer on the page (and refreshes the queue behind it). */
function useOrderStep(orderId: string) {
  const client = useQueryClient();
  return async (path: OrderAction | 'deliver', body: object = {}) => {
    const updated = await postJson<StaffOrderDetail>(`/api/home-delivery/orders/${orderId}/${path}`, body);
    client.setQueryData(['home-delivery', 'order', orderId], updated);
    void client.invalidateQueries({ queryKey: ['home-delivery', 'queue'] });
  };
}

const verifyForm = z.object({ durReviewed: z.boolean() });
const problemForm = exceptionRequest;

function VerifyForm({ order }: { order: StaffOrderDetail }) {
  const step = useOrderStep(order.id);
  const form = useZodForm(verifyForm, { defaultValues: { durReviewed: false } });
  return (
    <Form form={form} onSubmit={(body) => step('verify', body)} aria-label="Pharmacist verification">
      {order.durWarnings.length > 0 ? (
        <CheckboxField
          name="durReviewed"
          label={`I reviewed the ${order.durWarnings.length} DUR warning(s) above`}
        />
      ) : (
        <p>No DUR warnings.</p>
      )}
      <SubmitButton pending="Verifying…">Verify order</SubmitButton>
    </Form>
  );
}

function ShipForm({ order }: { order: StaffOrderDetail }) {
  const step = useOrderStep(order.id);
  const form = useZodForm(shipOrderRequest, { defaultValues: { carrier: 'UPS', trackingNumber: '' } });
  return (
    <Form form={form} onSubmit={(body) => step('ship', body)} aria-label="Ship">
      <Field
        name="carrier"
        label="Carrier"
        options={['UPS', 'USPS', 'FedEx'].map((c) => ({ value: c, label: c }))}
      />
      <Field name="trackingNumber" label="Tracking number" />
      <SubmitButton pending="Saving…">Mark shipped</SubmitButton>
    </Form>
  );
}

/** One reason, two ways on: raise an exception or cancel the order. */
function ProblemForm({ order }: { order: StaffOrderDetail }) {
  const step = useOrderStep(order.id);
  const form = useZodForm(problemForm, { defaultValues: { reason: '' } });
  const intent = useRef<'exception' | 'cancel'>('exception');
  const has = (a: OrderAction) => order.actions.includes(a);
  const busy = form.formState.isSubmitting;
  return (
    <Form form={form} onSubmit={(body) => step(intent.current, body)} aria-label="Problem with this order">
      <Field name="reason" label="What is wrong" />
      <FormActions>
        {has('exception') ? (
          <Button
            type="submit"
            variation="ghost"
            disabled={busy}
            onClick={() => (intent.current = 'exception')}
          >
            Raise exception
          </Button>
        ) : null}
        {has('cancel') ? (
          <Button type="submit" variation="ghost" disabled={busy} onClick={() => (intent.current = 'cancel')}>
            Cancel order
          </Button>
        ) : null}
      </FormActions>
    </Form>
  );
}

function Actions({ order }: { order: StaffOrderDetail }) {
  const step = useOrderStep(order.id);
  // The steps that are one button each (fill, deliver, resume).
  const act = useMutation({ mutationFn: (path: OrderAction) => step(path) });
  const has = (a: OrderAction) => order.actions.includes(a);
  return (
    <div className="hd-actions">
      <ActionError error={act.error} heading="That did not work" />
      {has('verify') ? (
        <Action title="Pharmacist verification">
          <VerifyForm order={order} />
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
          <Button variation="solid" onClick={() => act.mutate('fill')} disabled={act.isPending}>
            Mark filled
          </Button>
        </Action>
      ) : null}
      {has('ship') ? (
        <Action title="Ship">
          <ShipForm order={order} />
        </Action>
      ) : null}
      {has('deliver') ? (
        <Action title="Delivery">
          <Button variation="solid" onClick={() => act.mutate('deliver')} disabled={act.isPending}>
            Mark delivered
          </Button>
        </Action>
      ) : null}
      {has('resume') ? (
        <Action title="Resolve exception">
          {order.payment.status === 'charging' ? (
            <p>
              The card service has not confirmed this order’s charge. Continuing asks it again under the same
              charge key at the next fill: the card is charged at most once.
            </p>
          ) : null}
          <Button onClick={() => act.mutate('resume')} disabled={act.isPending}>
            Resolve and continue
          </Button>
        </Action>
      ) : null}
      {has('exception') || has('cancel') ? (
        <Action title="Problem with this order">
          <ProblemForm order={order} />
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
  return (
    <QueryBoundary query={order} what="this order">
      {(data) => {
        const o = data;
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
                {o.costIsFinal
                  ? 'Member pays (paid claims):'
                  : 'Member pays (estimate until the claims are paid):'}
              </p>
              <ul className="rx-checkout-items">
                {o.items.map((i) => (
                  <li key={i.prescriptionId}>
                    <span className="rx-checkout-items__name">
                      {i.drugName} (NDC {i.ndc})
                    </span>
                    <span className="rx-amount">{formatCents(i.memberCostCents)}</span>
                    <span>
                      Rx {i.rxNumber} · {i.quantity} for {i.daysSupply} days · {i.directions} ·{' '}
                      {i.prescriberName} · {i.refillsRemaining} refills left
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
                        {w.reasonCode === 'TD'
                          ? 'Therapeutic duplication'
                          : `Drug interaction (${w.severity})`}
                        :
                      </strong>{' '}
                      {w.message} (last filled {formatDate(w.previousFillDate)}){' '}
                      <span className="dur-source">Source: {w.source}</span>
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
      }}
    </QueryBoundary>
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
