// One list of the audience areas, shared by the header and the footer.
export const audienceLinks = [
  { to: '/members', label: 'Members', longLabel: 'Members' },
  { to: '/clients', label: 'Plan sponsors', longLabel: 'Plan sponsors and advisors' },
  { to: '/prescribers', label: 'Prescribers', longLabel: 'Prescribers' },
  { to: '/pharmacies', label: 'Pharmacies', longLabel: 'Pharmacies' },
] as const;
