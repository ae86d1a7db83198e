// Simulated home-delivery members and the pharmacist who fills their orders, over HTTP through HAProxy. Each
// member orders one refill at a time with a card on file (POST /api/orders with an Idempotency-Key); the
// pharmacist verifies and fills it (the fill charges the card through the vault). A request with no answer, or a
// 5xx, is sent again the same way (the same key), as the web app's retry would. The log keeps every order the
// server acknowledged.
import { sleep, withTimeout } from './pharmacy-sim';

export interface Session {
  cookie: string;
  csrf?: { cookie: string; token: string };
}

export interface OrderingMember {
  memberId: string;
  session: Session;
  paymentMethodId?: string;
  /** Prescriptions that may be ordered now, one order each. */
  prescriptionIds: string[];
}

export interface AckedOrder {
  key: string;
  userKey: string;
  orderId: string;
  orderNumber: string;
  memberId: string;
  filled: boolean;
  fillGaveUp?: string;
}

const REQUEST_TIMEOUT_MS = 20_000;
/** A node killed mid-fill holds the order's fill lease for 30 s (FILL_LEASE_SECONDS); the pharmacist waits it out. */
const FILL_RETRY_MS = 45_000;

export class OrderSim {
  readonly acked: AckedOrder[] = [];
  /** Requests that got no answer or a 5xx (each was sent again). */
  unanswered = 0;

  constructor(
    private readonly origin: string,
    private readonly members: OrderingMember[],
    private readonly pharmacist: Session,
    private readonly userIdOf: Map<string, string>,
  ) {}

  async addCards(): Promise<void> {
    for (const m of this.members) {
      const res = await this.send(m.session, 'POST', '/api/payment-methods', {
        cardNumber: '4242424242424242',
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 3,
        makeDefault: true,
      });
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`add card: ${res.status} ${JSON.stringify(res.body)}`);
      m.paymentMethodId = (res.body as { id: string }).id;
    }
  }

  async run(stop: () => boolean): Promise<void> {
    await Promise.all(
      this.members.map(async (m, i) => {
        let n = 0;
        while (!stop() && m.prescriptionIds.length > 0) {
          const prescriptionId = m.prescriptionIds.shift() as string;
          const key = `faults-${m.memberId}-${i}-${n++}`;
          const placed = await this.send(
            m.session,
            'POST',
            '/api/orders',
            { prescriptionIds: [prescriptionId], paymentMethodId: m.paymentMethodId },
            { 'idempotency-key': key },
          );
          if (placed.status !== 201 && placed.status !== 200) continue; // refused (e.g. not refillable): not acknowledged
          const order = placed.body as { id: string; orderNumber: string };
          const acked: AckedOrder = {
            key,
            userKey: `${this.userIdOf.get(m.memberId)}:${key}`,
            orderId: order.id,
            orderNumber: order.orderNumber,
            memberId: m.memberId,
            filled: false,
          };
          this.acked.push(acked);
          await this.verifyAndFill(acked);
          await sleep(500);
        }
      }),
    );
  }

  private async verifyAndFill(order: AckedOrder): Promise<void> {
    const url = (step: string) => `/api/home-delivery/orders/${order.orderId}/${step}`;
    const verified = await this.send(this.pharmacist, 'POST', url('verify'), { durReviewed: true });
    if (verified.status !== 200 && verified.status !== 409) {
      order.fillGaveUp = `verify ${verified.status}`;
      return;
    }
    const deadline = Date.now() + FILL_RETRY_MS;
    while (Date.now() < deadline) {
      const filled = await this.send(this.pharmacist, 'POST', url('fill'), {});
      const status = (filled.body as { status?: string; type?: string }) ?? {};
      if (filled.status === 200) {
        order.filled = status.status === 'filled';
        if (!order.filled) order.fillGaveUp = `fill ended ${status.status}`;
        return;
      }
      // 409 invalid-state: an earlier attempt that lost its answer filled it already.
      if (filled.status === 409 && String(status.type).includes('invalid-state')) {
        order.filled = true;
        return;
      }
      // 409 changed-concurrently: a node died holding the fill lease (30 s), or its charge attempt is still out.
      // The retry after it settles the attempt with the vault by its key: never a second charge.
      order.fillGaveUp = `fill ${filled.status} ${status.type ?? ''}`;
      await sleep(2000);
    }
  }

  /** One request, sent again until answered with anything but a 5xx. */
  private async send(
    session: Session,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown }> {
    for (;;) {
      try {
        if (!session.csrf) session.csrf = await this.csrfOf(session);
        const res = await withTimeout(
          fetch(`${this.origin}${path}`, {
            method,
            headers: {
              cookie: `${session.cookie}; ${session.csrf.cookie}`,
              'x-csrf-token': session.csrf.token,
              ...(body ? { 'content-type': 'application/json' } : {}),
              ...headers,
            },
            ...(body ? { body: JSON.stringify(body) } : {}),
          }),
          REQUEST_TIMEOUT_MS,
        );
        const json = await res.json().catch(() => undefined);
        if (res.status < 500) return { status: res.status, body: json };
      } catch {}
      this.unanswered += 1;
      await sleep(500);
    }
  }

  private async csrfOf(session: Session): Promise<{ cookie: string; token: string }> {
    const res = await withTimeout(
      fetch(`${this.origin}/api/identity/csrf`, { headers: { cookie: session.cookie } }),
      REQUEST_TIMEOUT_MS,
    );
    if (res.status !== 200) throw new Error(`csrf ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { cookie, token: ((await res.json()) as { token: string }).token };
  }
}
