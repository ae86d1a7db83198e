// Retail pharmacies placed at real ZIP centroids in the metros where members live (chains and independents,
// some open 24 hours, a few closed), plus the PBM's home-delivery and specialty pharmacies, and each pharmacy's
// contract in the networks it belongs to.
import type { ZipCentroid } from '../reference/zip';
import { zipCentroid } from '../reference/zip';
import { type ChannelTerms, networkPharmacies, pharmacies, type WeeklyHours } from '../schema/index';
import type { BulkLoader } from './bulk';
import type { IdentifierFactory } from './identifiers';
import { LAST_NAMES, streetAddress, suite } from './names';
import type { NetworkKind, SeedNetwork } from './networks';
import type { Prng, SeedIds } from './prng';
import { fictionalPhone, MAIL_PHARMACY_ZIP, type Region, randomZip, timeZoneOf } from './regions';

export type PharmacyKind = 'retail' | 'home_delivery' | 'specialty';

export interface SeedPharmacy {
  id: string;
  npi: string;
  name: string;
  kind: PharmacyKind;
  chainCode: string | null;
  regionKey: string | null;
  zip: ZipCentroid;
  active: boolean;
  /** Contract terms per network the pharmacy belongs to. */
  contracts: Map<NetworkKind, ChannelTerms>;
}

export interface PharmacyDirectory {
  all: SeedPharmacy[];
  homeDelivery: SeedPharmacy;
  specialty: SeedPharmacy;
  /** Active retail pharmacies per region and network. */
  retail(regionKey: string, network: NetworkKind): SeedPharmacy[];
}

// biome-ignore format: table
const CHAINS: readonly [code: string, name: string][] = [
  ['EVG', 'Evergreen Drug'], ['BLB', 'Bluebird Pharmacy'], ['HBV', 'Harborview Pharmacy'], ['PRX', 'Prairie Rx'],
];

const day = (open: string, close: string) => [{ open, close }];

const STANDARD_HOURS: WeeklyHours = {
  '0': day('10:00', '17:00'),
  '1': day('09:00', '21:00'),
  '2': day('09:00', '21:00'),
  '3': day('09:00', '21:00'),
  '4': day('09:00', '21:00'),
  '5': day('09:00', '21:00'),
  '6': day('09:00', '18:00'),
};
const INDEPENDENT_HOURS: WeeklyHours = {
  '1': day('09:00', '18:30'),
  '2': day('09:00', '18:30'),
  '3': day('09:00', '18:30'),
  '4': day('09:00', '18:30'),
  '5': day('09:00', '18:30'),
  '6': day('09:00', '13:00'),
};
/** Open around the clock: every day from 00:00 to 24:00. */
const ALWAYS_OPEN: WeeklyHours = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, day('00:00', '24:00')]),
) as WeeklyHours;
const MAIL_HOURS: WeeklyHours = {
  '1': day('08:00', '20:00'),
  '2': day('08:00', '20:00'),
  '3': day('08:00', '20:00'),
  '4': day('08:00', '20:00'),
  '5': day('08:00', '20:00'),
  '6': day('09:00', '13:00'),
};

/** Share of retail pharmacies that also contract with the narrow network. */
const SELECT_NETWORK_SHARE = 0.6;

export interface PharmacyPlan {
  region: Region;
  count: number;
}

