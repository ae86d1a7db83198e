// Plan sponsors (fictional employers), their groups with the plans each offers, and the advisors who serve them.
import { advisors, clientAdvisors, clients, groups } from '../schema/index';
import type { BulkLoader } from './bulk';
import { advisoryFirmName, emailLocalPart, organizationNames, personName } from './names';
import type { PlanKey, SeedPlan } from './plans';
import type { Prng, SeedIds } from './prng';
import { allRegions, fictionalPhone, type Region } from './regions';

export interface SeedGroup {
  id: string;
  groupNumber: string;
  /** Plans members of the group can choose; the first is the group's default. */
  plans: PlanKey[];
  region: Region;
  weight: number;
  /** Retiree groups enroll older subscribers. */
  retirees: boolean;
}

export interface SeedClient {
  id: string;
  code: string;
  name: string;
  weight: number;
  groups: SeedGroup[];
  advisorIds: string[];
}

/** Plan menus a client can offer. The Value plan is offered alone: its July plan year differs from the others. */
const PLAN_MENUS: readonly PlanKey[][] = [
  ['silver', 'hdhp'],
  ['gold', 'hdhp'],
  ['gold', 'silver'],
  ['value'],
  ['silver'],
];

const GROUP_NAMES = ['Salaried Employees', 'Hourly Employees', 'Retirees'];

export function clientCountFor(members: number): number {
  return Math.min(40, Math.max(3, Math.round(members / 4000)));
}

export async function writeClients(
  loader: BulkLoader,
  ids: SeedIds,
  prng: Prng,
  count: number,
  planByKey: Record<PlanKey, SeedPlan>,
): Promise<{ clients: SeedClient[]; advisorIds: string[] }> {
  const regions = allRegions();
  const advisorIds: string[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(count / 4)); i++) {
    const id = ids.next();
    const { firstName, lastName } = personName(prng, prng.chance(0.5) ? 'F' : 'M');
    const firm = advisoryFirmName(prng);
    await loader.insert(advisors, {
      id,
      firstName,
      lastName,
      firm,
      email: `${emailLocalPart(firstName, lastName)}@${emailLocalPart(firm.split(' ')[0] ?? 'firm')}.example.net`,
      phone: fictionalPhone(prng, '312'),
    });
    advisorIds.push(id);
  }

  const names = organizationNames(prng, count);
  const result: SeedClient[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids.next();
    const name = names[i] as string;
    const code = `CL${1001 + i}`;
    await loader.insert(clients, {
      id,
      code,
      name,
      contactEmail: `benefits@${emailLocalPart(name).replace(/\./g, '-')}.example.com`,
      contactPhone: fictionalPhone(prng, '312'),
    });
    // The first client (home of the demo family) always has an advisor and the Silver/HDHP menu.
    const menu = i === 0 ? (PLAN_MENUS[0] as PlanKey[]) : prng.pick(PLAN_MENUS);
    const home = i === 0 ? (regions[1] as Region) : prng.pick(regions);
    const groupCount = i === 0 ? 2 : prng.int(1, 3);
    const clientGroups: SeedGroup[] = [];
    for (let g = 0; g < groupCount; g++) {
      const groupId = ids.next();
      const groupNumber = `G${100100 + i * 10 + g}`;
      const groupPlans = g === 0 ? menu : [...menu].reverse();
      await loader.insert(groups, {
        id: groupId,
        clientId: id,
        groupNumber,
        name: GROUP_NAMES[g] as string,
        defaultPlanId: planByKey[groupPlans[0] as PlanKey].id,
      });
      clientGroups.push({
        id: groupId,
        groupNumber,
        plans: groupPlans,
        // Most groups work where the client is; some sites are in another metro.
        region: g === 0 || prng.chance(0.6) ? home : prng.pick(regions),
        weight: g === 0 ? 3 : 1,
        retirees: GROUP_NAMES[g] === 'Retirees',
      });
    }
    const advisorCount =
      i === 0
        ? 1
        : prng.weighted([
            [0, 2],
            [1, 7],
            [2, 1],
          ]);
    const chosen =
      i === 0
        ? [advisorIds[0] as string]
        : [...new Set(Array.from({ length: advisorCount }, () => prng.pick(advisorIds)))];
    for (const advisorId of chosen) await loader.insert(clientAdvisors, { clientId: id, advisorId });
    // Client sizes fall off like real books of business: a few large sponsors, many small ones.
    result.push({ id, code, name, weight: 1 / (i + 1) ** 0.7, groups: clientGroups, advisorIds: chosen });
  }
  return { clients: result, advisorIds };
}
