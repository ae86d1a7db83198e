// Word lists for synthetic people, streets and organizations. People are random combinations of common first
// and last names; combinations that name a well-known real person are drawn again.
import type { Prng } from './prng';

// biome-ignore format: word list
export const FEMALE_FIRST_NAMES = [
  'Abigail', 'Alicia', 'Amara', 'Beatriz', 'Brenda', 'Camila', 'Carmen', 'Chloe', 'Daniela', 'Deborah',
  'Elena', 'Esther', 'Fatima', 'Gloria', 'Hannah', 'Imani', 'Irene', 'Jasmine', 'Joanna', 'Keisha',
  'Laura', 'Leah', 'Lucia', 'Mabel', 'Marisol', 'Megan', 'Naomi', 'Nora', 'Olivia', 'Paula',
  'Priya', 'Rachel', 'Rosa', 'Sofia', 'Tamara', 'Teresa', 'Valerie', 'Vanessa', 'Wendy', 'Yolanda',
] as const;

// biome-ignore format: word list
export const MALE_FIRST_NAMES = [
  'Aaron', 'Adrian', 'Andre', 'Arjun', 'Benjamin', 'Brandon', 'Caleb', 'Carlos', 'Darius', 'Derek',
  'Diego', 'Elijah', 'Emmanuel', 'Felix', 'Gavin', 'Gregory', 'Hector', 'Isaac', 'Jamal', 'Jerome',
  'Joaquin', 'Julian', 'Kevin', 'Kwame', 'Leonard', 'Luis', 'Marcus', 'Mateo', 'Nathan', 'Omar',
  'Patrick', 'Rafael', 'Raymond', 'Samuel', 'Terrence', 'Theo', 'Trevor', 'Victor', 'Wesley', 'Xavier',
] as const;

// biome-ignore format: word list
export const LAST_NAMES = [
  'Abernathy', 'Acosta', 'Alvarado', 'Bakshi', 'Barrett', 'Bautista', 'Blackwell', 'Brennan', 'Castillo', 'Chandler',
  'Chen', 'Dalton', 'Delgado', 'Duarte', 'Ellison', 'Espinoza', 'Fairbanks', 'Fitzgerald', 'Gallagher', 'Greer',
  'Gutierrez', 'Halvorsen', 'Hargrove', 'Ibarra', 'Jablonski', 'Kaminski', 'Kowalczyk', 'Lindqvist', 'Lozano', 'Mahoney',
  'Marsh', 'McAllister', 'Mendoza', 'Nakamura', 'Novak', "O'Connell", 'Okafor', 'Pacheco', 'Pennington', 'Quintero',
  'Ramsey', 'Rasmussen', 'Redding', 'Salazar', 'Sandoval', 'Schaefer', 'Sorensen', 'Sutherland', 'Takahashi', 'Trujillo',
  'Underwood', 'Valencia', 'Vasquez', 'Whitaker', 'Whitfield', 'Winslow', 'Yamamoto', 'Yilmaz', 'Zamora', 'Zielinski',
] as const;

/**
 * Combinations of the lists above that are, or read as, the name of a well-known person. Drawn again so that no
 * synthetic member, prescriber or advisor carries a real public figure's name.
 */
const NOTABLE_COMBINATIONS = new Set(['Nathan Chen', 'Teresa Mendoza', 'Rachel Chandler', 'Sofia Vasquez']);

export type Gender = 'F' | 'M' | 'U';

export function firstNameFor(prng: Prng, gender: Gender): string {
  if (gender === 'F') return prng.pick(FEMALE_FIRST_NAMES);
  if (gender === 'M') return prng.pick(MALE_FIRST_NAMES);
  return prng.pick(prng.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
}

/** A first + last name that is not a notable combination (the last name is kept when given). */
export function personName(
  prng: Prng,
  gender: Gender,
  lastName?: string,
): { firstName: string; lastName: string } {
  for (;;) {
    const firstName = firstNameFor(prng, gender);
    const last = lastName ?? prng.pick(LAST_NAMES);
    if (!NOTABLE_COMBINATIONS.has(`${firstName} ${last}`)) return { firstName, lastName: last };
  }
}

// biome-ignore format: word list
const STREET_NAMES = [
  'Alder', 'Ashford', 'Birch', 'Bramble', 'Cedar', 'Chestnut', 'Clover', 'Cobblestone', 'Dogwood', 'Elm',
  'Fernwood', 'Foxglove', 'Garden', 'Glenwood', 'Harbor', 'Hawthorn', 'Heron', 'Juniper', 'Lakeview', 'Larkspur',
  'Linden', 'Magnolia', 'Maple', 'Meadow', 'Mill', 'Orchard', 'Pine', 'Quarry', 'Ridge', 'River',
  'Rosewood', 'Sage', 'Sparrow', 'Spruce', 'Stonebridge', 'Sycamore', 'Timber', 'Valley', 'Willow', 'Wren',
] as const;
const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Pl', 'Ter'] as const;

export function streetAddress(prng: Prng): string {
  return `${prng.int(10, 9899)} ${prng.pick(STREET_NAMES)} ${prng.pick(STREET_SUFFIXES)}`;
}

export function apartment(prng: Prng): string {
  return prng.chance(0.7)
    ? `Apt ${prng.int(1, 24)}${prng.pick(['A', 'B', 'C', 'D'])}`
    : `Unit ${prng.int(100, 999)}`;
}

export function suite(prng: Prng): string {
  return `Suite ${prng.int(1, 9)}${String(prng.int(0, 99)).padStart(2, '0')}`;
}

// biome-ignore format: word list
const PLACE_WORDS = [
  'Amberfield', 'Bluewater', 'Brightwater', 'Cedar Valley', 'Clearbrook', 'Copper Ridge', 'Eastgate', 'Fairhaven',
  'Granite Peak', 'Greenmeadow', 'Hollowmere', 'Ironwood', 'Kestrel', 'Lakeshore', 'Maplecrest', 'Northwind',
  'Oakhurst', 'Pinecrest', 'Redstone', 'Riverbend', 'Silverline', 'Stonegate', 'Summit Ridge', 'Westbrook',
] as const;
// biome-ignore format: word list
const INDUSTRY_WORDS = [
  'Logistics', 'Manufacturing', 'School District', 'Health System', 'Credit Union', 'Foods', 'Engineering',
  'Public Utilities', 'Hospitality Group', 'Retail Cooperative', 'Software', 'Construction', 'Transit Authority',
  'Aerospace', 'Insurance Group', 'County Government',
] as const;

/** Distinct fictional employer names ("Bluewater Logistics"). */
export function organizationNames(prng: Prng, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const base = `${prng.pick(PLACE_WORDS)} ${prng.pick(INDUSTRY_WORDS)}`;
    names.add(names.has(base) ? `${base} ${names.size + 1}` : base);
  }
  return [...names];
}

// biome-ignore format: word list
const FIRM_WORDS = ['Harborline', 'Keystone', 'Lanternpoint', 'Meridian Crest', 'Northstar', 'Tidewater', 'Trellis', 'Waypoint'] as const;

export function advisoryFirmName(prng: Prng): string {
  return `${prng.pick(FIRM_WORDS)} ${prng.pick(['Benefits Consulting', 'Benefit Advisors', 'Insurance Brokerage', 'Health Partners'])}`;
}

/** ASCII, lower-case local part for example.com addresses ("O'Connell" → "oconnell"). */
export function emailLocalPart(...parts: string[]): string {
  return parts
    .map((p) =>
      p
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
    )
    .filter(Boolean)
    .join('.');
}
