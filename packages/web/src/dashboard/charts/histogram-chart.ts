import { s } from '../dom.js'
import type { HistogramBin } from '../stats-model.js'
import { COLOURS, chartFrame, emptyChart, HEIGHT, niceMax, PAD, WIDTH, yAxis } from './chart-frame.js'

const CAPTION = 'Offline durations'

/** Seconds as [amount, unit] in the largest whole unit: 3600 → [1, 'h'], 172800 → [2, 'd']. */
function unitOf(seconds: number): [number, string] {
  if (seconds >= 86_400 && seconds % 86_400 === 0) return [seconds / 86_400, 'd']
  if (seconds >= 3600) return [+(seconds / 3600).toFixed(1), 'h']
  return [Math.round(seconds / 60), 'min']
}

/** Compact bin labels that fit under a column: "< 1 h", "1–6 h", "6 h–1 d", "≥ 30 d". */
export function binLabel(bin: HistogramBin): string {
  const [a, ua] = unitOf(bin.from)
  if (bin.to === null) return `≥ ${a} ${ua}`
  const [b, ub] = unitOf(bin.to)
  if (bin.from === 0) return `< ${b} ${ub}`
  return ua === ub ? `${a}–${b} ${ub}` : `${a} ${ua}–${b} ${ub}`
}

/** How long devices stayed offline before they reconnected: one column per duration bin. */
export function histogramChart(bins: HistogramBin[]): HTMLElement {
  if (bins.every((b) => b.count === 0))
    return emptyChart('offline', CAPTION, 'No offline periods reported yet.')
  const max = niceMax(Math.max(...bins.map((b) => b.count)))
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const slot = plotW / bins.length
  const body: SVGElement[] = yAxis(max)
  bins.forEach((bin, i) => {
    const height = (bin.count / max) * plotH
    const x = PAD.left + i * slot + 4
    const label = binLabel(bin)
    body.push(
      s(
        'rect',
        {
          x,
          y: PAD.top + plotH - height,
          width: slot - 8,
          height,
          fill: COLOURS.neutral,
          'data-count': bin.count,
        },
        s('title', {}, `${label}: ${bin.count}`),
      ),
      s(
        'text',
        {
          x: x + (slot - 8) / 2,
          y: HEIGHT - PAD.bottom + 16,
          'text-anchor': 'middle',
          'font-size': 12,
          fill: '#52606d',
        },
        label,
      ),
    )
  })
  const summary = bins.map((b) => `${binLabel(b)}: ${b.count}`).join('; ')
  return chartFrame('offline', CAPTION, `Offline periods by duration. ${summary}.`, body)
}
