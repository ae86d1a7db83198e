// Pharmacy claims over HTTP: the raw NCPDP D.0 transmission (POST /api/claims/ncpdp) and the same
// transaction as JSON (POST /api/claims). Signed-in pharmacy staff only; the pharmacy is the principal's, and
// the transmission's service provider ID must be that pharmacy's NPI or NCPDP ID (else reject 50).
import { buildRequest, DEFAULT_LIMITS, NcpdpBuildError } from '@openpbm/ncpdp';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { principalOf, requireRole } from '../identity/authorize';
import { idempotent } from '../platform/idempotency';
import { InvariantBroken } from '../platform/internal-errors';
import { badRequest, forbidden } from '../platform/problem';
import { claimFormSchema, claimResult, claimResultSchema, requestFromForm } from './schemas';
import { createClaimsService, logVendorSegments, type SigningPharmacy } from './service';

const tags = ['claims'];
const RAW_TYPES = ['application/octet-stream', 'text/plain'];

function signingPharmacy(request: FastifyRequest): SigningPharmacy {
  const principal = principalOf(request);
  if (!principal.pharmacyId) throw forbidden('This account is not linked to a pharmacy.');
  return { pharmacyId: principal.pharmacyId };
}

export async function registerClaimsRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const claims = createClaimsService(deps);
  // Own encapsulated context: the raw body parsers below apply to these routes only.
  await root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(
      RAW_TYPES,
      { parseAs: 'buffer', bodyLimit: DEFAULT_LIMITS.maxBytes },
      (_r, body, done) => done(null, body),
    );
    const rateLimit = {
      max: deps.config.CLAIMS_RATE_LIMIT_PER_MINUTE,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => request.principal?.pharmacyId ?? request.ip,
    };

    app.post(
      '/claims/ncpdp',
      {
        preHandler: requireRole('pharmacy_staff'),
        config: { rateLimit },
        schema: {
          tags,
          summary: 'Submit an NCPDP Telecommunication D.0 transmission (E1, B1, B2)',
          description:
            'Body: the raw D.0 request bytes (application/octet-stream or text/plain, at most 64 KiB). ' +
            'Answer: 200 with the raw D.0 response (application/octet-stream), also for rejected claims and ' +
            'unreadable transmissions (a transmission rejection). A resubmitted paid claim (same pharmacy, Rx ' +
            'number, fill number and date of service) gets its original response with status D. Optional ' +
            'Idempotency-Key header.',
          consumes: RAW_TYPES,
          produces: ['application/octet-stream'],
          response: { 200: z.any().describe('The D.0 response bytes (application/octet-stream)') },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw badRequest(
            'Send the D.0 transmission as the body (application/octet-stream or text/plain).',
            [{ field: 'body', message: 'is required' }],
          );
        }
        const pharmacy = signingPharmacy(request);
        return idempotent(deps, request, reply, async () => {
          const result = await claims.processBytes(new Uint8Array(body), pharmacy);
          logVendorSegments(request.log, result.vendorSegments);
          reply.type('application/octet-stream').header('cache-control', 'no-store');
          return Buffer.from(result.response);
        });
      },
    );

    app.post(
      '/claims',
      {
        preHandler: requireRole('pharmacy_staff'),
        config: { rateLimit },
        schema: {
          tags,
          summary: 'Submit one E1/B1/B2 transaction as JSON (the D.0 fields by name)',
          description:
            'Adjudicated and stored exactly like the raw D.0 form; the answer carries the outcome by name and ' +
            'the D.0 response (base64). Optional Idempotency-Key header.',
          body: claimFormSchema,
          response: { 200: claimResultSchema },
        },
      },
      async (request, reply) => {
        const pharmacy = signingPharmacy(request);
        return idempotent(deps, request, reply, async () => {
          const ncpdp = requestFromForm(request.body);
          let bytes: Uint8Array;
          try {
            bytes = buildRequest(ncpdp);
          } catch (err) {
            if (err instanceof NcpdpBuildError) {
              throw badRequest('The claim cannot be encoded as D.0.', [
                { field: err.path, message: err.message },
              ]);
            }
            throw err;
          }
          const result = await claims.processRequest(ncpdp, bytes, pharmacy);
          const outcome = result.outcomes[0];
          if (!outcome) throw new InvariantBroken('no outcome for a one-transaction request');
          reply.header('cache-control', 'no-store');
          return claimResult(outcome, result.response);
        });
      },
    );
  });
}
