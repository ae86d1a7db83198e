import type { Page } from 'playwright-core';

/** Opens `path` and waits until its requests are done and its h1 is there. */
export async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** A screenshot file name for a path: "/members/orders/x" → "members-orders-x". */
export const shotName = (path: string) => path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-');
