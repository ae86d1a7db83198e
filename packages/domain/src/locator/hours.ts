// Opening hours of a pharmacy: open now, and today's hours as text. Hours are local "HH:MM" per weekday
// (0 = Sunday); a closing time at or before the opening time runs past midnight; "24:00" closes at midnight.

export type WeeklyHours = Partial<
  Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<{ open: string; close: string }>>
>;

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** `weekday` 0-6 and `minuteOfDay` 0-1439 in the pharmacy's own time zone. */
export function isOpenAt(
  hours: WeeklyHours,
  open24Hours: boolean,
  weekday: number,
  minuteOfDay: number,
): boolean {
  if (open24Hours) return true;
  const today = hours[String(weekday) as keyof WeeklyHours] ?? [];
  for (const span of today) {
    const o = minutes(span.open);
    const c = minutes(span.close);
    if (c > o ? minuteOfDay >= o && minuteOfDay < c : minuteOfDay >= o) return true;
  }
  // A span of yesterday that runs past midnight.
  const yesterday = hours[String((weekday + 6) % 7) as keyof WeeklyHours] ?? [];
  return yesterday.some(
    (span) => minutes(span.close) <= minutes(span.open) && minuteOfDay < minutes(span.close),
  );
}

const clock = (hhmm: string): string => {
  const total = minutes(hhmm) % (24 * 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
};

/** "9 am – 6 pm", "Open 24 hours" or "Closed". */
export function hoursText(hours: WeeklyHours, open24Hours: boolean, weekday: number): string {
  if (open24Hours) return 'Open 24 hours';
  const spans = hours[String(weekday) as keyof WeeklyHours] ?? [];
  if (spans.length === 0) return 'Closed';
  return spans.map((s) => `${clock(s.open)} – ${clock(s.close)}`).join(', ');
}
