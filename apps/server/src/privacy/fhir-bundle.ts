// The right-of-access record as a FHIR R4 Bundle (type "collection"): Patient, Coverage, MedicationRequest,
// Claim (pharmacy claims and prior authorizations, use "claim" / "preauthorization"), MedicationDispense-like
// orders as Task, Communication (secure messages), Consent (privacy choices) and AuditEvent (the audit of the
// record). Reads go through plain SQL with the member id as the only parameter.
import type { DatabaseHandle } from '@openpbm/db';
import { decryptField, FIELD_CONTEXTS, type FieldKey } from '@openpbm/db/field-crypto';
import { RECORD_SECTIONS } from '@openpbm/shared/privacy';

type Row = Record<string, unknown>;
type Resource = { resourceType: string; id: string } & Row;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));
const cents = (v: unknown) => ({ value: Number(v ?? 0) / 100, currency: 'USD' });

/** The sections in build order; each step reports progress between them. */
export const SECTIONS = RECORD_SECTIONS;

export async function readSection(
  db: DatabaseHandle,
  key: FieldKey,
  section: (typeof SECTIONS)[number],
  memberId: string,
): Promise<Resource[]> {
  const q = async (text: string) => (await db.sql.query<Row>(text, [memberId])).rows;
  const patient = { reference: `Patient/${memberId}` };
  switch (section) {
    case 'profile': {
      const rows = await q(
        `select id, first_name, last_name, date_of_birth_enc, gender, address_line1_enc, address_line2_enc,
                city, state, zip, email, phone, member_number_enc from members where id = $1`,
      );
      return rows.map((m) => ({
        resourceType: 'Patient',
        id: String(m.id),
        identifier: [
          {
            system: 'urn:openpbm:member-id',
            value: decryptField(key, String(m.member_number_enc), FIELD_CONTEXTS.memberNumber),
          },
        ],
        name: [{ family: m.last_name, given: [m.first_name] }],
        gender: ({ F: 'female', M: 'male' } as Row)[String(m.gender)] ?? 'unknown',
        birthDate: decryptField(key, String(m.date_of_birth_enc), FIELD_CONTEXTS.dateOfBirth),
        address: [
          {
            line: [
              decryptField(key, String(m.address_line1_enc), FIELD_CONTEXTS.addressLine1),
              ...(m.address_line2_enc
                ? [decryptField(key, String(m.address_line2_enc), FIELD_CONTEXTS.addressLine2)]
                : []),
            ],
            city: m.city,
            state: m.state,
            postalCode: m.zip,
          },
        ],
        telecom: [
          ...(m.email ? [{ system: 'email', value: m.email }] : []),
          ...(m.phone ? [{ system: 'phone', value: m.phone }] : []),
        ],
      }));
    }
    case 'coverage':
      return (
        await q(
          `select s.id, s.start_date, s.end_date, s.status, s.coverage_level, p.name as plan_name
             from eligibility_spans s join plans p on p.id = s.plan_id where s.member_id = $1 order by s.start_date`,
        )
      ).map((s) => ({
        resourceType: 'Coverage',
        id: String(s.id),
        status: s.status === 'active' ? 'active' : 'cancelled',
        beneficiary: patient,
        period: { start: s.start_date, ...(s.end_date ? { end: s.end_date } : {}) },
        class: [{ type: { text: 'plan' }, value: String(s.plan_name) }],
        payor: [{ display: 'OpenPBM' }],
      }));
    case 'prescriptions':
      return (
        await q(
          `select r.id, r.rx_number, r.ndc, r.directions, r.status, r.days_supply, r.quantity_milli,
                  r.refills_remaining, g.name as drug_name
             from prescriptions r join drug_groups g on g.id = r.drug_group_id where r.member_id = $1`,
        )
      ).map((r) => ({
        resourceType: 'MedicationRequest',
        id: String(r.id),
        identifier: [{ system: 'urn:openpbm:rx-number', value: r.rx_number }],
        status: r.status === 'active' ? 'active' : 'completed',
        intent: 'order',
        subject: patient,
        medicationCodeableConcept: {
          text: r.drug_name,
          coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: r.ndc }],
        },
        dosageInstruction: [{ text: r.directions }],
        dispenseRequest: {
          quantity: { value: Number(r.quantity_milli) / 1000 },
          expectedSupplyDuration: { value: r.days_supply, unit: 'days' },
          numberOfRepeatsAllowed: r.refills_remaining,
        },
      }));
    case 'claims':
      return (
        await q(
          `select id, transaction_code, ndc, date_of_service, status, patient_pay_cents, plan_pay_cents
             from claims where member_id = $1 order by date_of_service`,
        )
      ).map((c) => ({
        resourceType: 'Claim',
        id: String(c.id),
        status: c.status === 'reversed' ? 'cancelled' : 'active',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }] },
        use: 'claim',
        patient,
        created: c.date_of_service,
        provider: { display: 'Dispensing pharmacy' },
        priority: { coding: [{ code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { display: 'OpenPBM plan' } }],
        item: [
          {
            sequence: 1,
            productOrService: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: c.ndc }] },
            servicedDate: c.date_of_service,
            net: cents(Number(c.patient_pay_cents) + Number(c.plan_pay_cents)),
          },
        ],
        extension: [
          { url: 'urn:openpbm:claim-status', valueString: c.status },
          { url: 'urn:openpbm:patient-pay', valueMoney: cents(c.patient_pay_cents) },
        ],
      }));
    case 'orders':
      return (
        await q(
          `select id, order_number, status, created_at, shipped_at, delivered_at, carrier, tracking_number,
                  total_member_cost_cents from orders where member_id = $1 order by created_at`,
        )
      ).map((o) => ({
        resourceType: 'Task',
        id: String(o.id),
        identifier: [{ system: 'urn:openpbm:order-number', value: o.order_number }],
        status:
          o.status === 'delivered' ? 'completed' : o.status === 'cancelled' ? 'cancelled' : 'in-progress',
        intent: 'order',
        description: 'Home-delivery order',
        for: patient,
        authoredOn: iso(o.created_at),
        businessStatus: { text: o.status },
        note: o.tracking_number ? [{ text: `${o.carrier ?? ''} ${o.tracking_number}`.trim() }] : [],
      }));
    case 'priorAuth':
      return (
        await q(
          `select a.id, a.case_number, a.type, a.status, a.submitted_at, a.decided_at, a.decision_reason,
                  g.name as drug_name
             from prior_authorizations a join drug_groups g on g.id = a.drug_group_id where a.member_id = $1`,
        )
      ).map((a) => ({
        resourceType: 'Claim',
        id: String(a.id),
        identifier: [{ system: 'urn:openpbm:case-number', value: a.case_number }],
        status: 'active',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'pharmacy' }] },
        use: 'preauthorization',
        patient,
        created: iso(a.submitted_at),
        provider: { display: 'Prescriber' },
        priority: { coding: [{ code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { display: 'OpenPBM plan' } }],
        item: [{ sequence: 1, productOrService: { text: a.drug_name } }],
        extension: [
          { url: 'urn:openpbm:case-type', valueString: a.type },
          { url: 'urn:openpbm:case-status', valueString: a.status },
          ...(a.decision_reason
            ? [{ url: 'urn:openpbm:decision-reason', valueString: a.decision_reason }]
            : []),
        ],
      }));
    case 'messages':
      return (
        await q(
          `select id, subject, body, created_at, read_at from secure_messages where member_id = $1 order by created_at`,
        )
      ).map((m) => ({
        resourceType: 'Communication',
        id: String(m.id),
        status: 'completed',
        subject: patient,
        sent: iso(m.created_at),
        topic: { text: m.subject },
        payload: [{ contentString: m.body }],
      }));
    case 'consents':
      return (
        await q(
          `select member_id, marketing_opt_out, research_opt_out, deidentified_opt_out, updated_at
             from privacy_choices where member_id = $1`,
        )
      ).map((c) => ({
        resourceType: 'Consent',
        id: `choices-${String(c.member_id)}`,
        status: 'active',
        scope: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
        },
        category: [{ text: 'Privacy choices' }],
        patient,
        dateTime: iso(c.updated_at),
        provision: {
          type: 'permit',
          provision: [
            ['marketing', c.marketing_opt_out],
            ['research', c.research_opt_out],
            ['de-identified data', c.deidentified_opt_out],
          ].map(([use, out]) => ({ type: out ? 'deny' : 'permit', purpose: [{ display: String(use) }] })),
        },
      }));
    case 'audit':
      return (
        await q(
          `select id, at, actor_role, action, resource_type, reason from audit_events where member_id = $1 order by seq`,
        )
      ).map((e) => ({
        resourceType: 'AuditEvent',
        id: String(e.id),
        type: { code: String(e.resource_type) },
        action: 'R',
        recorded: iso(e.at),
        purposeOfEvent: e.reason ? [{ text: e.reason }] : [],
        agent: [{ role: [{ text: e.actor_role ?? 'system' }], requestor: true }],
        source: { observer: { display: 'OpenPBM' } },
        entity: [{ what: patient, description: `${e.action} ${e.resource_type}` }],
      }));
  }
}

export function toBundle(resources: Resource[], at: Date) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: at.toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `urn:openpbm:${resource.resourceType}:${resource.id}`,
      resource,
    })),
  };
}
