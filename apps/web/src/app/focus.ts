// After a client-side navigation, screen readers announce nothing on their own:
// moving focus to the new page's heading tells them (and keyboard users) where they are.
export const PAGE_HEADING_ID = 'page-heading';
export const MAIN_CONTENT_ID = 'main-content';

export function focusPageHeading(): void {
  const target = document.getElementById(PAGE_HEADING_ID) ?? document.getElementById(MAIN_CONTENT_ID);
  target?.focus({ preventScroll: true });
}
