// Pharmacy networks: a broad national network and a narrow one without 90-day retail, both priced at NADAC
// plus a dispensing fee (home delivery and specialty at a small discount off NADAC).
import type { Channel, NetworkContract } from '@openpbm/domain';
import { type ChannelTerms, pharmacyNetworks } from '../schema/index';
import type { BulkLoader } from './bulk';
import type { SeedIds } from './prng';

export type NetworkKind = 'national' | 'select';

export interface SeedNetwork {
  id: string;
  kind: NetworkKind;
  terms: Partial<Record<Channel, ChannelTerms>>;
}

const MAIL_TERMS: Partial<Record<Channel, ChannelTerms>> = {
  home_delivery_90: { discountBps: 200, genericDiscountBps: 500, dispensingFeeCents: 250 },
  specialty: { discountBps: 100, genericDiscountBps: 100, dispensingFeeCents: 1500 },
};

const DEFINITIONS: [NetworkKind, string, string, Partial<Record<Channel, ChannelTerms>>][] = [
  [
    'national',
    'OPB-NATIONAL',
    'OpenPBM National Network',
    {
      retail_30: { discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: 1050 },
      retail_90: { discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: 1200 },
      ...MAIL_TERMS,
    },
  ],
  [
    'select',
    'OPB-SELECT',
    'OpenPBM Select Network',
    { retail_30: { discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: 900 }, ...MAIL_TERMS },
  ],
];

export async function writeNetworks(
  loader: BulkLoader,
  ids: SeedIds,
): Promise<Record<NetworkKind, SeedNetwork>> {
  const result = {} as Record<NetworkKind, SeedNetwork>;
  for (const [kind, code, name, terms] of DEFINITIONS) {
    const id = ids.next();
    await loader.insert(pharmacyNetworks, { id, code, name, benchmark: 'nadac', terms });
    result[kind] = { id, kind, terms };
  }
  return result;
}

/**
 * What a pharmacy is paid in a network: the network's channels, each at the pharmacy's own contracted discount
 * and fee (a network_pharmacies row overrides the network defaults).
 */
export function contractFor(network: SeedNetwork, pharmacyTerms: ChannelTerms): NetworkContract {
  return {
    id: network.id,
    name: network.kind,
    benchmark: 'nadac',
    terms: Object.fromEntries(Object.keys(network.terms).map((channel) => [channel, pharmacyTerms])),
  };
}
