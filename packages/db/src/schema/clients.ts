// Plan sponsors (clients), their groups, and the advisors (brokers/consultants) who act for them.
import { check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, updatedAt } from './columns';
import { plans } from './plans';

export const CLIENT_STATUSES = ['active', 'terminated'] as const;

export const clients = pgTable(
  'clients',
  {
    id: id(),
    /** Short human-facing code, e.g. "CL1042". */
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: CLIENT_STATUSES }).notNull().default('active'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('clients_code_uq').on(t.code),
    check('clients_status_ck', oneOf(t.status, CLIENT_STATUSES)),
  ],
);

export const groups = pgTable(
  'groups',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    /** Group number printed on the ID card next to the RxGroup. */
    groupNumber: text('group_number').notNull(),
    name: text('name').notNull(),
    /** Plan new enrollees of this group get; eligibility spans name the plan actually in force. */
    defaultPlanId: uuid('default_plan_id').references(() => plans.id),
    status: text('status', { enum: CLIENT_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('groups_group_number_uq').on(t.groupNumber),
    index('groups_client_idx').on(t.clientId),
    check('groups_status_ck', oneOf(t.status, CLIENT_STATUSES)),
  ],
);

export const advisors = pgTable('advisors', {
  id: id(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  firm: text('firm').notNull(),
  email: text('email').notNull(),
  phone: text('phone'),
  createdAt: createdAt(),
});

/** Which clients an advisor may act for (and see reports of). */
export const clientAdvisors = pgTable(
  'client_advisors',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    advisorId: uuid('advisor_id')
      .notNull()
      .references(() => advisors.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.advisorId], name: 'client_advisors_pk' }),
    index('client_advisors_advisor_idx').on(t.advisorId),
  ],
);

export type Client = typeof clients.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Advisor = typeof advisors.$inferSelect;
