import { s } from '../dom.js'
import type { AnomalyRow, AnomalySource } from '../stats-model.js'
import { COLOURS, chartFrame, emptyChart, legend, WIDTH } from './chart-frame.js'

const CAPTION = 'Anomalies by type and source'
const ROW = 26
const LABEL_W = 230
/** Rows shown per source, largest first. */
const PER_SOURCE = 8

const SOURCE_LABEL: Record<AnomalySource, string> = {
  device: 'reported by devices',
  server: 'detected by the server',
}
const SOURCE_TAG: Record<AnomalySource, string> = { device: 'devices', server: 'server' }
const SOURCE_COLOUR: Record<AnomalySource, string> = { device: COLOURS.server_error, server: COLOURS.neutral }

/**
 * Horizontal bars, largest first per source: what devices reported (clock rollbacks, tampered
 * stores…) next to what the server refused (forged or replayed proofs, revoked devices calling…),
 * each labelled by its source.
 */
export function anomalyChart(rows: AnomalyRow[]): HTMLElement {
  const shown = (['device', 'server'] as const).flatMap((source) =>
    rows.filter((r) => r.source === source && r.count > 0).slice(0, PER_SOURCE),
  )
  if (shown.length === 0) return emptyChart('anomalies', CAPTION, 'No anomalies reported or detected.')
  const max = Math.max(...shown.map((r) => r.count))
  const barMax = WIDTH - LABEL_W - 60
  const text = { 'font-size': 12, fill: '#323f4b' }
  const body = shown.map((row, i) => {
    const y = 12 + i * ROW
    const width = Math.max(2, (row.count / max) * barMax)
    return s(
      'g',
      { 'data-type': row.type, 'data-source': row.source },
      s(
        'text',
        { x: LABEL_W - 8, y: y + 14, 'text-anchor': 'end', ...text },
        `${row.type} (${SOURCE_TAG[row.source]})`,
      ),
      s('rect', {
        x: LABEL_W,
        y,
        width,
        height: ROW - 8,
        fill: SOURCE_COLOUR[row.source],
        'data-count': row.count,
      }),
      s('text', { x: LABEL_W + width + 6, y: y + 14, ...text }, String(row.count)),
    )
  })
  const figure = chartFrame(
    'anomalies',
    CAPTION,
    shown.map((r) => `${r.type} ${SOURCE_LABEL[r.source]}: ${r.count}`).join('; '),
    body as SVGElement[],
  )
  figure.querySelector('svg')!.setAttribute('viewBox', `0 0 ${WIDTH} ${24 + shown.length * ROW}`)
  figure.append(
    legend(
      (['device', 'server'] as const).map((source) => ({
        label: capitalize(SOURCE_LABEL[source]),
        colour: SOURCE_COLOUR[source],
      })),
    ),
  )
  return figure
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
