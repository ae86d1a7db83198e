// Reads real public drug files when they are present in the shared data directory:
//   fda-ndc/product.txt + fda-ndc/package.txt  FDA NDC Directory, tab-delimited text download
//   nadac*.csv                                 CMS NADAC (National Average Drug Acquisition Cost) CSV download
// Only human prescription packages that have a NADAC price are kept (a PBM cannot price the rest), with the
// latest NADAC row per NDC. Neither file carries maintenance/specialty flags or doses: maintenance comes from
// the therapeutic class (keyword list below), specialty from the 30-day cost (CMS Part D threshold).
// The interaction file is read on its own (interaction-file.ts), with or without these files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDelimited } from './csv';
import { toNdc11 } from './identifiers';
import { ingredientOf } from './starter-drugs';
import {
  type DrugGroupRef,
  type DrugPriceRef,
  type DrugProductRef,
  groupCode,
  type TherapeuticClassRef,
} from './types';

export interface PublicDrugFiles {
  product: string;
  package: string;
  nadac: string;
}

/** The files this loader understands in `dataDir`, or null unless both the NDC Directory and NADAC are there. */
export function findPublicDrugFiles(dataDir: string): PublicDrugFiles | null {
  if (!existsSync(dataDir)) return null;
  const product = join(dataDir, 'fda-ndc', 'product.txt');
  const pkg = join(dataDir, 'fda-ndc', 'package.txt');
  const nadacName = readdirSync(dataDir)
    .filter((f) => /^nadac.*\.csv$/i.test(f))
    .sort()
    .pop();
  if (!existsSync(product) || !existsSync(pkg) || !nadacName) return null;
  return { product, package: pkg, nadac: join(dataDir, nadacName) };
}

/** CMS Part D specialty-tier threshold (2025): a 30-day supply costing more than this is specialty. */
const SPECIALTY_MONTHLY_CENTS = 95_000;

/** Therapeutic classes (FDA Established Pharmacologic Class) of drugs usually taken long-term. */
const MAINTENANCE_CLASS =
  /HMG-CoA|Angiotensin|Beta.Adrenergic Blocker|Calcium Channel Blocker|Thiazide|Aldosterone|Biguanide|Sulfonylurea|Sodium-Glucose|GLP-1|Dipeptidyl|Insulin|Serotonin Reuptake|Monoamine Oxidase|Proton Pump|Thyroxine|Thyroid|Vitamin K Antagonist|Factor Xa|P2Y12|Corticosteroid.*Inhal|Leukotriene|Anticholinergic|Bisphosphonate|Xanthine Oxidase|alpha.Adrenergic|Antiepileptic|Atypical Antipsychotic|Mood Stabilizer|Tumor Necrosis Factor|Interleukin|Kinase Inhibitor|Integrase|Reverse Transcriptase/i;

const DEA_SCHEDULES: Record<string, string> = { CI: '1', CII: '2', CIII: '3', CIV: '4', CV: '5' };

interface NadacRow {
  unitPriceMicros: number;
  effectiveDate: string;
  unit: 'EA' | 'ML' | 'GM';
  brand: boolean;
}

/** Normalizes NADAC header spellings ("NADAC_Per_Unit", "NADAC Per Unit") to lower_snake_case. */
const key = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');

function toIsoDate(value: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(value.trim());
  if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
}

function readNadac(file: string): Map<string, NadacRow> {
  const latest = new Map<string, NadacRow>();
  for (const raw of parseDelimited(readFileSync(file, 'utf8'))) {
    const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [key(k), v.trim()]));
    const ndc = row.ndc ? row.ndc.padStart(11, '0') : '';
    const price = Number(row.nadac_per_unit);
    const effectiveDate = toIsoDate(row.effective_date ?? '');
    const unit = (row.pricing_unit ?? '').toUpperCase();
    if (!/^\d{11}$/.test(ndc) || !Number.isFinite(price) || price < 0 || !effectiveDate) continue;
    if (unit !== 'EA' && unit !== 'ML' && unit !== 'GM') continue;
    const previous = latest.get(ndc);
    if (previous && previous.effectiveDate >= effectiveDate) continue;
    latest.set(ndc, {
      unitPriceMicros: Math.round(price * 1_000_000),
      effectiveDate,
      unit,
      // "Classification for Rate Setting": G generic, B brand, B-ANDA brand billed under an ANDA.
      brand: (row.classification_for_rate_setting ?? '').toUpperCase().startsWith('B'),
    });
  }
  return latest;
}

