const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' })
const numberFormat = new Intl.NumberFormat()

/** Epoch seconds → "4 Dec 2026, 14:30" in the operator's locale; "—" when absent. */
export function when(epochSeconds: number | null | undefined): string {
  return typeof epochSeconds === 'number' ? dateTime.format(epochSeconds * 1000) : '—'
}

export function day(epochSeconds: number): string {
  return shortDate.format(epochSeconds * 1000)
}

export function count(n: number | null | undefined): string {
  return typeof n === 'number' ? numberFormat.format(n) : '—'
}

/** A ratio 0..1 → "97.5 %"; "—" when there was nothing to measure. */
export function percent(ratio: number | null | undefined): string {
  return typeof ratio === 'number' && Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)} %` : '—'
}

/** Seconds → "3 d", "5 h", "40 min". */
export function duration(seconds: number): string {
  if (seconds >= 86_400) return `${+(seconds / 86_400).toFixed(1)} d`
  if (seconds >= 3600) return `${+(seconds / 3600).toFixed(1)} h`
  return `${Math.round(seconds / 60)} min`
}
