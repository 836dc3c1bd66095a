import type { Metric, Target } from './report.js'

/** "1.23×", with more digits for small ratios so 0.013× does not read as 0.01×. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—'
  if (ratio >= 10) return `${ratio.toFixed(1)}×`
  if (ratio >= 0.1) return `${ratio.toFixed(2)}×`
  return `${ratio.toFixed(3)}×`
}

export function formatValue(value: number | null, unit: Metric['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—'
  if (unit === 'bytes') return `${Math.round(value)} B`
  if (value >= 100) return `${value.toFixed(0)} µs`
  if (value >= 10) return `${value.toFixed(1)} µs`
  return `${value.toFixed(2)} µs`
}

export function formatTarget(target: Target | null, unit: Metric['unit']): string {
  if (!target) return '—'
  return target.on === 'ratio' ? `≤ ${formatRatio(target.max)}` : `≤ ${formatValue(target.max, unit)}`
}

/** A plain-text table; numeric-looking columns are right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)))
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d.≤ —-]/.test(r[c] ?? '')))
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}
