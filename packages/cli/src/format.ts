/** Plain-text presentation of operator API answers: aligned tables and `key: value` lines. */

/** Epoch seconds as "2025-01-31 14:05Z"; null/undefined as "-". */
export function when(epoch: unknown): string {
  if (typeof epoch !== 'number') return '-'
  return `${new Date(epoch * 1000).toISOString().slice(0, 16).replace('T', ' ')}Z`
}

/** Any value as one short cell: lists joined, null as "-". */
export function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-'
  if (Array.isArray(value)) return value.length ? value.join(',') : '-'
  return String(value)
}

/** `rows` as columns under headers, left-aligned, two spaces apart; "(none)" when empty. */
export function table<T>(rows: readonly T[], columns: readonly [string, (row: T) => string][]): string {
  if (rows.length === 0) return '  (none)\n'
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, f]) => f(r)))]
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)))
  return cells
    .map((line) => `  ${line.map((c, i) => (i === line.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}`)
    .map((line) => `${line.trimEnd()}\n`)
    .join('')
}

/** `key: value` lines with aligned values. */
export function fields(pairs: readonly [string, string][]): string {
  const width = Math.max(...pairs.map(([k]) => k.length))
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}\n`).join('')
}
