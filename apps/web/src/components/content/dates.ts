// Times arrive as ISO 8601 UTC; people read them in their own time zone.
const dateTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** "Mar 12, 2026, 9:00 AM CDT" in the reader's time zone. */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
