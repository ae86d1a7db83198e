// SQL for the CA rows and the issued certificates. The CA and the TLS listener read across users (serials on the
// CRL, the certificate a handshake presented): those reads go through the `system…` repositories below.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const cas = schema.certificateAuthorities;
const certs = schema.clientCertificates;
export type CaRow = typeof cas.$inferSelect;
export type CertificateRow = typeof certs.$inferSelect;
export type NewCertificate = typeof certs.$inferInsert;

export function systemCaRepo(db: Database) {
  return {
    async active(): Promise<{ root?: CaRow; issuing?: CaRow }> {
      const rows = await db.select().from(cas).where(eq(cas.active, true)).orderBy(desc(cas.createdAt));
      return { root: rows.find((r) => r.kind === 'root'), issuing: rows.find((r) => r.kind === 'issuing') };
    },
    /** Issuing CAs whose certificates may still be presented (active or retired, not past their own end). */
    trustedIssuing(now: Date): Promise<CaRow[]> {
      return db
        .select()
        .from(cas)
        .where(and(eq(cas.kind, 'issuing'), gt(cas.notAfter, now)))
        .orderBy(asc(cas.createdAt));
    },
    async insert(rows: (typeof cas.$inferInsert)[]): Promise<CaRow[]> {
      return db.insert(cas).values(rows).returning();
    },
    async retire(ids: string[]): Promise<void> {
      for (const id of ids) await db.update(cas).set({ active: false }).where(eq(cas.id, id));
    },
    /** Raises and returns the issuing CA's CRL number (atomic: two signers never share a number). */
    async nextCrlNumber(caId: string): Promise<number> {
      const [row] = await db
        .update(cas)
        .set({ crlNumber: sql`${cas.crlNumber} + 1` })
        .where(eq(cas.id, caId))
        .returning({ n: cas.crlNumber });
      return row?.n ?? 1;
    },
  };
}

export function systemCertificateRepo(db: Database) {
  return {
    async insert(row: NewCertificate): Promise<CertificateRow> {
      const [created] = await db.insert(certs).values(row).returning();
      if (!created) throw new InvariantBroken('certificate insert returned nothing');
      return created;
    },
    async bySerial(serial: string): Promise<CertificateRow | undefined> {
      const [row] = await db.select().from(certs).where(eq(certs.serial, serial));
      return row;
    },
    async byId(id: string): Promise<CertificateRow | undefined> {
      const [row] = await db.select().from(certs).where(eq(certs.id, id));
      return row;
    },
    revokedOf(issuerId: string) {
      return db
        .select({ serial: certs.serial, revokedAt: certs.revokedAt })
        .from(certs)
        .where(and(eq(certs.issuerId, issuerId), eq(certs.status, 'revoked')));
    },
    /** Revokes an active certificate; false when it was already revoked (revocation is idempotent). */
    async revoke(id: string, by: string | null, at: Date): Promise<boolean> {
      const rows = await db
        .update(certs)
        .set({ status: 'revoked', revokedAt: at, revokedBy: by })
        .where(and(eq(certs.id, id), eq(certs.status, 'active')))
        .returning({ id: certs.id });
      return rows.length > 0;
    },
    /** Active certificates ending by `until` and not yet renewed by an active successor (renewal reminders). */
    expiringBy(now: Date, until: Date) {
      return db
        .select()
        .from(certs)
        .where(
          and(
            eq(certs.status, 'active'),
            gt(certs.notAfter, now),
            lte(certs.notAfter, until),
            sql`not exists (select 1 from client_certificates n
                             where n.renews_id = ${certs.id} and n.status = 'active')`,
          ),
        )
        .orderBy(asc(certs.notAfter));
    },
    /** Records a reminder once: false when another run recorded it first (the job is safe to run twice). */
    async markReminder(id: string, days: number): Promise<boolean> {
      const rows = await db
        .update(certs)
        .set({ remindersSent: sql`array_append(${certs.remindersSent}, ${days}::integer)` })
        .where(and(eq(certs.id, id), sql`not (${days}::integer = any(${certs.remindersSent}))`))
        .returning({ id: certs.id });
      return rows.length > 0;
    },
    /** The account team's inventory: every certificate with its client, newest first per client. */
    inventory() {
      return db
        .select({
          id: certs.id,
          serial: certs.serial,
          kind: certs.kind,
          userId: certs.userId,
          serviceName: certs.serviceName,
          clientId: certs.clientId,
          clientName: schema.clients.name,
          subject: certs.subject,
          notBefore: certs.notBefore,
          notAfter: certs.notAfter,
          status: certs.status,
          revokedAt: certs.revokedAt,
        })
        .from(certs)
        .innerJoin(schema.clients, eq(schema.clients.id, certs.clientId))
        .orderBy(asc(schema.clients.name), desc(certs.notAfter));
    },
  };
}

/** A client user's own certificates (the scope is the signed-in user). */
export function certificateRepo(db: Database, scope: { userId: string }) {
  return {
    mine() {
      return db.select().from(certs).where(eq(certs.userId, scope.userId)).orderBy(desc(certs.createdAt));
    },
  };
}

/** The client's user certificates and service identities (its primary administrator, the account team). */
export function clientCertificateRepo(db: Database, scope: { clientId: string }) {
  return {
    all() {
      return db.select().from(certs).where(eq(certs.clientId, scope.clientId)).orderBy(desc(certs.createdAt));
    },
  };
}
