// Dates and times as NHS.UK content writes them ("9 March 2026 at 2:05pm"),
// and the date arithmetic the filter and expiry forms need.

function parts(iso: string, timeZone: string | undefined): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const fmt = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** formatDate is "9 March 2026"; an unreadable value is returned as it came. */
export function formatDate(iso: string, timeZone?: string): string {
  const p = parts(iso, timeZone);
  return p ? `${p.day} ${p.month} ${p.year}` : iso;
}

/** formatTime is "2:05pm", "9am", "midnight" or "midday". */
export function formatTime(iso: string, timeZone?: string): string {
  const p = parts(iso, timeZone);
  if (!p) return iso;
  const h = Number(p.hour) % 24;
  const m = p.minute ?? '00';
  if (m === '00' && h === 0) return 'midnight';
  if (m === '00' && h === 12) return 'midday';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? 'am' : 'pm';
  return m === '00' ? `${h12}${suffix}` : `${h12}:${m}${suffix}`;
}

/**
 * formatDateTime is "9 March 2026 at 2:05pm". Midnight, which could be
 * either end of the day, is said as "9 March 2026, at the start of the day".
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  if (!parts(iso, timeZone)) return iso;
  const time = formatTime(iso, timeZone);
  if (time === 'midnight') return `${formatDate(iso, timeZone)}, at the start of the day`;
  return `${formatDate(iso, timeZone)} at ${time}`;
}

const ymdPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** isDate reports whether `ymd` is a real calendar date written YYYY-MM-DD. */
export function isDate(ymd: string): boolean {
  const m = ymdPattern.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** localDayStart is the instant the day `ymd` begins where the browser is, as RFC 3339. */
export function localDayStart(ymd: string): string {
  const m = ymdPattern.exec(ymd);
  if (!m) throw new Error(`not a date: ${ymd}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toISOString();
}

/** addDays moves a YYYY-MM-DD date by whole days. */
export function addDays(ymd: string, days: number): string {
  const m = ymdPattern.exec(ymd);
  if (!m) throw new Error(`not a date: ${ymd}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** localToday is today's date where the browser is, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
