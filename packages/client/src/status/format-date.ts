/**
 * A calendar day for humans, e.g. "4 Dec" (with the year when it is not the year of `reference`),
 * in the given IANA time zone or the system's. Display only: decisions never see time zones.
 */
export function formatDay(epochSeconds: number, reference: number, timeZone: string | null): string {
  const zone = timeZone ?? undefined
  const year = (t: number) =>
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: zone }).format(t * 1000)
  const sameYear = year(epochSeconds) === year(reference)
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: zone,
  }).format(epochSeconds * 1000)
}

/** A time of day, e.g. "14:05", for "last tried at". */
export function formatTime(epochSeconds: number, timeZone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timeZone ?? undefined,
  }).format(epochSeconds * 1000)
}
