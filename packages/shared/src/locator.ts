// API contract of the pharmacy locator. Searches are POSTs: a ZIP code or the browser's location never lands in a
// URL or an access log.
import { z } from 'zod';

export const locatorSearchRequest = z
  .object({
    zip: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Enter a 5-digit ZIP code')
      .optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    radiusMiles: z.number().min(1).max(100).default(10),
    /** Only pharmacies in the member's plan network (default). */
    inNetworkOnly: z.boolean().default(true),
    open24Hours: z.boolean().optional(),
    homeDelivery: z.boolean().optional(),
    openNow: z.boolean().optional(),
    /** Search around the member's own ZIP code on file (when no ZIP or location is given). */
    nearHome: z.boolean().optional(),
    /** Whose plan network; the signed-in member when absent. */
    memberId: z.uuid().optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .refine(
    (v) =>
      v.zip !== undefined || v.nearHome === true || (v.latitude !== undefined && v.longitude !== undefined),
    {
      message: 'Enter a ZIP code or use your location',
      path: ['zip'],
    },
  );
export type LocatorSearchRequest = z.input<typeof locatorSearchRequest>;

export const locatorPharmacy = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  phone: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  distanceMiles: z.number(),
  inNetwork: z.boolean(),
  open24Hours: z.boolean(),
  homeDelivery: z.boolean(),
  openNow: z.boolean(),
  hoursToday: z.string(),
});
export type LocatorPharmacy = z.infer<typeof locatorPharmacy>;

export const locatorSearchResponse = z.object({
  origin: z.object({ latitude: z.number(), longitude: z.number(), label: z.string() }),
  radiusMiles: z.number(),
  networkName: z.string().nullable(),
  pharmacies: z.array(locatorPharmacy),
});
export type LocatorSearchResponse = z.infer<typeof locatorSearchResponse>;
