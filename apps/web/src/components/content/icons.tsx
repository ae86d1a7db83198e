import type { ReactNode } from 'react';

// Small decorative line icons (24×24, stroke = currentColor). Always next to a visible title,
// so they are hidden from assistive technology.
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="line-icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const PillIcon = () => (
  <Icon>
    <rect x="3" y="8.5" width="18" height="7" rx="3.5" transform="rotate(-45 12 12)" />
    <path d="m9.5 9.5 5 5" />
  </Icon>
);

export const RefillIcon = () => (
  <Icon>
    <path d="M20 11a8 8 0 0 0-14.6-4.5L4 8" />
    <path d="M4 4v4h4" />
    <path d="M4 13a8 8 0 0 0 14.6 4.5L20 16" />
    <path d="M20 20v-4h-4" />
  </Icon>
);

export const TruckIcon = () => (
  <Icon>
    <path d="M2 6h11v10H2z" />
    <path d="M13 9h4l4 4v3h-8z" />
    <circle cx="6" cy="18" r="2" />
    <circle cx="17" cy="18" r="2" />
  </Icon>
);

export const PriceTagIcon = () => (
  <Icon>
    <path d="M3 12V4h8l10 10-8 8z" />
    <circle cx="7.5" cy="8.5" r="1.5" />
  </Icon>
);

export const ReceiptIcon = () => (
  <Icon>
    <path d="M5 3h14v18l-3-2-2 2-2-2-2 2-2-2-3 2z" />
    <path d="M9 8h6M9 12h6M9 16h3" />
  </Icon>
);

export const IdCardIcon = () => (
  <Icon>
    <rect x="2" y="5" width="20" height="14" rx="2" />
    <circle cx="8" cy="11" r="2" />
    <path d="M5 16c.5-1.5 1.7-2 3-2s2.5.5 3 2M14 10h5M14 14h4" />
  </Icon>
);

export const MapPinIcon = () => (
  <Icon>
    <path d="M12 22s7-6.2 7-12a7 7 0 0 0-14 0c0 5.8 7 12 7 12z" />
    <circle cx="12" cy="10" r="2.5" />
  </Icon>
);

export const ClipboardCheckIcon = () => (
  <Icon>
    <path d="M9 4H6a1 1 0 0 0-1 1v15a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V5a1 1 0 0 0-1-1h-3" />
    <rect x="9" y="2.5" width="6" height="3" rx="1" />
    <path d="m9 13 2 2 4-4" />
  </Icon>
);

export const ListPlusIcon = () => (
  <Icon>
    <path d="M4 6h11M4 11h11M4 16h7" />
    <path d="M18 14v6M15 17h6" />
  </Icon>
);

export const AppealIcon = () => (
  <Icon>
    <path d="M12 3v18M5 21h14" />
    <path d="M5 7h14" />
    <path d="m5 7-3 6a3 3 0 0 0 6 0zM19 7l-3 6a3 3 0 0 0 6 0z" />
  </Icon>
);

export const PersonIcon = () => (
  <Icon>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c1-4 4-6 8-6s7 2 8 6" />
  </Icon>
);

export const BuildingIcon = () => (
  <Icon>
    <path d="M4 21V5l8-3v19M12 8h8v13" />
    <path d="M2 21h20M7 8h2M7 12h2M7 16h2M15 12h2M15 16h2" />
  </Icon>
);

export const StethoscopeIcon = () => (
  <Icon>
    <path d="M5 3v5a5 5 0 0 0 10 0V3" />
    <path d="M10 13v2a5 5 0 0 0 10 0v-2" />
    <circle cx="20" cy="11" r="2" />
  </Icon>
);

export const StorefrontIcon = () => (
  <Icon>
    <path d="M3 9 5 4h14l2 5" />
    <path d="M3 9a3 3 0 0 0 6 0 3 3 0 0 0 6 0 3 3 0 0 0 6 0" />
    <path d="M5 12v9h14v-9M10 21v-5h4v5" />
  </Icon>
);

export const NewsIcon = () => (
  <Icon>
    <path d="M4 5h13v15H6a2 2 0 0 1-2-2z" />
    <path d="M17 9h3v9a2 2 0 0 1-2 2" />
    <path d="M7 9h7M7 13h7M7 16h4" />
  </Icon>
);

export const VideoIcon = () => (
  <Icon>
    <rect x="2" y="6" width="14" height="12" rx="2" />
    <path d="m16 10 6-3v10l-6-3" />
  </Icon>
);

export const BookIcon = () => (
  <Icon>
    <path d="M4 4h6a2 2 0 0 1 2 2v14a2 2 0 0 0-2-2H4z" />
    <path d="M20 4h-6a2 2 0 0 0-2 2v14a2 2 0 0 1 2-2h6z" />
  </Icon>
);

export const LockIcon = () => (
  <Icon>
    <rect x="4" y="10" width="16" height="11" rx="2" />
    <path d="M8 10V7a4 4 0 0 1 8 0v3" />
  </Icon>
);

export const CodeIcon = () => (
  <Icon>
    <path d="m8 7-5 5 5 5M16 7l5 5-5 5M14 4l-4 16" />
  </Icon>
);

export const AccessibilityIcon = () => (
  <Icon>
    <circle cx="12" cy="4.5" r="1.8" />
    <path d="M4 8.5c3 1 5.5 1.3 8 1.3s5-.3 8-1.3M12 9.8V14l-3 7M12 14l3 7" />
  </Icon>
);
