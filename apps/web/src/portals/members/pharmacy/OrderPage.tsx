import { Alert, Button } from '@cmsgov/design-system';
import { cardLabel } from '@openpbm/shared/payments';
import { changeOrderPaymentRequest, ORDER_STATUS_LABELS, type OrderDetail } from '@openpbm/shared/pharmacy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { z } from 'zod';
import { browserOffline, useOfflineCopy } from '../../../app/offline-copy';
import { getJson, postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { ActionError } from '../../../components/content/ActionError';
import { Loading } from '../../../components/content/Loading';
import { OfflineNotice } from '../../../components/content/OfflineNotice';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { ChoiceField, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatCents } from '../../../components/format/money';
import { useSession } from '../../../identity/session';
import { ItemLine } from './ItemLine';
import { PharmacyNav } from './PharmacyNav';
import { usePaymentCards } from './payment-cards';
import '../../../styles/pharmacy.css';
import { ErrorAlert } from '../../../components/content/ErrorAlert';

/** received → verified → filled → shipped → delivered, with the time each step happened. */
export function OrderTimeline({ order }: { order: OrderDetail }) {
  return (
    <ol className="rx-timeline" aria-label="Order progress">
      {order.timeline.map((step) => (
        <li
          key={step.status}
          className={[
            'rx-timeline__step',
            step.done ? 'rx-timeline__step--done' : '',
            step.current ? 'rx-timeline__step--current' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          aria-current={step.current ? 'step' : undefined}
        >
          <span className="rx-timeline__label">{step.label}</span>
          <span className="rx-timeline__when">
            {step.at ? formatInstant(step.at) : step.done ? 'Done' : 'Not yet'}
          </span>
        </li>
      ))}
    </ol>
  );
}

const newCardForm = z.object({
  // Radio buttons give null until one is chosen; the shared schema checks the id.
  paymentMethodId: z.string({ error: 'Choose a card' }).pipe(changeOrderPaymentRequest.shape.paymentMethodId),
});

function NewCard({ order }: { order: OrderDetail }) {
  const client = useQueryClient();
  const { usable } = usePaymentCards();
  const form = useZodForm(newCardForm);
  async function change(body: z.output<typeof newCardForm>) {
    const updated = await postJson<OrderDetail>(`/api/orders/${order.id}/payment-method`, body);
    client.setQueryData(['pharmacy', 'order', order.id], updated);
  }
  return (
    <ErrorAlert heading="Your payment did not go through" announce={false}>
      <p>{order.payment.declineReason} Choose another card and we will fill your order.</p>
      {usable.length === 0 ? (
        <p>
          <Link to="/members/payment-methods">Add a card</Link> first.
        </p>
      ) : (
        <Form form={form} onSubmit={change} aria-label="Choose another card">
          <ChoiceField
            name="paymentMethodId"
            label="Pay with"
            options={usable.map((c) => ({ value: c.id, label: cardLabel(c) }))}
          />
          <SubmitButton variation="outline">Use this card</SubmitButton>
        </Form>
      )}
    </ErrorAlert>
  );
}

function OrderStatusLine({ o }: { o: OrderDetail }) {
  return (
    <p className="rx-order-status">
      Order {o.orderNumber} for {o.memberName}: <strong>{ORDER_STATUS_LABELS[o.status]}</strong>
    </p>
  );
}

/** Where the order is: its steps, the carrier's tracking number and the expected delivery date. */
function OrderProgress({ o }: { o: OrderDetail }) {
  return (
    <Section heading="Progress">
      <OrderTimeline order={o} />
      {o.trackingNumber && o.trackingUrl ? (
        <p>
          {o.carrier} tracking number <strong className="rx-mono">{o.trackingNumber}</strong>.{' '}
          <a href={o.trackingUrl} rel="noopener noreferrer" target="_blank">
            Track your package on the {o.carrier} site
          </a>
        </p>
      ) : null}
      {o.status !== 'delivered' && o.status !== 'cancelled' && o.estimatedDeliveryDate ? (
        <p>
          Estimated delivery: <strong>{formatDate(o.estimatedDeliveryDate)}</strong> ({o.shippingSpeed}{' '}
          shipping)
        </p>
      ) : null}
    </Section>
  );
}

/** Without a connection: the copy of the order this device saved on its last visit. */
function SavedOrder({ orderId }: { orderId: string }) {
  const { checked, copy } = useOfflineCopy<OrderDetail>(offlineKey(orderId), undefined, true);
  if (!checked) return <Loading what="the saved order" />;
  const howToSave = 'Open this order once while connected to keep a copy of its tracking on this device.';
  if (!copy) return <OfflineNotice savedAt={null} howToSave={howToSave} />;
  return (
    <>
      <OfflineNotice savedAt={copy.savedAt} howToSave={howToSave} />
      <OrderStatusLine o={copy.data} />
      <OrderProgress o={copy.data} />
    </>
  );
}

const offlineKey = (orderId: string) => `/offline/orders/${orderId}`;

function Order({ orderId }: { orderId: string }) {
  const client = useQueryClient();
  const order = useQuery({
    queryKey: ['pharmacy', 'order', orderId],
    queryFn: () => getJson<OrderDetail>(`/api/orders/${orderId}`),
  });
  const cancel = useMutation({
    mutationFn: () => postJson<OrderDetail>(`/api/orders/${orderId}/cancel`),
    onSuccess: (updated) => client.setQueryData(['pharmacy', 'order', orderId], updated),
  });
  useOfflineCopy(offlineKey(orderId), order.data, false);
  return (
    <QueryBoundary query={order} what="this order">
      {(data) => {
        const o = data;
        return (
          <>
            <OrderStatusLine o={o} />
            {o.needsNewPayment ? <NewCard order={o} /> : null}
            {o.status === 'exception' && !o.needsNewPayment && o.exceptionReason ? (
              <Alert variation="warn" heading="Your order needs attention" headingLevel="2">
                <p>{o.exceptionReason}</p>
              </Alert>
            ) : null}
            <OrderProgress o={o} />
            <Section heading="Items">
              <ul className="rx-checkout-items">
                {o.items.map((item) => (
                  <ItemLine key={item.prescriptionId} item={item} />
                ))}
              </ul>
              <p className="rx-total">
                {o.costIsFinal ? 'Total' : 'Estimated total'}{' '}
                <strong>{formatCents(o.totalMemberCostCents)}</strong>
                {o.payment.cardLabel ? ` · ${o.payment.cardLabel}` : ''}
                {o.payment.status === 'captured' ? ' · paid' : ''}
              </p>
            </Section>
            <Section heading="Shipping to">
              <address className="rx-address-view">
                {o.shippingAddress.line1}
                <br />
                {o.shippingAddress.line2 ? (
                  <>
                    {o.shippingAddress.line2}
                    <br />
                  </>
                ) : null}
                {o.shippingAddress.city}, {o.shippingAddress.state} {o.shippingAddress.zip}
              </address>
            </Section>
            <ActionError error={cancel.error} heading="The order was not cancelled" />
            {o.canCancel ? (
              <Button variation="ghost" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                Cancel this order
              </Button>
            ) : null}
          </>
        );
      }}
    </QueryBoundary>
  );
}

export function OrderPage() {
  const { orderId } = useParams({ from: '/members/orders/$orderId' });
  const session = useSession();
  return (
    <Page title="Order status" eyebrow="For members" heading="Order status">
      {session.isError || browserOffline() ? (
        <SavedOrder orderId={orderId} />
      ) : (
        <PharmacyGate purpose="this order">
          <PharmacyNav />
          <Order orderId={orderId} />
        </PharmacyGate>
      )}
    </Page>
  );
}
