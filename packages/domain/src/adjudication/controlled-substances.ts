// Controlled substances (DEA schedules II-V, from the drug reference data): the prescriber must be on file (42)
// with a DEA registration (71); a Schedule II prescription has no refills (fill number 0 only; a partial fill
// of it is fill 0 too); and the plan may cap days supply and quantity per schedule (76).

export type DeaScheduleCode = '2' | '3' | '4' | '5';

export interface ScheduleLimit {
  maxDaysSupply?: number;
  /** Thousandths of a unit per fill. */
  maxQuantityMilli?: number;
}

/** Plan setting: limits per DEA schedule ("2" = C-II …); a schedule without an entry has no extra limit. */
export type ControlledSubstanceLimits = Partial<Record<DeaScheduleCode, ScheduleLimit>>;

export interface ControlledSubstanceInput {
  /** The drug group's DEA schedule ("1"-"5"), null when not controlled. */
  deaSchedule: string | null;
  /** Whether the prescriber sent in the Prescriber segment (by NPI or DEA number) is on file. */
  prescriberFound: boolean;
  prescriberDea: string | null;
  fillNumber: number;
  daysSupply: number;
  quantityMilli: number;
  limits: ControlledSubstanceLimits;
}

export interface ControlledSubstanceRejection {
  code: '17' | '42' | '71' | '76';
  message: string;
}

export function checkControlledSubstance(input: ControlledSubstanceInput): ControlledSubstanceRejection[] {
  const schedule = input.deaSchedule;
  if (!schedule || !['1', '2', '3', '4', '5'].includes(schedule)) return [];
  const cName = `Schedule ${['I', 'II', 'III', 'IV', 'V'][Number(schedule) - 1]}`;
  const out: ControlledSubstanceRejection[] = [];
  if (!input.prescriberFound) {
    out.push({
      code: '42',
      message: `${cName} drug: the prescriber is not in the plan's prescriber database`,
    });
  } else if (!input.prescriberDea) {
    out.push({ code: '71', message: `${cName} drug: the prescriber has no DEA registration on file` });
  }
  if (schedule === '2' && input.fillNumber > 0) {
    out.push({ code: '17', message: 'Schedule II prescriptions cannot be refilled (fill number must be 0)' });
  }
  const limit = input.limits[schedule as DeaScheduleCode];
  if (limit?.maxDaysSupply != null && input.daysSupply > limit.maxDaysSupply) {
    out.push({ code: '76', message: `${cName} drug: at most ${limit.maxDaysSupply} days supply per fill` });
  }
  if (limit?.maxQuantityMilli != null && input.quantityMilli > limit.maxQuantityMilli) {
    out.push({
      code: '76',
      message: `${cName} drug: at most ${limit.maxQuantityMilli / 1000} units per fill`,
    });
  }
  return out;
}
