// STARTER LIST of well-known drug-drug interactions (by ingredient) for DUR, used until a real interaction file
// is placed in ../shared/data. These are real, widely documented interactions (FDA labeling, standard references),
// written in our own words; severities follow common clinical usage. Not a complete clinical knowledge base.
import { type DrugInteractionRef, orderedPair } from './types';

export const STARTER_INTERACTION_SOURCE =
  'starter list (well-known interactions, not a complete knowledge base)';

const NSAIDS = ['ibuprofen', 'naproxen', 'meloxicam', 'celecoxib'];
const SSRIS = ['sertraline', 'escitalopram', 'fluoxetine', 'citalopram'];
const MAOIS = ['phenelzine', 'selegiline'];
const ACE_INHIBITORS = ['lisinopril', 'enalapril'];

interface Rule {
  a: string[];
  b: string[];
  severity: DrugInteractionRef['severity'];
  message: string;
}

const RULES: Rule[] = [
  { a: ['warfarin'], b: NSAIDS, severity: 'major', message: 'Bleeding risk: NSAID with warfarin' },
  { a: ['warfarin'], b: ['fluconazole'], severity: 'major', message: 'Fluconazole raises INR (CYP2C9)' },
  {
    a: ['warfarin'],
    b: ['amiodarone'],
    severity: 'major',
    message: 'Amiodarone raises INR; reduce warfarin',
  },
  {
    a: ['warfarin'],
    b: ['ciprofloxacin', 'clarithromycin'],
    severity: 'moderate',
    message: 'Antibiotic may raise INR',
  },
  { a: ['warfarin'], b: SSRIS, severity: 'moderate', message: 'SSRI adds bleeding risk with warfarin' },
  {
    a: ['apixaban', 'rivaroxaban'],
    b: NSAIDS,
    severity: 'moderate',
    message: 'Bleeding risk: NSAID with anticoagulant',
  },
  {
    a: ['apixaban', 'rivaroxaban'],
    b: ['warfarin'],
    severity: 'major',
    message: 'Duplicate anticoagulation',
  },
  {
    a: ['clopidogrel'],
    b: ['omeprazole', 'esomeprazole'],
    severity: 'moderate',
    message: 'PPI reduces clopidogrel activation (CYP2C19)',
  },
  {
    a: ['simvastatin'],
    b: ['clarithromycin'],
    severity: 'major',
    message: 'Contraindicated: myopathy risk (CYP3A4)',
  },
  {
    a: ['simvastatin'],
    b: ['amiodarone'],
    severity: 'major',
    message: 'Myopathy risk: simvastatin max 20 mg',
  },
  {
    a: ['atorvastatin'],
    b: ['clarithromycin'],
    severity: 'moderate',
    message: 'Myopathy risk: limit atorvastatin dose',
  },
  { a: SSRIS, b: MAOIS, severity: 'major', message: 'Contraindicated: serotonin syndrome' },
  {
    a: ['bupropion', 'tramadol', 'sumatriptan', 'trazodone'],
    b: MAOIS,
    severity: 'major',
    message: 'Contraindicated with MAO inhibitor',
  },
  { a: SSRIS, b: ['tramadol'], severity: 'moderate', message: 'Serotonin syndrome and seizure risk' },
  { a: SSRIS, b: ['sumatriptan'], severity: 'moderate', message: 'Serotonin syndrome risk' },
  { a: SSRIS, b: NSAIDS, severity: 'moderate', message: 'GI bleeding risk: SSRI with NSAID' },
  {
    a: ['tizanidine'],
    b: ['ciprofloxacin'],
    severity: 'major',
    message: 'Contraindicated: tizanidine levels rise',
  },
  { a: ['methotrexate'], b: NSAIDS, severity: 'major', message: 'NSAID raises methotrexate toxicity' },
  { a: ['lithium'], b: NSAIDS, severity: 'moderate', message: 'NSAID raises lithium levels' },
  {
    a: ['lithium'],
    b: [...ACE_INHIBITORS, 'losartan', 'valsartan', 'olmesartan', 'hydrochlorothiazide'],
    severity: 'moderate',
    message: 'Raises lithium levels; monitor',
  },
  {
    a: ['sacubitril'],
    b: ACE_INHIBITORS,
    severity: 'major',
    message: 'Contraindicated: angioedema (36 h washout)',
  },
  {
    a: ['spironolactone'],
    b: [...ACE_INHIBITORS, 'losartan', 'valsartan', 'olmesartan'],
    severity: 'moderate',
    message: 'Hyperkalemia risk; monitor potassium',
  },
  {
    a: ['citalopram', 'escitalopram'],
    b: ['amiodarone', 'clarithromycin'],
    severity: 'moderate',
    message: 'QT prolongation risk',
  },
];

export function buildStarterInteractions(): DrugInteractionRef[] {
  const byPair = new Map<string, DrugInteractionRef>();
  for (const rule of RULES) {
    for (const x of rule.a) {
      for (const y of rule.b) {
        if (x === y) continue;
        const [ingredientA, ingredientB] = orderedPair(x, y);
        const key = `${ingredientA}|${ingredientB}`;
        // The first (more specific or more severe) rule for a pair wins.
        if (!byPair.has(key)) {
          byPair.set(key, {
            ingredientA,
            ingredientB,
            severity: rule.severity,
            message: rule.message,
            source: STARTER_INTERACTION_SOURCE,
          });
        }
      }
    }
  }
  return [...byPair.values()];
}
