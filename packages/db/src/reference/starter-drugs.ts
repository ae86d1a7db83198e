// STARTER LIST - hand-made drug reference data used until real public files are placed in ../shared/data.
//
// Real: drug names (generic and brand), strengths, dosage forms, routes, therapeutic classes, the grouping of
// brand and generic equivalents, maintenance/specialty flags and the usual adult doses.
// NOT real: every NDC below is generated (labeler prefixes 99901-99904 and the labeler names are fictional,
// product and package codes are sequential), and every unit price is an illustrative magnitude, not a
// published NADAC/AWP/WAC figure. Do not use these NDCs or prices outside demos and tests.
import {
  type DrugGroupRef,
  type DrugPriceRef,
  type DrugProductRef,
  groupCode,
  type TherapeuticClassRef,
} from './types';

export const STARTER_DESCRIPTION =
  'STARTER LIST: real drug names, strengths and forms; generated NDCs (fictional labelers 99901-99904) and illustrative prices';
export const STARTER_PRICE_SOURCE = 'starter list (illustrative, not a published price)';
/** Old enough that every seeded date of service has a price in force. */
const PRICE_EFFECTIVE_DATE = '2020-01-01';

const LABELERS = {
  brand: { prefix: '99901', name: 'Avalon Brand Pharmaceuticals (fictional)' },
  genericA: { prefix: '99902', name: 'Meridian Generics (fictional)' },
  genericB: { prefix: '99903', name: 'Northfield Pharma (fictional)' },
  biologics: { prefix: '99904', name: 'Keystone Biologics (fictional)' },
} as const;

export const STARTER_CLASSES: TherapeuticClassRef[] = [
  { code: 'statins', name: 'HMG-CoA reductase inhibitors (statins)' },
  { code: 'ace_inhibitors', name: 'ACE inhibitors' },
  { code: 'arbs', name: 'Angiotensin II receptor blockers' },
  { code: 'arni', name: 'Angiotensin receptor-neprilysin inhibitors' },
  { code: 'calcium_channel_blockers', name: 'Calcium channel blockers' },
  { code: 'beta_blockers', name: 'Beta blockers' },
  { code: 'thiazide_diuretics', name: 'Thiazide diuretics' },
  { code: 'aldosterone_antagonists', name: 'Aldosterone antagonists' },
  { code: 'biguanides', name: 'Biguanides' },
  { code: 'sulfonylureas', name: 'Sulfonylureas' },
  { code: 'sglt2_inhibitors', name: 'SGLT2 inhibitors' },
  { code: 'glp1_agonists', name: 'GLP-1 receptor agonists' },
  { code: 'dpp4_inhibitors', name: 'DPP-4 inhibitors' },
  { code: 'insulins_long', name: 'Long-acting insulins' },
  { code: 'insulins_rapid', name: 'Rapid-acting insulins' },
  { code: 'ssris', name: 'Selective serotonin reuptake inhibitors' },
  { code: 'maois', name: 'Monoamine oxidase inhibitors' },
  { code: 'antidepressants_other', name: 'Other antidepressants' },
  { code: 'ppis', name: 'Proton pump inhibitors' },
  { code: 'thyroid', name: 'Thyroid hormones' },
  { code: 'vitamin_k_antagonists', name: 'Vitamin K antagonists' },
  { code: 'doacs', name: 'Direct oral anticoagulants' },
  { code: 'p2y12_inhibitors', name: 'P2Y12 platelet inhibitors' },
  { code: 'saba', name: 'Short-acting beta agonists (rescue inhalers)' },
  { code: 'ics_laba', name: 'Inhaled corticosteroid and long-acting beta agonist combinations' },
  { code: 'lama', name: 'Long-acting muscarinic antagonists' },
  { code: 'leukotriene_modifiers', name: 'Leukotriene receptor antagonists' },
  { code: 'nsaids', name: 'Nonsteroidal anti-inflammatory drugs' },
  { code: 'penicillins', name: 'Penicillins' },
  { code: 'macrolides', name: 'Macrolide antibiotics' },
  { code: 'fluoroquinolones', name: 'Fluoroquinolone antibiotics' },
  { code: 'cephalosporins', name: 'Cephalosporins' },
  { code: 'azole_antifungals', name: 'Azole antifungals' },
  { code: 'antiarrhythmics', name: 'Antiarrhythmics' },
  { code: 'mood_stabilizers', name: 'Mood stabilizers' },
  { code: 'antimetabolites', name: 'Antimetabolites (DMARDs)' },
  { code: 'muscle_relaxants', name: 'Centrally acting muscle relaxants' },
  { code: 'triptans', name: 'Triptans' },
  { code: 'gabapentinoids', name: 'Gabapentinoids' },
  { code: 'corticosteroids', name: 'Systemic corticosteroids' },
  { code: 'opioid_analgesics', name: 'Opioid analgesics' },
  { code: 'xanthine_oxidase_inhibitors', name: 'Xanthine oxidase inhibitors' },
  { code: 'alpha_blockers', name: 'Alpha-1 blockers' },
  { code: 'bisphosphonates', name: 'Bisphosphonates' },
  { code: 'tnf_inhibitors', name: 'TNF inhibitors' },
  { code: 'interleukin_inhibitors', name: 'Interleukin inhibitors' },
  { code: 'hiv_antiretrovirals', name: 'HIV antiretroviral combinations' },
  { code: 'kinase_inhibitors', name: 'Tyrosine kinase inhibitors' },
];

