// /fhir/metadata (CapabilityStatement) and /.well-known/smart-configuration: what this server does, in the words
// of FHIR R4 and SMART App Launch 2.x.
import type { SmartAuthServer } from './oidc-provider';
import { BACKEND_SCOPES, FHIR_SCOPES, OIDC_SCOPES } from './smart-scopes';

const SMART_SECURITY = {
  cors: true,
  service: [
    {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' },
      ],
    },
  ],
  description:
    'SMART App Launch 2.0 standalone launch (authorization code with PKCE S256), patient-scoped tokens.',
};

const searchParam = (name: string, type: string) => ({ name, type });

const PATIENT_ACCESS = [
  {
    type: 'ExplanationOfBenefit',
    supportedProfile: [
      'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-Pharmacy|2.0.0',
    ],
    searchInclude: [
      'ExplanationOfBenefit:patient',
      'ExplanationOfBenefit:provider',
      'ExplanationOfBenefit:care-team',
      'ExplanationOfBenefit:coverage',
      'ExplanationOfBenefit:insurer',
      'ExplanationOfBenefit:*',
    ],
    searchParam: [
      searchParam('patient', 'reference'),
      searchParam('_id', 'token'),
      searchParam('identifier', 'token'),
      searchParam('type', 'token'),
      searchParam('service-date', 'date'),
      searchParam('_lastUpdated', 'date'),
    ],
  },
  {
    type: 'Patient',
    supportedProfile: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient|2.0.0'],
    searchParam: [searchParam('_id', 'token'), searchParam('identifier', 'token')],
  },
  {
    type: 'Coverage',
    supportedProfile: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage|2.0.0'],
    searchParam: [
      searchParam('patient', 'reference'),
      searchParam('beneficiary', 'reference'),
      searchParam('_id', 'token'),
    ],
  },
  {
    type: 'Organization',
    supportedProfile: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization|2.0.0'],
    searchParam: [searchParam('_id', 'token')],
  },
  {
    type: 'Practitioner',
    supportedProfile: ['http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner|2.0.0'],
    searchParam: [searchParam('_id', 'token')],
  },
];

const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/';
const FORMULARY = [
  {
    type: 'InsurancePlan',
    supportedProfile: [`${USDF}usdf-PayerInsurancePlan|2.0.1`, `${USDF}usdf-Formulary|2.0.1`],
    searchParam: [searchParam('_id', 'token'), searchParam('type', 'token')],
  },
  {
    type: 'Basic',
    supportedProfile: [`${USDF}usdf-FormularyItem|2.0.1`],
    searchInclude: ['Basic:subject'],
    searchParam: [
      searchParam('formulary', 'reference'),
      searchParam('drug-tier', 'token'),
      searchParam('subject', 'reference'),
    ],
  },
  {
    type: 'MedicationKnowledge',
    supportedProfile: [`${USDF}usdf-FormularyDrug|2.0.1`],
    searchParam: [
      searchParam('_id', 'token'),
      searchParam('code', 'token'),
      searchParam('drug-name', 'string'),
      searchParam('formulary', 'reference'),
    ],
  },
];

export function capabilityStatement(server: SmartAuthServer, date: string) {
  return {
    resourceType: 'CapabilityStatement' as const,
    status: 'active' as const,
    date,
    publisher: 'OpenPBM',
    kind: 'instance' as const,
    software: { name: 'OpenPBM' },
    implementation: { description: 'OpenPBM FHIR R4 API', url: server.fhirBase },
    fhirVersion: '4.0.1' as const,
    format: ['json', 'application/fhir+json'],
    instantiates: [
      'http://hl7.org/fhir/us/carin-bb/CapabilityStatement/c4bb|2.0.0',
      'http://hl7.org/fhir/us/davinci-drug-formulary/CapabilityStatement/usdf-server|2.0.1',
    ],
    rest: [
      {
        mode: 'server' as const,
        security: SMART_SECURITY,
        resource: [
          ...[...PATIENT_ACCESS, ...FORMULARY].map((r) => ({
            ...r,
            interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
          })),
          // Da Vinci PAS 2.1.0, for prescribers signed in with their OpenPBM account.
          {
            type: 'Claim',
            operation: [
              {
                name: 'submit',
                definition: 'http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-submit',
              },
              {
                name: 'inquire',
                definition: 'http://hl7.org/fhir/us/davinci-pas/OperationDefinition/Claim-inquiry',
              },
            ],
          },
        ],
      },
    ],
  };
}

export function smartConfiguration(server: SmartAuthServer) {
  return {
    issuer: server.issuer,
    jwks_uri: `${server.issuer}/jwks`,
    authorization_endpoint: `${server.issuer}/auth`,
    token_endpoint: `${server.issuer}/token`,
    revocation_endpoint: `${server.issuer}/token/revocation`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: [
      'none',
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: [...OIDC_SCOPES, ...FHIR_SCOPES, ...BACKEND_SCOPES],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-standalone',
      'client-public',
      'client-confidential-symmetric',
      'client-confidential-asymmetric',
      'context-standalone-patient',
      'permission-patient',
      'permission-offline',
      'permission-v1',
      'permission-v2',
      'sso-openid-connect',
    ],
  };
}
