// What every page or API that names a pharmacy shows of it (a claim receipt, a FHIR Organization): one column list
// for the Drizzle selects, so the receipt and the FHIR read cannot drift apart.
import { schema } from '@openpbm/db';

const { pharmacies } = schema;

export const pharmacyContactColumns = {
  npi: pharmacies.npi,
  name: pharmacies.name,
  addressLine1: pharmacies.addressLine1,
  city: pharmacies.city,
  state: pharmacies.state,
  zip: pharmacies.zip,
  phone: pharmacies.phone,
};
