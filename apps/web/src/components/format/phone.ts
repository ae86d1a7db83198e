// Display formats shared by the pharmacy pages.

/** "+16145550100" or "6145550100" → "614-555-0100"; anything else unchanged. */
export function formatPhone(phone: string): string {
  const all = phone.replace(/\D/g, '');
  const d = all.length === 11 && all.startsWith('1') ? all.slice(1) : all;
  return d.length === 10 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}` : phone;
}
