import { type Rejection, rejection } from './reject-codes';

/** Quantity and days supply must be positive whole numbers before any benefit rule can use them. */
export function checkRequestFields(claim: { quantityMilli: number; daysSupply: number }): Rejection[] {
  const rejections: Rejection[] = [];
  if (!Number.isSafeInteger(claim.quantityMilli) || claim.quantityMilli <= 0) {
    rejections.push(rejection('E7', 'quantity must be greater than zero'));
  }
  if (!Number.isSafeInteger(claim.daysSupply) || claim.daysSupply <= 0) {
    rejections.push(rejection('19', 'days supply must be greater than zero'));
  }
  return rejections;
}
