import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { ORDER_STATUS_LABELS, type OrderSummary } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { formatDate, formatInstant } from '../../../components/format/dates';
import { formatCents } from '../benefits/money';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

function Orders() {
  const orders = useQuery({
    queryKey: ['pharmacy', 'orders'],
    queryFn: () => getJson<{ orders: OrderSummary[] }>('/api/orders'),
  });
  if (orders.isPending) return <Loading what="orders" />;
  if (orders.error) return <LoadError error={orders.error} what="your orders" />;
  if (orders.data.orders.length === 0) {
    return (
      <Alert heading="No home-delivery orders yet" headingLevel="2">
        <p>
          <Link to="/members/prescriptions">Choose prescriptions to refill</Link> and we will mail them to
          you.
        </p>
      </Alert>
    );
  }
  return (
    <Table stackable stackableBreakpoint="md" className="rx-orders">
      <TableCaption>Home-delivery orders</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Order</TableCell>
          <TableCell>For</TableCell>
          <TableCell>Placed</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Delivery</TableCell>
          <TableCell>You pay</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {orders.data.orders.map((o) => (
          <TableRow key={o.id}>
            <TableCell component="th" scope="row" stackedTitle="Order">
              <Link to="/members/orders/$orderId" params={{ orderId: o.id }}>
                {o.orderNumber}
              </Link>
              <span className="rx-hint">
                {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
                {o.source === 'auto_refill' ? ' · automatic refill' : ''}
              </span>
            </TableCell>
            <TableCell stackedTitle="For">{o.memberName}</TableCell>
            <TableCell stackedTitle="Placed">{formatInstant(o.createdAt)}</TableCell>
            <TableCell stackedTitle="Status">{ORDER_STATUS_LABELS[o.status]}</TableCell>
            <TableCell stackedTitle="Delivery">
              {o.status === 'delivered'
                ? 'Delivered'
                : o.estimatedDeliveryDate && o.status !== 'cancelled'
                  ? `By ${formatDate(o.estimatedDeliveryDate)}`
                  : '—'}
              {o.trackingUrl ? (
                <a className="rx-block" href={o.trackingUrl} rel="noopener noreferrer" target="_blank">
                  Track with {o.carrier}
                </a>
              ) : null}
            </TableCell>
            <TableCell stackedTitle="You pay" className="rx-amount">
              {formatCents(o.totalMemberCostCents)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function OrdersPage() {
  return (
    <Page
      title="Orders"
      eyebrow="For members"
      heading="Home-delivery orders"
      lead="Every order, where it is now and when it arrives."
    >
      <PharmacyGate purpose="your orders">
        <PharmacyNav />
        <Orders />
      </PharmacyGate>
    </Page>
  );
}
