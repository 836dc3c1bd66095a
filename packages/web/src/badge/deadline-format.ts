const DAY_MS = 86_400_000

/**
 * A calm, locale-aware date for a deadline (epoch seconds): "4 Dec" within the year, "4 Dec 2027"
 * beyond it, and with the time ("4 Dec, 14:30") when it is less than two days away, because then
 * the hour matters. `now` is epoch milliseconds (injected so renders are reproducible).
 */
export function formatDeadline(deadline: number, locale: string, now: number, timeZone?: string): string {
  const at = deadline * 1000
  const zone = timeZone ? { timeZone } : {}
  const sameYear =
    new Intl.DateTimeFormat('en', { year: 'numeric', ...zone }).format(at) ===
    new Intl.DateTimeFormat('en', { year: 'numeric', ...zone }).format(now)
  const soon = at - now < 2 * DAY_MS && at >= now
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    ...(soon ? { hour: '2-digit', minute: '2-digit' } : {}),
    ...zone,
  }
  return new Intl.DateTimeFormat(safeLocale(locale), options).format(at)
}

/** The full date and time, for the `title` of the deadline. */
export function formatFull(deadline: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(safeLocale(locale), {
    dateStyle: 'full',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(deadline * 1000)
}

/** A malformed locale tag must not break the badge: fall back to the runtime's default. */
function safeLocale(locale: string): string | undefined {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined
  } catch {
    return undefined
  }
}
