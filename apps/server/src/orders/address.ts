// Shipping addresses are identifying data: stored encrypted (orders.shipping_address_enc) with only the ZIP in
// plain text for routing. The member's address on file is decrypted from the members row.

import { decryptField, encryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { Member } from '@openpbm/db/schema/members';
import type { Config } from '@openpbm/shared/config';
import type { ShippingAddress } from '@openpbm/shared/pharmacy';

export function encryptAddress(config: Config, address: ShippingAddress): string {
  return encryptField(
    fieldKeyFromConfig(config),
    JSON.stringify(address),
    FIELD_CONTEXTS.orderShippingAddress,
  );
}

export function decryptAddress(config: Config, stored: string): ShippingAddress {
  const a = JSON.parse(
    decryptField(fieldKeyFromConfig(config), stored, FIELD_CONTEXTS.orderShippingAddress),
  ) as ShippingAddress & {
    line2?: string | null;
  };
  // Addresses written elsewhere (the seed) may carry line2: null.
  return { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), city: a.city, state: a.state, zip: a.zip };
}

export function addressOnFile(config: Config, member: Member): ShippingAddress {
  const key = fieldKeyFromConfig(config);
  const line2 = member.addressLine2Enc
    ? decryptField(key, member.addressLine2Enc, FIELD_CONTEXTS.addressLine2)
    : undefined;
  return {
    line1: decryptField(key, member.addressLine1Enc, FIELD_CONTEXTS.addressLine1),
    ...(line2 ? { line2 } : {}),
    city: member.city,
    state: member.state,
    zip: member.zip,
  };
}
