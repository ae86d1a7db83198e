// SQL of self-registration (nobody is signed in yet, so it is a system repository: the service proves the e-mailed
// token before each call). Decides nothing.
import { type Database, schema } from '@openpbm/db';
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';

const { portalRegistrations: registrations } = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type NewRegistration = typeof registrations.$inferInsert;
export type Registration = typeof registrations.$inferSelect;

export const systemRegistrationRepo = {
  async insert(db: Database, values: NewRegistration): Promise<void> {
    await db.insert(registrations).values(values);
  },

  /** Marks the e-mail proven by a live, unused link and swaps the link for a short ticket; null if none. */
  async verifyEmail(
    db: Database,
    linkHash: string,
    now: Date,
    ticket: { hash: string; expiresAt: Date },
  ): Promise<Registration | null> {
    const [row] = await db
      .update(registrations)
      .set({ emailVerifiedAt: now, tokenHash: ticket.hash, tokenExpiresAt: ticket.expiresAt })
      .where(
        and(
          eq(registrations.tokenHash, linkHash),
          gt(registrations.tokenExpiresAt, now),
          isNull(registrations.emailVerifiedAt),
        ),
      )
      .returning();
    return row ?? null;
  },

  /** The verified, not yet used registration a live ticket belongs to. */
  async byTicket(db: Database, ticketHash: string, now: Date): Promise<Registration | null> {
    const [row] = await db
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.tokenHash, ticketHash),
          gt(registrations.tokenExpiresAt, now),
          isNotNull(registrations.emailVerifiedAt),
          isNull(registrations.userId),
        ),
      );
    return row ?? null;
  },

  async insertAdvisor(
    tx: Tx,
    values: { firstName: string; lastName: string; firm: string; email: string },
  ): Promise<string | null> {
    const [advisor] = await tx.insert(schema.advisors).values(values).returning({ id: schema.advisors.id });
    return advisor?.id ?? null;
  },

  /** The new portal user, or null when the username was taken in the meantime. */
  async insertUser(tx: Tx, values: typeof schema.users.$inferInsert): Promise<string | null> {
    const [user] = await tx
      .insert(schema.users)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: schema.users.id });
    return user?.id ?? null;
  },

  /** Ties the registration to its account once; false when another request already used it. */
  async markUsed(tx: Tx, registrationId: string, userId: string): Promise<boolean> {
    const claimed = await tx
      .update(registrations)
      .set({ userId, tokenHash: null, tokenExpiresAt: null })
      .where(and(eq(registrations.id, registrationId), isNull(registrations.userId)))
      .returning({ id: registrations.id });
    return claimed.length > 0;
  },
};
