import type { SimulationReport } from './simulate.js'

const COLOURS = ['#2563eb', '#dc2626']

/** A self-contained HTML page (inline SVG, no scripts, no external resources). */
export function reportHtml(report: SimulationReport): string {
  const cols = report.columns
  const table = summaryTable(report)
  const charts = [
    lineChart(
      'Entitled device-hours locked out, per day',
      cols.map((c) => c.daily.lockedOutHours),
      cols.map((c) => c.label),
    ),
    lineChart(
      "Revoked devices' residual access (device-hours), per day",
      cols.map((c) => c.daily.residualHours),
      cols.map((c) => c.label),
    ),
    lineChart(
      'Server requests per day',
      cols.map((c) => c.daily.requests),
      cols.map((c) => c.label),
    ),
    lineChart(
      'Seats in use (daily peak)',
      cols.map((c) => c.daily.seats),
      cols.map((c) => c.label),
    ),
    barChart(
      'Offline durations measured by clients',
      cols[0]?.offlineDurations.histogram.map((h) => h.bucket) ?? [],
      cols.map((c) => c.offlineDurations.histogram.map((h) => h.count)),
      cols.map((c) => c.label),
    ),
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tessera fleet simulation</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}.chart{display:inline-block;margin:0 1em 1em 0}h2{font-size:15px;margin:.2em 0}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
</style></head><body>
<h1>Fleet simulation</h1>
<p>${report.devices} devices × ${report.days} days, seed ${report.seed}. Connectivity: ${esc(
    JSON.stringify(report.connectivity),
  )}</p>
<p class="legend">${cols.map((c, i) => `<span style="background:${COLOURS[i]}"></span>${esc(c.label)}`).join('')}</p>
${table}
${charts.map((c) => `<div class="chart">${c}</div>`).join('\n')}
</body></html>
`
}

function summaryTable(report: SimulationReport): string {
  const rows: [string, (c: SimulationReport['columns'][number]) => string | number][] = [
    ['Policy', (c) => c.label],
    ['Entitled device-hours locked out', (c) => c.lockedOutDeviceHours],
    ['Entitled devices locked out ≥ 1 h', (c) => c.devicesLockedOut],
    ['Revoked devices', (c) => c.revocations.revoked],
    ['Residual access after revocation (device-hours)', (c) => c.revocations.residualDeviceHours],
    ['Longest residual access (h)', (c) => c.revocations.maxResidualHours],
    ['Revocations learned at a contact', (c) => c.revocations.learnedOnline],
    ['Residual beyond exp + grace (must be 0)', (c) => c.revocations.boundViolations],
    ['Renewal attempts', (c) => c.renewals.attempts],
    ['Renewal success rate', (c) => `${(c.renewals.successRate * 100).toFixed(1)} %`],
    [
      '… of attempts that reached the server',
      (c) => `${(c.renewals.answeredSuccessRate * 100).toFixed(1)} %`,
    ],
    ['Offline periods p50 / p90 / p99 / max (h)', (c) => offline(c)],
    ['Server requests', (c) => c.server.requests],
    [
      'Requests per second (avg / peak hour)',
      (c) => `${c.server.requestsPerSecond} / ${c.server.peakHourRequestsPerSecond}`,
    ],
    ['Peak seats', (c) => c.server.peakSeats],
    ['Wall time (s)', (c) => c.perf.wallSeconds],
  ]
  const head = `<tr><th></th>${report.columns.map((c) => `<th>${esc(c.name)}</th>`).join('')}</tr>`
  const body = rows
    .map(
      ([k, f]) =>
        `<tr><th>${esc(k)}</th>${report.columns.map((c) => `<td>${esc(String(f(c)))}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<table>${head}\n${body}</table>`
}

function offline(c: SimulationReport['columns'][number]): string {
  const o = c.offlineDurations
  return `${o.p50Hours} / ${o.p90Hours} / ${o.p99Hours} / ${o.maxHours}`
}

const W = 500
const H = 220
const PAD = { l: 50, r: 10, t: 28, b: 30 }

function frame(title: string, max: number, xLabels: string[], inner: string): string {
  const ticks = [0, 0.5, 1].map((f) => {
    const y = PAD.t + (H - PAD.t - PAD.b) * (1 - f)
    return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PAD.l - 4}" y="${y + 4}" text-anchor="end" font-size="10">${fmt(max * f)}</text>`
  })
  const step = Math.max(1, Math.ceil(xLabels.length / 10))
  const xs = xLabels
    .map((label, i) =>
      i % step === 0
        ? `<text x="${xAt(i, xLabels.length)}" y="${H - PAD.b + 14}" text-anchor="middle" font-size="10">${esc(label)}</text>`
        : '',
    )
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${PAD.l}" y="16" font-size="13" font-weight="600">${esc(title)}</text>${ticks.join('')}${inner}${xs}</svg>`
}

function xAt(i: number, n: number): number {
  return PAD.l + ((W - PAD.l - PAD.r) * (i + 0.5)) / Math.max(1, n)
}

function yAt(v: number, max: number): number {
  return PAD.t + (H - PAD.t - PAD.b) * (1 - v / max)
}

function lineChart(title: string, series: number[][], names: string[]): string {
  const n = Math.max(...series.map((s) => s.length), 1)
  const max = Math.max(1, ...series.flat())
  const lines = series
    .map((s, k) => {
      const pts = s.map((v, i) => `${xAt(i, n).toFixed(1)},${yAt(v, max).toFixed(1)}`).join(' ')
      return `<polyline fill="none" stroke="${COLOURS[k]}" stroke-width="2" points="${pts}"><title>${esc(names[k] ?? '')}</title></polyline>`
    })
    .join('')
  return frame(
    title,
    max,
    Array.from({ length: n }, (_, i) => `d${i + 1}`),
    lines,
  )
}

function barChart(title: string, labels: string[], series: number[][], names: string[]): string {
  const max = Math.max(1, ...series.flat())
  const n = labels.length
  const slot = (W - PAD.l - PAD.r) / Math.max(1, n)
  const bw = (slot * 0.8) / Math.max(1, series.length)
  const bars = series
    .map((s, k) =>
      s
        .map((v, i) => {
          const x = PAD.l + slot * i + slot * 0.1 + bw * k
          const y = yAt(v, max)
          return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${(H - PAD.b - y).toFixed(1)}" fill="${COLOURS[k]}"><title>${esc(`${names[k] ?? ''}: ${labels[i]} ${v}`)}</title></rect>`
        })
        .join(''),
    )
    .join('')
  return frame(title, max, labels, bars)
}

function fmt(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v))
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
