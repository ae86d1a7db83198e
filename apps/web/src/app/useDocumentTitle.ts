import { useEffect } from 'react';

export const SITE_NAME = 'OpenPBM';

/** Sets `<title>` to "Page | OpenPBM" so every page (and browser tab) says where the user is. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = pageTitle === SITE_NAME ? SITE_NAME : `${pageTitle} | ${SITE_NAME}`;
  }, [pageTitle]);
}
