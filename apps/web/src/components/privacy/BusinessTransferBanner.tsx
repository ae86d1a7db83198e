import { Alert, Button } from '@cmsgov/design-system';
import type { NoticeListResponse } from '@openpbm/shared/privacy';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson } from '../api/client';
import { hiddenNotice, rememberHiddenNotice } from './cookie-consent';

export const publicNoticesQuery = {
  queryKey: ['privacy', 'notices'],
  queryFn: () => getJson<NoticeListResponse>('/api/privacy/notices'),
  staleTime: 5 * 60_000,
};

/** A merger or sale notice the privacy officer turned on: on every page until the user hides it. */
export function BusinessTransferBanner() {
  const { data } = useQuery(publicNoticesQuery);
  const [hidden, setHidden] = useState(() => hiddenNotice());
  const banner = data?.banner;
  if (!banner || hidden === banner.id) return null;
  return (
    <div className="ds-l-container ds-u-margin-top--2">
      <Alert heading={banner.title} headingLevel="2" variation="warn">
        <p>{banner.summaryOfChanges}</p>
        <p>
          Effective {banner.effectiveDate}. <Link to="/privacy">Read the notice and your choices</Link>.
        </p>
        <Button
          size="small"
          onClick={() => {
            rememberHiddenNotice(banner.id);
            setHidden(banner.id);
          }}
        >
          Hide this notice
        </Button>
      </Alert>
    </div>
  );
}