/** [label name, brand or generic, package size in units, illustrative price per unit in dollars] */
type P = [name: string, source: 'brand' | 'generic', packageSize: number, unitPriceDollars: number];

interface G {
  cls: string;
  /** Proper name as labeled: "atorvastatin calcium", "adalimumab-adaz". */
  name: string;
  /** Salt-free ingredients for interaction matching; defaults to the first word of `name`. */
  ingredients?: string[];
  strength: string;
  form: string;
  route?: string;
  unit?: 'EA' | 'ML' | 'GM';
  maintenance?: boolean;
  specialty?: boolean;
  dea?: string;
  dose: [unitsPerDay: number, sig: string];
  products: P[];
}

const daily: G['dose'] = [1, 'Take 1 tablet by mouth once daily'];
const dailyCap: G['dose'] = [1, 'Take 1 capsule by mouth once daily'];
const bid: G['dose'] = [2, 'Take 1 tablet by mouth twice daily'];

// One row per generic-equivalence group; kept as a compact table on purpose.
// biome-ignore format: table
const GROUPS: G[] = [
  // Cardiovascular and lipids
  { cls: 'statins', name: 'atorvastatin calcium', strength: '10 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Lipitor', 'brand', 90, 12.5], ['Atorvastatin Calcium', 'generic', 90, 0.03]] },
  { cls: 'statins', name: 'atorvastatin calcium', strength: '20 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Lipitor', 'brand', 90, 12.5], ['Atorvastatin Calcium', 'generic', 90, 0.04], ['Atorvastatin Calcium', 'generic', 1000, 0.035]] },
  { cls: 'statins', name: 'atorvastatin calcium', strength: '40 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Atorvastatin Calcium', 'generic', 90, 0.05]] },
  { cls: 'statins', name: 'rosuvastatin calcium', strength: '10 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Crestor', 'brand', 90, 11.0], ['Rosuvastatin Calcium', 'generic', 90, 0.06]] },
  { cls: 'statins', name: 'simvastatin', strength: '20 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth every evening'],
    products: [['Zocor', 'brand', 90, 6.9], ['Simvastatin', 'generic', 90, 0.03]] },
  { cls: 'statins', name: 'simvastatin', strength: '40 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth every evening'],
    products: [['Simvastatin', 'generic', 90, 0.04]] },
  { cls: 'statins', name: 'pravastatin sodium', strength: '40 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Pravastatin Sodium', 'generic', 90, 0.08]] },
  { cls: 'ace_inhibitors', name: 'lisinopril', strength: '10 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Zestril', 'brand', 90, 3.2], ['Lisinopril', 'generic', 90, 0.02]] },
  { cls: 'ace_inhibitors', name: 'lisinopril', strength: '20 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Lisinopril', 'generic', 90, 0.03], ['Lisinopril', 'generic', 1000, 0.025]] },
  { cls: 'ace_inhibitors', name: 'enalapril maleate', strength: '10 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Enalapril Maleate', 'generic', 90, 0.25]] },
  { cls: 'arbs', name: 'losartan potassium', strength: '50 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Cozaar', 'brand', 90, 3.1], ['Losartan Potassium', 'generic', 90, 0.05]] },
  { cls: 'arbs', name: 'valsartan', strength: '160 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Diovan', 'brand', 90, 9.8], ['Valsartan', 'generic', 90, 0.25]] },
  { cls: 'arbs', name: 'olmesartan medoxomil', strength: '20 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Benicar', 'brand', 90, 8.4], ['Olmesartan Medoxomil', 'generic', 90, 0.12]] },
  { cls: 'arni', name: 'sacubitril and valsartan', ingredients: ['sacubitril', 'valsartan'], strength: '49 mg/51 mg', form: 'tablet, film coated', maintenance: true, dose: bid,
    products: [['Entresto', 'brand', 60, 10.6]] },
  { cls: 'calcium_channel_blockers', name: 'amlodipine besylate', strength: '5 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Norvasc', 'brand', 90, 4.5], ['Amlodipine Besylate', 'generic', 90, 0.02]] },
  { cls: 'beta_blockers', name: 'metoprolol succinate', strength: '50 mg', form: 'tablet, extended release', maintenance: true, dose: daily,
    products: [['Toprol-XL', 'brand', 90, 3.7], ['Metoprolol Succinate ER', 'generic', 90, 0.1]] },
  { cls: 'thiazide_diuretics', name: 'hydrochlorothiazide', strength: '25 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Hydrochlorothiazide', 'generic', 90, 0.02]] },
  { cls: 'aldosterone_antagonists', name: 'spironolactone', strength: '25 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Aldactone', 'brand', 90, 2.3], ['Spironolactone', 'generic', 90, 0.06]] },
  { cls: 'vitamin_k_antagonists', name: 'warfarin sodium', strength: '5 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Warfarin Sodium', 'generic', 100, 0.1]] },
  { cls: 'doacs', name: 'apixaban', strength: '5 mg', form: 'tablet, film coated', maintenance: true, dose: bid,
    products: [['Eliquis', 'brand', 60, 9.8]] },
  { cls: 'doacs', name: 'rivaroxaban', strength: '20 mg', form: 'tablet, film coated', maintenance: true, dose: [1, 'Take 1 tablet by mouth once daily with the evening meal'],
    products: [['Xarelto', 'brand', 30, 19.5]] },
  { cls: 'p2y12_inhibitors', name: 'clopidogrel bisulfate', strength: '75 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Plavix', 'brand', 90, 9.9], ['Clopidogrel', 'generic', 90, 0.05]] },
  { cls: 'antiarrhythmics', name: 'amiodarone hydrochloride', strength: '200 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Amiodarone Hydrochloride', 'generic', 60, 0.15]] },

  // Diabetes
  { cls: 'biguanides', name: 'metformin hydrochloride', strength: '500 mg', form: 'tablet', maintenance: true, dose: [2, 'Take 1 tablet by mouth twice daily with meals'],
    products: [['Metformin Hydrochloride', 'generic', 180, 0.02], ['Metformin Hydrochloride', 'generic', 1000, 0.018]] },
  { cls: 'biguanides', name: 'metformin hydrochloride', strength: '1000 mg', form: 'tablet', maintenance: true, dose: [2, 'Take 1 tablet by mouth twice daily with meals'],
    products: [['Metformin Hydrochloride', 'generic', 180, 0.03]] },
  { cls: 'biguanides', name: 'metformin hydrochloride', strength: '500 mg', form: 'tablet, extended release', maintenance: true, dose: [2, 'Take 2 tablets by mouth once daily with the evening meal'],
    products: [['Metformin Hydrochloride ER', 'generic', 180, 0.05]] },
  { cls: 'sulfonylureas', name: 'glipizide', strength: '5 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth once daily before breakfast'],
    products: [['Glipizide', 'generic', 90, 0.04]] },
  { cls: 'sglt2_inhibitors', name: 'empagliflozin', strength: '10 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Jardiance', 'brand', 90, 19.9]] },
  { cls: 'sglt2_inhibitors', name: 'dapagliflozin propanediol', strength: '10 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Farxiga', 'brand', 90, 19.8]] },
  { cls: 'glp1_agonists', name: 'semaglutide', strength: '2 mg/3 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.1, 'Inject 0.5 mg under the skin once weekly'],
    products: [['Ozempic', 'brand', 3, 320]] },
  { cls: 'glp1_agonists', name: 'semaglutide', strength: '2.4 mg/0.75 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.1, 'Inject 2.4 mg under the skin once weekly'],
    products: [['Wegovy', 'brand', 3, 450]] },
  { cls: 'glp1_agonists', name: 'dulaglutide', strength: '1.5 mg/0.5 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.0714, 'Inject 1.5 mg under the skin once weekly'],
    products: [['Trulicity', 'brand', 2, 490]] },
  { cls: 'glp1_agonists', name: 'semaglutide', strength: '7 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth once daily, 30 minutes before the first food of the day'],
    products: [['Rybelsus', 'brand', 30, 33]] },
  { cls: 'dpp4_inhibitors', name: 'sitagliptin phosphate', strength: '100 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Januvia', 'brand', 90, 17.9]] },
  { cls: 'insulins_long', name: 'insulin glargine', strength: '100 units/mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.5, 'Inject 20 units under the skin once daily at bedtime'],
    products: [['Lantus SoloStar', 'brand', 15, 28], ['Insulin Glargine-yfgn', 'generic', 15, 8.9]] },
  { cls: 'insulins_rapid', name: 'insulin lispro', strength: '100 units/mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.5, 'Inject up to 15 units under the skin with meals as directed'],
    products: [['Humalog KwikPen', 'brand', 15, 35], ['Insulin Lispro KwikPen', 'generic', 15, 14]] },
  { cls: 'insulins_rapid', name: 'insulin aspart', strength: '100 units/mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, dose: [0.5, 'Inject up to 15 units under the skin with meals as directed'],
    products: [['NovoLog FlexPen', 'brand', 15, 33]] },

  // Mental health
  { cls: 'ssris', name: 'sertraline hydrochloride', strength: '50 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Zoloft', 'brand', 90, 12.4], ['Sertraline Hydrochloride', 'generic', 90, 0.04]] },
  { cls: 'ssris', name: 'sertraline hydrochloride', strength: '100 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Sertraline Hydrochloride', 'generic', 90, 0.05]] },
  { cls: 'ssris', name: 'escitalopram oxalate', strength: '10 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Lexapro', 'brand', 90, 13.8], ['Escitalopram', 'generic', 90, 0.05]] },
  { cls: 'ssris', name: 'fluoxetine hydrochloride', strength: '20 mg', form: 'capsule', maintenance: true, dose: dailyCap,
    products: [['Prozac', 'brand', 90, 21], ['Fluoxetine', 'generic', 90, 0.05]] },
  { cls: 'ssris', name: 'citalopram hydrobromide', strength: '20 mg', form: 'tablet, film coated', maintenance: true, dose: daily,
    products: [['Citalopram', 'generic', 90, 0.04]] },
  { cls: 'maois', name: 'phenelzine sulfate', strength: '15 mg', form: 'tablet, film coated', maintenance: true, dose: [3, 'Take 1 tablet by mouth three times daily'],
    products: [['Nardil', 'brand', 60, 4.1], ['Phenelzine Sulfate', 'generic', 60, 1.6]] },
  { cls: 'maois', name: 'selegiline', strength: '6 mg/24 hr', form: 'patch, extended release', route: 'transdermal', maintenance: true, dose: [1, 'Apply 1 patch to the skin once daily'],
    products: [['Emsam', 'brand', 30, 65]] },
  { cls: 'antidepressants_other', name: 'bupropion hydrochloride', strength: '150 mg', form: 'tablet, extended release (24 hr)', maintenance: true, dose: [1, 'Take 1 tablet by mouth every morning'],
    products: [['Wellbutrin XL', 'brand', 90, 27], ['Bupropion XL', 'generic', 90, 0.12]] },
  { cls: 'antidepressants_other', name: 'trazodone hydrochloride', strength: '50 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth at bedtime'],
    products: [['Trazodone Hydrochloride', 'generic', 90, 0.05]] },
  { cls: 'mood_stabilizers', name: 'lithium carbonate', strength: '300 mg', form: 'capsule', maintenance: true, dose: [2, 'Take 1 capsule by mouth twice daily'],
    products: [['Lithium Carbonate', 'generic', 100, 0.08]] },

  // Gastrointestinal, thyroid, bone, urology
  { cls: 'ppis', name: 'omeprazole', strength: '20 mg', form: 'capsule, delayed release', maintenance: true, dose: [1, 'Take 1 capsule by mouth once daily before breakfast'],
    products: [['Omeprazole DR', 'generic', 90, 0.05]] },
  { cls: 'ppis', name: 'pantoprazole sodium', strength: '40 mg', form: 'tablet, delayed release', maintenance: true, dose: [1, 'Take 1 tablet by mouth once daily before breakfast'],
    products: [['Protonix', 'brand', 90, 11.2], ['Pantoprazole Sodium DR', 'generic', 90, 0.05]] },
  { cls: 'ppis', name: 'esomeprazole magnesium', strength: '40 mg', form: 'capsule, delayed release', maintenance: true, dose: [1, 'Take 1 capsule by mouth once daily before breakfast'],
    products: [['Nexium', 'brand', 90, 11.4], ['Esomeprazole Magnesium DR', 'generic', 90, 0.2]] },
  { cls: 'thyroid', name: 'levothyroxine sodium', strength: '50 mcg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth every morning on an empty stomach'],
    products: [['Synthroid', 'brand', 90, 1.6], ['Levothyroxine Sodium', 'generic', 90, 0.18]] },
  { cls: 'thyroid', name: 'levothyroxine sodium', strength: '100 mcg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth every morning on an empty stomach'],
    products: [['Synthroid', 'brand', 90, 1.7], ['Levothyroxine Sodium', 'generic', 90, 0.2]] },
  { cls: 'bisphosphonates', name: 'alendronate sodium', strength: '70 mg', form: 'tablet', maintenance: true, dose: [1 / 7, 'Take 1 tablet by mouth once weekly with a full glass of water'],
    products: [['Alendronate Sodium', 'generic', 4, 0.45]] },
  { cls: 'alpha_blockers', name: 'tamsulosin hydrochloride', strength: '0.4 mg', form: 'capsule', maintenance: true, dose: [1, 'Take 1 capsule by mouth once daily after the same meal'],
    products: [['Flomax', 'brand', 90, 5.1], ['Tamsulosin Hydrochloride', 'generic', 90, 0.05]] },
  { cls: 'xanthine_oxidase_inhibitors', name: 'allopurinol', strength: '300 mg', form: 'tablet', maintenance: true, dose: daily,
    products: [['Allopurinol', 'generic', 90, 0.06]] },

  // Respiratory
  { cls: 'saba', name: 'albuterol sulfate', strength: '90 mcg/actuation', form: 'aerosol, metered', route: 'inhalation', unit: 'GM', maintenance: true, dose: [0.6, 'Inhale 2 puffs by mouth every 4 to 6 hours as needed for wheezing'],
    products: [['Ventolin HFA', 'brand', 18, 3.4], ['Albuterol Sulfate HFA', 'generic', 18, 1.35]] },
  { cls: 'ics_laba', name: 'fluticasone propionate and salmeterol', ingredients: ['fluticasone', 'salmeterol'], strength: '250 mcg/50 mcg', form: 'powder, metered', route: 'inhalation', maintenance: true, dose: [2, 'Inhale 1 puff by mouth twice daily'],
    products: [['Advair Diskus', 'brand', 60, 6.9], ['Wixela Inhub', 'generic', 60, 1.35]] },
  { cls: 'ics_laba', name: 'budesonide and formoterol fumarate', ingredients: ['budesonide', 'formoterol'], strength: '160 mcg/4.5 mcg', form: 'aerosol, metered', route: 'inhalation', unit: 'GM', maintenance: true, dose: [0.34, 'Inhale 2 puffs by mouth twice daily'],
    products: [['Symbicort', 'brand', 10.2, 34], ['Budesonide and Formoterol Fumarate', 'generic', 10.2, 19]] },
  { cls: 'lama', name: 'tiotropium bromide', strength: '18 mcg', form: 'capsule (inhalation powder)', route: 'inhalation', maintenance: true, dose: [1, 'Inhale the contents of 1 capsule once daily using the HandiHaler device'],
    products: [['Spiriva HandiHaler', 'brand', 30, 17.5]] },
  { cls: 'leukotriene_modifiers', name: 'montelukast sodium', strength: '10 mg', form: 'tablet, film coated', maintenance: true, dose: [1, 'Take 1 tablet by mouth every evening'],
    products: [['Singulair', 'brand', 90, 7.2], ['Montelukast Sodium', 'generic', 90, 0.05]] },

  // Pain, inflammation, neurology
  { cls: 'nsaids', name: 'ibuprofen', strength: '800 mg', form: 'tablet, film coated', dose: [3, 'Take 1 tablet by mouth three times daily with food as needed for pain'],
    products: [['Ibuprofen', 'generic', 90, 0.06]] },
  { cls: 'nsaids', name: 'naproxen', strength: '500 mg', form: 'tablet', dose: [2, 'Take 1 tablet by mouth twice daily with food'],
    products: [['Naprosyn', 'brand', 60, 4.3], ['Naproxen', 'generic', 60, 0.08]] },
  { cls: 'nsaids', name: 'meloxicam', strength: '15 mg', form: 'tablet', maintenance: true, dose: [1, 'Take 1 tablet by mouth once daily with food'],
    products: [['Meloxicam', 'generic', 90, 0.03]] },
  { cls: 'nsaids', name: 'celecoxib', strength: '200 mg', form: 'capsule', maintenance: true, dose: [1, 'Take 1 capsule by mouth once daily'],
    products: [['Celebrex', 'brand', 60, 8.6], ['Celecoxib', 'generic', 60, 0.12]] },
  { cls: 'gabapentinoids', name: 'gabapentin', strength: '300 mg', form: 'capsule', maintenance: true, dose: [3, 'Take 1 capsule by mouth three times daily'],
    products: [['Neurontin', 'brand', 90, 4.6], ['Gabapentin', 'generic', 90, 0.04]] },
  { cls: 'triptans', name: 'sumatriptan succinate', strength: '50 mg', form: 'tablet, film coated', dose: [0.3, 'Take 1 tablet by mouth at migraine onset; may repeat once after 2 hours'],
    products: [['Imitrex', 'brand', 9, 28], ['Sumatriptan', 'generic', 9, 0.3]] },
  { cls: 'muscle_relaxants', name: 'tizanidine hydrochloride', strength: '4 mg', form: 'tablet', dose: [3, 'Take 1 tablet by mouth every 8 hours as needed for muscle spasm'],
    products: [['Tizanidine Hydrochloride', 'generic', 90, 0.04]] },
  { cls: 'opioid_analgesics', name: 'tramadol hydrochloride', strength: '50 mg', form: 'tablet', dea: '4', dose: [2, 'Take 1 tablet by mouth every 12 hours as needed for severe pain'],
    products: [['Tramadol Hydrochloride', 'generic', 60, 0.03]] },
  { cls: 'corticosteroids', name: 'prednisone', strength: '10 mg', form: 'tablet', dose: [2, 'Take 2 tablets by mouth once daily for 7 days'],
    products: [['Prednisone', 'generic', 21, 0.04]] },

  // Anti-infectives
  { cls: 'penicillins', name: 'amoxicillin', strength: '500 mg', form: 'capsule', dose: [3, 'Take 1 capsule by mouth three times daily for 10 days'],
    products: [['Amoxicillin', 'generic', 30, 0.08]] },
  { cls: 'macrolides', name: 'azithromycin', strength: '250 mg', form: 'tablet, film coated', dose: [1.2, 'Take 2 tablets on day 1, then 1 tablet daily on days 2 to 5'],
    products: [['Zithromax', 'brand', 6, 9], ['Azithromycin', 'generic', 6, 0.6]] },
  { cls: 'macrolides', name: 'clarithromycin', strength: '500 mg', form: 'tablet, film coated', dose: [2, 'Take 1 tablet by mouth twice daily for 10 days'],
    products: [['Clarithromycin', 'generic', 20, 0.85]] },
  { cls: 'fluoroquinolones', name: 'ciprofloxacin hydrochloride', strength: '500 mg', form: 'tablet, film coated', dose: [2, 'Take 1 tablet by mouth twice daily for 10 days'],
    products: [['Ciprofloxacin', 'generic', 20, 0.1]] },
  { cls: 'cephalosporins', name: 'cephalexin', strength: '500 mg', form: 'capsule', dose: [3, 'Take 1 capsule by mouth three times daily for 10 days'],
    products: [['Cephalexin', 'generic', 30, 0.1]] },
  { cls: 'azole_antifungals', name: 'fluconazole', strength: '150 mg', form: 'tablet', dose: [1, 'Take 1 tablet by mouth once as a single dose'],
    products: [['Diflucan', 'brand', 1, 15], ['Fluconazole', 'generic', 1, 0.6]] },
  { cls: 'antimetabolites', name: 'methotrexate sodium', strength: '2.5 mg', form: 'tablet', maintenance: true, dose: [6 / 7, 'Take 6 tablets by mouth once weekly on the same day each week'],
    products: [['Methotrexate', 'generic', 100, 0.3]] },

  // Specialty
  { cls: 'tnf_inhibitors', name: 'adalimumab', strength: '40 mg/0.4 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, specialty: true, dose: [0.4 / 14, 'Inject 40 mg under the skin every 14 days'],
    products: [['Humira Pen', 'brand', 0.8, 8700]] },
  { cls: 'tnf_inhibitors', name: 'adalimumab-adaz', ingredients: ['adalimumab'], strength: '40 mg/0.4 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, specialty: true, dose: [0.4 / 14, 'Inject 40 mg under the skin every 14 days'],
    products: [['Hyrimoz Sensoready Pen', 'brand', 0.8, 1650]] },
  { cls: 'tnf_inhibitors', name: 'etanercept', strength: '50 mg/mL', form: 'injection, solution (auto-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, specialty: true, dose: [1 / 7, 'Inject 50 mg under the skin once weekly'],
    products: [['Enbrel SureClick', 'brand', 4, 1900]] },
  { cls: 'interleukin_inhibitors', name: 'ustekinumab', strength: '45 mg/0.5 mL', form: 'injection, solution (prefilled syringe)', route: 'subcutaneous', unit: 'ML', maintenance: true, specialty: true, dose: [0.5 / 84, 'Inject 45 mg under the skin every 12 weeks'],
    products: [['Stelara', 'brand', 0.5, 29000]] },
  { cls: 'interleukin_inhibitors', name: 'dupilumab', strength: '300 mg/2 mL', form: 'injection, solution (pen-injector)', route: 'subcutaneous', unit: 'ML', maintenance: true, specialty: true, dose: [2 / 14, 'Inject 300 mg under the skin every 14 days'],
    products: [['Dupixent', 'brand', 4, 830]] },
  { cls: 'hiv_antiretrovirals', name: 'bictegravir, emtricitabine and tenofovir alafenamide', ingredients: ['bictegravir', 'emtricitabine', 'tenofovir alafenamide'], strength: '50 mg/200 mg/25 mg', form: 'tablet', maintenance: true, specialty: true, dose: daily,
    products: [['Biktarvy', 'brand', 30, 135]] },
  { cls: 'kinase_inhibitors', name: 'imatinib mesylate', strength: '400 mg', form: 'tablet, film coated', maintenance: true, specialty: true, dose: daily,
    products: [['Gleevec', 'brand', 30, 330], ['Imatinib Mesylate', 'generic', 30, 8.5]] },
];