export async function writePharmacies(
  loader: BulkLoader,
  ids: SeedIds,
  numbers: IdentifierFactory,
  prng: Prng,
  networks: Record<NetworkKind, SeedNetwork>,
  perRegion: readonly PharmacyPlan[],
  dates: { contractStart: string; closedOn: string },
): Promise<PharmacyDirectory> {
  const all: SeedPharmacy[] = [];
  const mailZip = zipCentroid(MAIL_PHARMACY_ZIP) as ZipCentroid;
  const mailTerms = (channel: 'home_delivery_90' | 'specialty') =>
    networks.national.terms[channel] as ChannelTerms;
  const mail = (kind: 'home_delivery' | 'specialty', name: string): SeedPharmacy => ({
    id: ids.next(),
    npi: numbers.npi('organization'),
    name,
    kind,
    chainCode: 'OPB',
    regionKey: null,
    zip: mailZip,
    active: true,
    contracts: new Map([
      ['national', mailTerms(kind === 'home_delivery' ? 'home_delivery_90' : 'specialty')],
      ['select', mailTerms(kind === 'home_delivery' ? 'home_delivery_90' : 'specialty')],
    ]),
  });
  const homeDelivery = mail('home_delivery', 'OpenPBM Home Delivery Pharmacy');
  const specialty = mail('specialty', 'OpenPBM Specialty Pharmacy');
  all.push(homeDelivery, specialty);

  for (const { region, count } of perRegion) {
    for (let i = 0; i < count; i++) {
      const chain = prng.chance(0.7) ? prng.pick(CHAINS) : null;
      const zip = randomZip(prng, region);
      const name = chain
        ? `${chain[1]} #${prng.int(1000, 9999)}`
        : prng.chance(0.5)
          ? `${prng.pick(LAST_NAMES)} Family Pharmacy`
          : `${zip.city} Community Pharmacy`;
      const retailFee = (networks.national.terms.retail_30 as ChannelTerms).dispensingFeeCents;
      const contracts = new Map<NetworkKind, ChannelTerms>([
        [
          'national',
          { discountBps: 0, genericDiscountBps: 0, dispensingFeeCents: retailFee + prng.int(-150, 150) },
        ],
      ]);
      // The first two pharmacies of a region are always in the narrow network, so its members have a choice.
      if (i < 2 || prng.chance(SELECT_NETWORK_SHARE)) {
        const selectFee = (networks.select.terms.retail_30 as ChannelTerms).dispensingFeeCents;
        contracts.set('select', {
          discountBps: 0,
          genericDiscountBps: 0,
          dispensingFeeCents: selectFee + prng.int(-100, 100),
        });
      }
      all.push({
        id: ids.next(),
        npi: numbers.npi('organization'),
        name,
        kind: 'retail',
        chainCode: chain?.[0] ?? null,
        regionKey: region.key,
        zip,
        active: i < 2 || !prng.chance(0.02),
        contracts,
      });
    }
  }

  for (const p of all) {
    const open24 = p.kind === 'retail' && p.chainCode !== null && prng.chance(0.12);
    const areaCode =
      p.kind === 'retail'
        ? (perRegion.find((r) => r.region.key === p.regionKey)?.region.areaCode ?? '614')
        : '614';
    await loader.insert(pharmacies, {
      id: p.id,
      npi: p.npi,
      ncpdpId: numbers.ncpdpId(p.zip.state),
      name: p.name,
      chainCode: p.chainCode,
      addressLine1: streetAddress(prng),
      addressLine2: p.kind === 'retail' ? null : suite(prng),
      city: p.zip.city,
      state: p.zip.state,
      zip: p.zip.zip,
      latitude: p.zip.latitude,
      longitude: p.zip.longitude,
      phone: fictionalPhone(prng, areaCode),
      timeZone: timeZoneOf(p.zip),
      hours:
        p.kind !== 'retail'
          ? MAIL_HOURS
          : open24
            ? ALWAYS_OPEN
            : p.chainCode
              ? STANDARD_HOURS
              : INDEPENDENT_HOURS,
      open24Hours: open24,
      homeDelivery: p.kind === 'home_delivery',
      specialty: p.kind === 'specialty',
      status: p.active ? 'active' : 'inactive',
    });
    for (const [kind, terms] of p.contracts) {
      await loader.insert(networkPharmacies, {
        networkId: networks[kind].id,
        pharmacyId: p.id,
        ...terms,
        effectiveDate: dates.contractStart,
        terminationDate: p.active ? null : dates.closedOn,
      });
    }
  }

  const retailIndex = new Map<string, SeedPharmacy[]>();
  for (const p of all) {
    if (p.kind !== 'retail' || !p.active || !p.regionKey) continue;
    for (const kind of p.contracts.keys()) {
      const key = `${p.regionKey}|${kind}`;
      const list = retailIndex.get(key) ?? [];
      list.push(p);
      retailIndex.set(key, list);
    }
  }
  return {
    all,
    homeDelivery,
    specialty,
    retail: (regionKey, network) => retailIndex.get(`${regionKey}|${network}`) ?? [],
  };
}
