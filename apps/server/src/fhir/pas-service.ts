// Da Vinci PAS: a prescriber system sends a PAS request Bundle to Claim/$submit; it becomes a prior-authorization
// case through the same engine as the prescriber portal (member look-up by member ID and date of birth, the
// plan's criteria, auto-approval from the member's own claims), and the answer is a PAS response Bundle with a
// ClaimResponse: approved (A1), denied (A3) or pended (A4, in the review queue). Claim/$inquire follows a case.

import { isOpenStatus } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { ProblemError } from '../platform/problem';
import { addAttachment } from '../prior-auth/attachment-service';
import { decodeUpload } from '../prior-auth/attachments';
import type { Actor } from '../prior-auth/case-audit';
import type { NoticeContext } from '../prior-auth/notices';
import { getPrescriberCase } from '../prior-auth/prescriber-case-service';
import { lookupMember, submitCase } from '../prior-auth/prescriber-service';
import { FhirError, type IssueCode } from './operation-outcome';
import { type PasSubmission, readPasInquiry, readPasSubmission } from './pas-bundle';
import { submitOnce } from './pas-replay';
import { findCaseIdByNumber, findDrugGroupOfNdc } from './pas-repo';
import { pasResponseBundle } from './pas-resources';

const CLAIM = 'Bundle.entry[0].resource';
/** Where the engine's field errors live in the PAS Claim. */
const FIELD_PATHS: Record<string, string> = {
  memberNumber: 'Patient.identifier',
  dateOfBirth: 'Patient.birthDate',
  ndc: `${CLAIM}.item[0].productOrService`,
  quantityMilli: `${CLAIM}.item[0].quantity`,
  daysSupply: `${CLAIM}.supportingInfo`,
};
const pathOf = (field: string) =>
  FIELD_PATHS[field] ?? (field.startsWith('answers.diagnosisCodes') ? `${CLAIM}.diagnosis` : `${CLAIM}`);

const CODES: Record<number, IssueCode> = { 400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found' };

/** The engine speaks problem+json; under /fhir the same failure is an OperationOutcome naming the element. */
async function asFhir<T>(run: () => Promise<T>, notFoundPath?: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const fields = (error.errors ?? []).map((e) => pathOf(e.field));
    const messages = (error.errors ?? []).map((e) => `${pathOf(e.field)}: ${e.message}`);
    const expression = fields.length ? fields : error.status === 404 && notFoundPath ? [notFoundPath] : [];
    throw new FhirError(
      error.status,
      CODES[error.status] ?? 'processing',
      [error.detail ?? error.title, ...messages].join(' '),
      expression,
    );
  }
}

export async function submitPas(deps: AppDeps, actor: Actor, body: unknown, notice: NoticeContext) {
  const request = readPasSubmission(body);
  return submitOnce(deps, actor.principal.userId, request, () => openCase(deps, actor, request, notice));
}

async function openCase(deps: AppDeps, actor: Actor, request: PasSubmission, notice: NoticeContext) {
  // The documents are checked before anything is opened: a bad one leaves no case behind.
  for (const document of request.documents) {
    try {
      decodeUpload(document.contentBase64);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      const why = error.errors?.[0]?.message ?? error.detail ?? error.title;
      throw new FhirError(400, 'invalid', `${document.path}: ${why}.`, [document.path]);
    }
  }
  const { patientHandle } = await asFhir(
    () => lookupMember(deps, actor, { memberNumber: request.memberNumber, dateOfBirth: request.birthDate }),
    'Patient.identifier',
  );
  const drugGroupId = await findDrugGroupOfNdc(deps.db.db, request.ndc);
  if (!drugGroupId) {
    throw new FhirError(400, 'value', `${CLAIM}.item[0].productOrService: NDC ${request.ndc} is not known.`, [
      `${CLAIM}.item[0].productOrService`,
    ]);
  }
  const view = await asFhir(() =>
    submitCase(
      deps,
      actor,
      {
        type: 'prior_auth',
        patientHandle,
        drugGroupId,
        ndc: request.ndc,
        quantityMilli: request.quantityMilli,
        daysSupply: request.daysSupply,
        expedited: request.expedited,
        expeditedReason: request.expedited ? 'Marked urgent (priority stat) in the PAS request.' : null,
        answers: {
          diagnosisCodes: request.diagnosisCodes,
          triedDrugs: [],
          labs: [],
          attestations: {},
          notes: request.notes,
        },
      },
      notice,
    ),
  );
  // A pended case keeps the documents for the clinician; one decided at once (auto-approval) needs none.
  if (isOpenStatus(view.status)) {
    for (const document of request.documents) {
      await addAttachment(deps, actor, view.id, document);
    }
  }
  return pasResponseBundle(view, request, deps.now());
}

export async function inquirePas(deps: AppDeps, actor: Actor, body: unknown) {
  const request = readPasInquiry(body);
  const caseId = await findCaseIdByNumber(deps.db.db, request.caseNumber);
  const notYours = new FhirError(
    404,
    'not-found',
    'No prior authorization with this number is available to you.',
    [`${CLAIM}.identifier`],
  );
  if (!caseId) throw notYours;
  const view = await asFhir(() => getPrescriberCase(deps, actor, caseId), `${CLAIM}.identifier`);
  return pasResponseBundle(
    view,
    { bundleIdentifier: request.bundleIdentifier, memberNumber: null },
    deps.now(),
  );
}
