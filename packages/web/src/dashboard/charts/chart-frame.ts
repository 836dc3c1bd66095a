import { h, s } from '../dom.js'

export const WIDTH = 520
export const HEIGHT = 220
export const PAD = { top: 16, right: 12, bottom: 36, left: 44 }

/** Colour per series; AA-contrast against white, distinct in greyscale too (lightness differs). */
export const COLOURS = {
  ok: '#2f7d4f',
  offline: '#7b8794',
  server_error: '#b7791f',
  rejected: '#b42318',
  neutral: '#3d6fb5',
} as const

let uid = 0

/**
 * An accessible SVG chart: role="img", a <title> and a <desc> summarising the data in words (so
 * a screen reader gets the figures without seeing the bars), in a figure with a visible caption.
 */
export function chartFrame(name: string, caption: string, summary: string, body: SVGElement[]): HTMLElement {
  const id = `chart-${name}-${++uid}`
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${id}-t ${id}-d`,
      'data-chart': name,
      preserveAspectRatio: 'xMidYMid meet',
    },
    s('title', { id: `${id}-t` }, caption),
    s('desc', { id: `${id}-d` }, summary),
    ...body,
  )
  return h('figure', { class: 'chart' }, h('figcaption', {}, caption), svg)
}

/** Horizontal grid lines with value labels for a vertical axis 0..max. */
export function yAxis(max: number): SVGElement[] {
  const plotH = HEIGHT - PAD.top - PAD.bottom
  const lines: SVGElement[] = []
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4
    const y = PAD.top + plotH - (plotH * i) / 4
    lines.push(
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, stroke: '#e4e7eb', 'stroke-width': 1 }),
      s(
        'text',
        { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#52606d' },
        Number.isInteger(value) ? String(value) : value.toFixed(1),
      ),
    )
  }
  return lines
}

/** A round maximum for the axis: 1, 2, 5, 10, 20, 50… at least `value`. */
export function niceMax(value: number): number {
  if (value <= 4) return 4
  const magnitude = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude
  return 10 * magnitude
}

export function emptyChart(name: string, caption: string, message: string): HTMLElement {
  const text = s(
    'text',
    { x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', 'font-size': 14, fill: '#52606d' },
    message,
  )
  const frame = chartFrame(name, caption, message, [text])
  frame.querySelector('svg')!.setAttribute('data-empty', 'true')
  return frame
}

export function legend(items: { label: string; colour: string }[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    items.map((item) =>
      h(
        'li',
        {},
        s(
          'svg',
          { width: 10, height: 10, 'aria-hidden': 'true' },
          s('rect', { width: 10, height: 10, fill: item.colour }),
        ),
        item.label,
      ),
    ),
  )
}
