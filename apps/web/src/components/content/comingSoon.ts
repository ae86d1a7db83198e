/** Badge text for services whose pages are not built yet. */
export const COMING_SOON = 'Coming soon';