/** Salt and ester words dropped from a proper name to get the ingredient that interaction tables use. */
const SALT_WORDS = new Set(
  'hydrochloride sodium calcium potassium magnesium besylate maleate succinate sulfate bisulfate oxalate hydrobromide mesylate medoxomil phosphate propanediol carbonate bromide fumarate propionate xinafoate trihydrate monohydrate'.split(
    ' ',
  ),
);

export function ingredientOf(properName: string): string {
  return properName
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => !SALT_WORDS.has(w))
    .join(' ')
    .replace(/-[a-z]{4}$/, ''); // biosimilar suffix: "adalimumab-adaz" is adalimumab
}

export interface StarterDrugs {
  groups: DrugGroupRef[];
  products: DrugProductRef[];
  prices: DrugPriceRef[];
}

export function buildStarterDrugs(): StarterDrugs {
  const groups: DrugGroupRef[] = [];
  const products: DrugProductRef[] = [];
  const prices: DrugPriceRef[] = [];
  const nextProductCode = new Map<string, number>();
  GROUPS.forEach((g, index) => {
    const route = g.route ?? 'oral';
    const code = groupCode(g.name, g.strength, g.form, route);
    groups.push({
      code,
      name: `${g.name} ${g.strength} ${route} ${g.form}`,
      ingredients: g.ingredients ?? [ingredientOf(g.name)],
      strength: g.strength,
      dosageForm: g.form,
      route,
      classCode: g.cls,
      maintenance: g.maintenance ?? false,
      specialty: g.specialty ?? false,
      deaSchedule: g.dea ?? null,
      usualDose: { unitsPerDay: g.dose[0], sig: g.dose[1] },
    });
    for (const [name, source, packageSize, unitPrice] of g.products) {
      const labeler =
        source === 'brand'
          ? g.specialty
            ? LABELERS.biologics
            : LABELERS.brand
          : index % 2 === 0
            ? LABELERS.genericA
            : LABELERS.genericB;
      const productCode = nextProductCode.get(labeler.prefix) ?? 101;
      nextProductCode.set(labeler.prefix, productCode + 1);
      const packageCode = packageSize >= 1000 ? '10' : packageSize >= 90 ? '90' : '01';
      const ndc = `${labeler.prefix}${String(productCode).padStart(4, '0')}${packageCode}`;
      products.push({
        ndc,
        name: `${name} ${g.strength} ${g.form}`,
        brandName: source === 'brand' ? name : null,
        source,
        labeler: labeler.name,
        groupCode: code,
        packageSizeMilli: Math.round(packageSize * 1000),
        unit: g.unit ?? 'EA',
      });
      prices.push({
        ndc,
        priceType: 'nadac',
        unitPriceMicros: Math.round(unitPrice * 1_000_000),
        effectiveDate: PRICE_EFFECTIVE_DATE,
        source: STARTER_PRICE_SOURCE,
      });
    }
  });
  return { groups, products, prices };
}
