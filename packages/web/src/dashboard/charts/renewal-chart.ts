import { s } from '../dom.js'
import { day } from '../format.js'
import type { RenewalBucket } from '../stats-model.js'
import { COLOURS, chartFrame, emptyChart, HEIGHT, legend, niceMax, PAD, WIDTH, yAxis } from './chart-frame.js'

const SERIES = [
  { key: 'ok', label: 'Renewed', colour: COLOURS.ok },
  { key: 'offline', label: 'Offline', colour: COLOURS.offline },
  { key: 'server_error', label: 'Server error', colour: COLOURS.server_error },
  { key: 'rejected', label: 'Rejected', colour: COLOURS.rejected },
] as const

const CAPTION = 'Renewal outcomes over time'

/** Stacked columns, one per time bucket, one colour per outcome. */
export function renewalChart(buckets: RenewalBucket[]): HTMLElement {
  const totals = buckets.map((b) => SERIES.reduce((sum, x) => sum + b[x.key], 0))
  if (totals.every((t) => t === 0))
    return emptyChart('renewals', CAPTION, 'No renewal attempts reported yet.')
  const max = niceMax(Math.max(...totals))
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const slot = plotW / buckets.length
  const barW = Math.max(2, Math.min(40, slot * 0.7))
  const body: SVGElement[] = yAxis(max)
  const labelEvery = Math.ceil(buckets.length / 10)
  buckets.forEach((bucket, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2
    let y = PAD.top + plotH
    const parts = SERIES.filter((x) => bucket[x.key] > 0).map(
      (x) => `${bucket[x.key]} ${x.label.toLowerCase()}`,
    )
    const group = s(
      'g',
      { 'data-total': totals[i]! },
      s('title', {}, `${day(bucket.start)}: ${parts.join(', ') || 'none'}`),
    )
    for (const series of SERIES) {
      const height = (bucket[series.key] / max) * plotH
      if (height <= 0) continue
      y -= height
      group.append(s('rect', { x, y, width: barW, height, fill: series.colour, 'data-outcome': series.key }))
    }
    body.push(group)
    if (i % labelEvery === 0)
      body.push(
        s(
          'text',
          {
            x: x + barW / 2,
            y: HEIGHT - PAD.bottom + 16,
            'text-anchor': 'middle',
            'font-size': 12,
            fill: '#52606d',
          },
          day(bucket.start),
        ),
      )
  })
  const sums = SERIES.map((x) => `${buckets.reduce((n, b) => n + b[x.key], 0)} ${x.label.toLowerCase()}`)
  const figure = chartFrame('renewals', CAPTION, `Over ${buckets.length} periods: ${sums.join(', ')}.`, body)
  figure.append(legend(SERIES.map((x) => ({ label: x.label, colour: x.colour }))))
  return figure
}