/** Total units in a package description: "2 SYRINGE in 1 CARTON (…) > 0.4 mL in 1 SYRINGE" is 0.8 mL. */
export function packageQuantity(description: string, unit: 'EA' | 'ML' | 'GM'): number | null {
  const levels = description.split('>').map((level) => /^\s*([\d.]+)\s+([^(]+?)\s+in\s+/i.exec(level));
  let total = 1;
  for (const m of levels) {
    if (!m) return null;
    total *= Number(m[1]);
  }
  const innermost = levels[levels.length - 1]?.[2]?.toLowerCase() ?? '';
  const measured = innermost === 'ml' || innermost === 'g' || innermost === 'gram';
  // A count of pens or inhalers cannot be priced per mL or gram; an ambiguous package is left out.
  if ((unit === 'EA') === measured) return null;
  return Number.isFinite(total) && total > 0 ? total : null;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\[epc\]/g, '')
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export interface PublicDrugData {
  classes: TherapeuticClassRef[];
  groups: DrugGroupRef[];
  products: DrugProductRef[];
  prices: DrugPriceRef[];
}

export function loadPublicDrugFiles(files: PublicDrugFiles): PublicDrugData {
  const nadac = readNadac(files.nadac);
  const nadacSource = `CMS NADAC (${files.nadac.split('/').pop()})`;
  const productsById = new Map<string, Record<string, string>>();
  for (const p of parseDelimited(readFileSync(files.product, 'utf8'), '\t')) {
    if (p.PRODUCTTYPENAME !== 'HUMAN PRESCRIPTION DRUG' || (p.NDC_EXCLUDE_FLAG ?? 'N') !== 'N') continue;
    if (p.PRODUCTID) productsById.set(p.PRODUCTID, p);
  }

  const classes = new Map<string, TherapeuticClassRef>();
  const groups = new Map<string, DrugGroupRef>();
  const products: DrugProductRef[] = [];
  const prices: DrugPriceRef[] = [];
  const seen = new Set<string>();
  for (const pkg of parseDelimited(readFileSync(files.package, 'utf8'), '\t')) {
    const p = pkg.PRODUCTID ? productsById.get(pkg.PRODUCTID) : undefined;
    const ndc = toNdc11(pkg.NDCPACKAGECODE ?? '');
    const price = ndc ? nadac.get(ndc) : undefined;
    if (!p || !ndc || !price || seen.has(ndc)) continue;
    const size = packageQuantity(pkg.PACKAGEDESCRIPTION ?? '', price.unit);
    if (!size) continue;
    seen.add(ndc);

    const properName = (p.NONPROPRIETARYNAME || p.SUBSTANCENAME || '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
    const numerators = (p.ACTIVE_NUMERATOR_STRENGTH ?? '').split(';');
    const units = (p.ACTIVE_INGRED_UNIT ?? '').split(';');
    const strength = numerators
      .map((n, i) => `${n.trim()} ${(units[i] ?? '').trim().replace(/\/1$/, '')}`)
      .join('/');
    const form = (p.DOSAGEFORMNAME ?? '').toLowerCase();
    const route = (p.ROUTENAME ?? '').toLowerCase();
    const epc =
      (p.PHARM_CLASSES ?? '')
        .split(',')
        .find((c) => c.includes('[EPC]'))
        ?.trim() ?? 'Unclassified [EPC]';
    const className = epc.replace(/\s*\[EPC\]$/, '');
    const classCode = slug(className);
    if (!classes.has(classCode)) classes.set(classCode, { code: classCode, name: className });

    const code = groupCode(properName, strength, form, route);
    if (!groups.has(code)) {
      const ingredients = (p.SUBSTANCENAME ?? properName)
        .split(';')
        .map((s) => ingredientOf(s.trim()))
        .filter(Boolean);
      const monthlyCents = (price.unitPriceMicros * (price.unit === 'EA' ? 30 : size)) / 10_000;
      groups.set(code, {
        code,
        name: `${properName} ${strength} ${route} ${form}`,
        ingredients,
        strength,
        dosageForm: form,
        route,
        classCode,
        maintenance: MAINTENANCE_CLASS.test(className),
        specialty: monthlyCents > SPECIALTY_MONTHLY_CENTS,
        deaSchedule: DEA_SCHEDULES[(p.DEASCHEDULE ?? '').trim()] ?? null,
      });
    }
    const brandName = p.PROPRIETARYNAME
      ? `${p.PROPRIETARYNAME} ${p.PROPRIETARYNAMESUFFIX ?? ''}`.trim()
      : null;
    products.push({
      ndc,
      name: `${brandName ?? properName} ${strength} ${form}`,
      brandName: price.brand ? brandName : null,
      source: price.brand ? 'brand' : 'generic',
      labeler: p.LABELERNAME || 'unknown labeler',
      groupCode: code,
      packageSizeMilli: Math.round(size * 1000),
      unit: price.unit,
    });
    prices.push({
      ndc,
      priceType: 'nadac',
      unitPriceMicros: price.unitPriceMicros,
      effectiveDate: price.effectiveDate,
      source: nadacSource,
    });
  }

  return {
    classes: [...classes.values()],
    groups: [...groups.values()],
    products,
    prices,
  };
}
