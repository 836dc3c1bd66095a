import type { ViewContext } from '../app.js'
import { anomalyChart } from '../charts/anomaly-chart.js'
import { histogramChart } from '../charts/histogram-chart.js'
import { renewalChart } from '../charts/renewal-chart.js'
import { h } from '../dom.js'
import { count, percent, when } from '../format.js'
import { type AnomalySource, normalizeStats, type RenewalWindow } from '../stats-model.js'
import { pill, section, table } from '../ui.js'

function kpi(id: string, label: string, value: string, hint?: string, source?: string): HTMLElement {
  return h(
    'div',
    { class: 'kpi', 'data-kpi': id, 'data-source': source },
    h('p', { class: 'kpi-label' }, label),
    h('p', { class: 'kpi-value' }, value),
    hint ? h('p', { class: 'kpi-hint' }, hint) : null,
  )
}

/**
 * Renewal success from device reports; without any report in the window, the server's own figure
 * (leases it issued) instead of a bare "—", labelled as such.
 */
function renewalKpi(id: string, span: string, window: RenewalWindow, issued: number | null): HTMLElement {
  if (window.attempts > 0 || issued === null)
    return kpi(
      id,
      'Renewal success',
      percent(window.rate),
      `${span} · ${count(window.attempts)} attempts reported`,
      'telemetry',
    )
  return kpi(
    id,
    'Renewal success',
    `${count(issued)} issued`,
    `${span} · no device reports yet: leases the server issued`,
    'server',
  )
}

/** Renewal health at a glance: key figures, three charts, recent revocations. */
export async function overviewView(ctx: ViewContext): Promise<HTMLElement> {
  const stats = normalizeStats(await ctx.api.get('/v1/admin/stats'))
  const sum = (source: AnomalySource) =>
    stats.anomalies.filter((a) => a.source === source).reduce((n, a) => n + a.count, 0)
  const atLeast = (n: number | null) => (stats.devicesTruncated && n !== null ? `≥ ${count(n)}` : count(n))
  const revocationRows = stats.recentRevocations.map((r) => [
    when(r.at),
    pill(r.kind, 'muted'),
    r.licenseId ? h('a', { href: `#/licenses/${encodeURIComponent(r.licenseId)}` }, r.licenseId) : '—',
    r.kind === 'license'
      ? ''
      : h('code', { title: r.targetId }, r.targetId.length > 16 ? `${r.targetId.slice(0, 12)}…` : r.targetId),
    r.reason,
  ])
  return h(
    'div',
    { class: 'overview' },
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Overview'),
      h('button', { type: 'button', class: 'secondary', onclick: () => ctx.refresh() }, 'Refresh'),
    ),
    h(
      'div',
      { class: 'kpis' },
      kpi('active-devices', 'Active devices', count(stats.activeDevices), 'holding a seat'),
      renewalKpi('renewal-24h', 'last 24 h', stats.renewals24h, stats.leasesIssued24h),
      renewalKpi('renewal-7d', 'last 7 days', stats.renewals7d, stats.leasesIssued7d),
      kpi(
        'leases-24h',
        'Leases issued',
        count(stats.leasesIssued24h),
        'last 24 h · activations and renewals the server signed',
        'server',
      ),
      kpi('grace', 'Devices in grace', atLeast(stats.devicesInGrace), 'past their offline window'),
      kpi(
        'limited',
        'Devices limited',
        atLeast(stats.devicesLimited),
        stats.devicesDenied ? `and ${count(stats.devicesDenied)} denied` : 'past grace: essentials only',
      ),
      kpi(
        'anomalies',
        'Anomalies',
        count(sum('device') + sum('server')),
        `last 7 days · ${count(sum('device'))} from devices, ${count(sum('server'))} from the server`,
      ),
    ),
    stats.devicesTruncated
      ? h(
          'p',
          { class: 'truncated', role: 'note', 'data-truncated': 'true' },
          'Too many devices without recent contact to classify them all: the grace and limited figures count only the first ones, so the real numbers are higher.',
        )
      : null,
    h(
      'div',
      { class: 'charts' },
      renewalChart(stats.renewalSeries),
      histogramChart(stats.offlineHistogram),
      anomalyChart(stats.anomalies),
      section(
        'Recent revocations',
        revocationRows.length
          ? table(['When', 'Kind', 'License', 'Target', 'Reason'], revocationRows, 'Recent revocations')
          : h('p', { class: 'empty' }, 'No revocations yet.'),
      ),
    ),
  )
}
