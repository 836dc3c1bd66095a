import { s } from '../dom.js'
import { COLOURS, chartFrame, emptyChart, WIDTH } from './chart-frame.js'

const CAPTION = 'Anomalies by type'
const ROW = 26
const LABEL_W = 190

/** Horizontal bars, largest first: clock rollbacks, tampered stores, fingerprint drift… */
export function anomalyChart(rows: { type: string; count: number }[]): HTMLElement {
  const shown = rows.filter((r) => r.count > 0).slice(0, 8)
  if (shown.length === 0) return emptyChart('anomalies', CAPTION, 'No anomalies reported.')
  const max = Math.max(...shown.map((r) => r.count))
  const barMax = WIDTH - LABEL_W - 60
  const body = shown.map((row, i) => {
    const y = 12 + i * ROW
    const width = Math.max(2, (row.count / max) * barMax)
    return s(
      'g',
      { 'data-type': row.type },
      s(
        'text',
        { x: LABEL_W - 8, y: y + 14, 'text-anchor': 'end', 'font-size': 12, fill: '#323f4b' },
        row.type,
      ),
      s('rect', {
        x: LABEL_W,
        y,
        width,
        height: ROW - 8,
        fill: COLOURS.server_error,
        'data-count': row.count,
      }),
      s('text', { x: LABEL_W + width + 6, y: y + 14, 'font-size': 12, fill: '#323f4b' }, String(row.count)),
    )
  })
  const figure = chartFrame(
    'anomalies',
    CAPTION,
    shown.map((r) => `${r.type}: ${r.count}`).join('; '),
    body as SVGElement[],
  )
  const svg = figure.querySelector('svg')!
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${24 + shown.length * ROW}`)
  return figure
}
