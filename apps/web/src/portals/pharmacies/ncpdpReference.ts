// NCPDP Telecommunication Standard D.0 reference data shown to pharmacies.

export const transactions = [
  { code: 'E1', name: 'Eligibility verification', use: 'Check that the patient is covered before you fill.' },
  { code: 'B1', name: 'Billing', use: 'Submit a claim and get the plan’s payment and the patient’s cost.' },
  {
    code: 'B2',
    name: 'Reversal',
    use: 'Cancel a paid claim, for example when the patient does not pick up.',
  },
] as const;

export const rejectCodes = [
  { code: '65', meaning: 'Patient is not covered' },
  { code: '70', meaning: 'Product/service not covered' },
  { code: '75', meaning: 'Prior authorization required' },
  { code: '76', meaning: 'Plan limitations exceeded' },
  { code: '79', meaning: 'Refill too soon' },
  { code: '88', meaning: 'DUR reject error' },
] as const;
