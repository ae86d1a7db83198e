// Where a drug-drug interaction comes from, as the pharmacist is told: the hand-written starter list (processor
// developed, 532-FW 4) or a public knowledge base read from the reference file (532-FW 5 "other"): the VA
// National Drug File (NDF-RT) or the ONC high-priority list. The label leads 570-NS so truncation never drops it.

export type DurDatabaseIndicator = '4' | '5';

export interface InteractionSource {
  /** Short name shown on the wire and on the pharmacist's page. */
  label: string;
  /** 532-FW DUR database indicator. */
  databaseIndicator: DurDatabaseIndicator;
}

export const STARTER_SOURCE: Readonly<InteractionSource> = Object.freeze({
  label: 'Starter list',
  databaseIndicator: '4',
});

/** Maps a stored `drug_interactions.source` text to its label; no source (older rows, tests) is the starter list. */
export function interactionSourceOf(source: string | null | undefined): InteractionSource {
  const text = (source ?? '').toLowerCase();
  if (text === '' || text.startsWith('starter')) return STARTER_SOURCE;
  if (text.includes('ndf-rt')) return { label: 'VA NDF-RT', databaseIndicator: '5' };
  if (text.includes('onc')) return { label: 'ONC high-priority', databaseIndicator: '5' };
  return { label: 'Reference file', databaseIndicator: '5' };
}

/** 570-NS text that names its source first: "Starter list: …", or the file's message when it already does. */
export function withSourceLabel(label: string, description: string): string {
  return description.toLowerCase().startsWith(label.toLowerCase()) ? description : `${label}: ${description}`;
}
