// SiteKey: a picture and phrase the user chose, shown after the username so they can tell the real site from a
// copy before typing their password. Images are bundled SVGs (apps/web/public/site-keys/<id>.svg).
// Unknown usernames get a decoy derived from an HMAC of the normalized username (stable across requests and
// restarts with the same APP_SECRET), so the answer does not reveal whether an account exists.
import { appHmac } from './secrets';

export const SITE_KEY_IMAGES = [
  ['anchor', 'Navy anchor'],
  ['balloon', 'Red balloon'],
  ['bell', 'Gold bell'],
  ['bicycle', 'Blue bicycle'],
  ['book', 'Blue open book'],
  ['cloud', 'Blue-gray cloud'],
  ['crown', 'Gold crown'],
  ['cup', 'Brown cup'],
  ['diamond', 'Blue diamond'],
  ['fish', 'Teal fish'],
  ['flower', 'Pink flower'],
  ['heart', 'Pink heart'],
  ['house', 'Red house'],
  ['key', 'Gold key'],
  ['kite', 'Green kite'],
  ['leaf', 'Green leaf'],
  ['lighthouse', 'Red lighthouse'],
  ['moon', 'Blue crescent moon'],
  ['mountain', 'Purple mountain with snow'],
  ['sailboat', 'Blue sailboat'],
  ['star', 'Orange star'],
  ['sun', 'Orange sun'],
  ['tree', 'Green pine tree'],
  ['umbrella', 'Purple umbrella'],
] as const;

export type SiteKeyImageId = (typeof SITE_KEY_IMAGES)[number][0];
export const SITE_KEY_IMAGE_IDS = SITE_KEY_IMAGES.map(([id]) => id) as [SiteKeyImageId, ...SiteKeyImageId[]];

export interface SiteKeyView {
  imageId: string;
  imageUrl: string;
  imageAlt: string;
  phrase: string;
}

export function siteKeyView(imageId: string, phrase: string): SiteKeyView {
  const image = SITE_KEY_IMAGES.find(([id]) => id === imageId) ?? SITE_KEY_IMAGES[0];
  return { imageId: image[0], imageUrl: `/site-keys/${image[0]}.svg`, imageAlt: image[1], phrase };
}

const ADJECTIVES = [
  'quiet',
  'golden',
  'little',
  'silver',
  'sunny',
  'gentle',
  'bright',
  'lucky',
  'happy',
  'brave',
  'misty',
  'cozy',
  'purple',
  'green',
  'blue',
  'red',
  'early',
  'summer',
  'winter',
  'autumn',
  'spring',
  'sleepy',
  'shiny',
  'old',
];
const NOUNS = [
  'river',
  'garden',
  'teapot',
  'harbor',
  'meadow',
  'lantern',
  'orchard',
  'canyon',
  'sparrow',
  'violin',
  'cottage',
  'island',
  'pebble',
  'maple',
  'compass',
  'window',
  'bakery',
  'ribbon',
  'kitten',
  'valley',
  'bridge',
  'piano',
  'tulip',
  'comet',
];
const TAILS = ['', '', ' morning', ' at dusk', ' by the lake', ' in June', ' on Sunday', ' forever'];

/** The decoy for a username that has no SiteKey (unknown, or an account that has not chosen one yet). */
export function decoySiteKey(appSecret: string, normalizedUsername: string): SiteKeyView {
  const mac = Buffer.from(appHmac(appSecret, 'site-key decoy', normalizedUsername), 'base64url');
  const pick = <T>(list: readonly T[], byte: number): T => list[(mac[byte] ?? 0) % list.length] as T;
  const image = pick(SITE_KEY_IMAGE_IDS, 0);
  const phrase = `${pick(ADJECTIVES, 1)} ${pick(NOUNS, 2)}${pick(TAILS, 3)}`;
  return siteKeyView(image, phrase.charAt(0).toUpperCase() + phrase.slice(1));
}
