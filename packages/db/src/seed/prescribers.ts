// Prescribers in each metro: primary care for everyone, specialists for the drug classes they usually manage.
// NPIs and DEA numbers carry valid check digits.
import type { ZipCentroid } from '../reference/zip';
import { prescribers } from '../schema/index';
import type { BulkLoader } from './bulk';
import type { IdentifierFactory } from './identifiers';
import { emailLocalPart, type Gender, personName, streetAddress, suite } from './names';
import type { Prng, SeedIds } from './prng';
import { fictionalPhone, type Region, randomZip } from './regions';

export const PRIMARY_CARE = 'Family Medicine';
export const PEDIATRICS = 'Pediatrics';

/** Specialty that usually prescribes a therapeutic class (starter-list class codes); others go to primary care. */
// biome-ignore format: table
export const SPECIALTY_BY_CLASS: Record<string, string> = {
  ssris: 'Psychiatry', maois: 'Psychiatry', antidepressants_other: 'Psychiatry', mood_stabilizers: 'Psychiatry',
  antiarrhythmics: 'Cardiology', doacs: 'Cardiology', vitamin_k_antagonists: 'Cardiology', p2y12_inhibitors: 'Cardiology', arni: 'Cardiology',
  glp1_agonists: 'Endocrinology', insulins_long: 'Endocrinology', insulins_rapid: 'Endocrinology',
  tnf_inhibitors: 'Rheumatology', antimetabolites: 'Rheumatology', interleukin_inhibitors: 'Dermatology',
  hiv_antiretrovirals: 'Infectious Disease', kinase_inhibitors: 'Hematology and Oncology',
  ics_laba: 'Pulmonology', lama: 'Pulmonology', triptans: 'Neurology',
};

export interface SeedPrescriber {
  id: string;
  specialty: string;
  regionKey: string;
  lastName: string;
  npi: string;
}

export interface PrescriberDirectory {
  all: SeedPrescriber[];
  /** A prescriber of the specialty, preferably in the region; primary care when there is none. */
  pick(prng: Prng, regionKey: string, specialty: string): SeedPrescriber;
}

const SPECIALISTS = [...new Set(Object.values(SPECIALTY_BY_CLASS))].sort();

export async function writePrescribers(
  loader: BulkLoader,
  ids: SeedIds,
  numbers: IdentifierFactory,
  prng: Prng,
  perRegion: readonly { region: Region; count: number }[],
): Promise<PrescriberDirectory> {
  const all: SeedPrescriber[] = [];
  const bySpecialty = new Map<string, SeedPrescriber[]>();
  let specialistTurn = 0;
  for (const { region, count } of perRegion) {
    for (let i = 0; i < count; i++) {
      // Each region gets family medicine and pediatrics first; after that one in three is a specialist.
      const specialty =
        i === 0
          ? PRIMARY_CARE
          : i === 1
            ? PEDIATRICS
            : i % 3 === 2
              ? (SPECIALISTS[specialistTurn++ % SPECIALISTS.length] as string)
              : prng.pick([PRIMARY_CARE, 'Internal Medicine', PEDIATRICS]);
      const gender: Gender = prng.chance(0.5) ? 'F' : 'M';
      const { firstName, lastName } = personName(prng, gender);
      const credential = prng.weighted<string>([
        ['MD', 6],
        ['DO', 2],
        ['NP', 2],
        ['PA', 1],
      ]);
      const midLevel = credential === 'NP' || credential === 'PA';
      const zip: ZipCentroid = randomZip(prng, region);
      const id = ids.next();
      const npi = numbers.npi('individual');
      await loader.insert(prescribers, {
        id,
        npi,
        dea: prng.chance(0.85) ? numbers.dea(lastName, midLevel) : null,
        firstName,
        lastName,
        credential,
        specialty,
        addressLine1: `${streetAddress(prng)}, ${suite(prng)}`,
        city: zip.city,
        state: zip.state,
        zip: zip.zip,
        phone: fictionalPhone(prng, region.areaCode),
        fax: fictionalPhone(prng, region.areaCode),
        email: `${emailLocalPart(firstName, lastName)}@clinic.example.org`,
      });
      const prescriber = { id, specialty, regionKey: region.key, lastName, npi };
      all.push(prescriber);
      const list = bySpecialty.get(specialty) ?? [];
      list.push(prescriber);
      bySpecialty.set(specialty, list);
    }
  }
  // Internal medicine writes what family medicine writes.
  bySpecialty.set(PRIMARY_CARE, [
    ...(bySpecialty.get(PRIMARY_CARE) ?? []),
    ...(bySpecialty.get('Internal Medicine') ?? []),
  ]);
  const local = new Map<string, SeedPrescriber[]>();
  for (const [specialty, list] of bySpecialty) {
    for (const x of list) {
      const key = `${specialty}|${x.regionKey}`;
      local.set(key, [...(local.get(key) ?? []), x]);
    }
  }
  return {
    all,
    pick(p, regionKey, specialty) {
      const known = bySpecialty.has(specialty) ? specialty : PRIMARY_CARE;
      const candidates = local.get(`${known}|${regionKey}`) ?? bySpecialty.get(known) ?? all;
      return p.pick(candidates);
    },
  };
}
