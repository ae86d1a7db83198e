// Decorative logo: the brand name beside it is the accessible text.
export function BrandMark() {
  return (
    <svg className="site-brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" />
      <path d="M9 16h14M16 9v14" />
    </svg>
  );
}
