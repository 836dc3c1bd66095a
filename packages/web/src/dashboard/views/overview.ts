import type { ViewContext } from '../app.js'
import { anomalyChart } from '../charts/anomaly-chart.js'
import { histogramChart } from '../charts/histogram-chart.js'
import { renewalChart } from '../charts/renewal-chart.js'
import { h } from '../dom.js'
import { count, percent, when } from '../format.js'
import { normalizeStats } from '../stats-model.js'
import { pill, section, table } from '../ui.js'

function kpi(id: string, label: string, value: string, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'kpi', 'data-kpi': id },
    h('p', { class: 'kpi-label' }, label),
    h('p', { class: 'kpi-value' }, value),
    hint ? h('p', { class: 'kpi-hint' }, hint) : null,
  )
}

/** Renewal health at a glance: key figures, three charts, recent revocations. */
export async function overviewView(ctx: ViewContext): Promise<HTMLElement> {
  const stats = normalizeStats(await ctx.api.get('/v1/admin/stats'))
  const anomalyTotal = stats.anomalies.reduce((n, a) => n + a.count, 0)
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
      kpi(
        'renewal-24h',
        'Renewal success',
        percent(stats.renewals24h.rate),
        `last 24 h · ${count(stats.renewals24h.attempts)} attempts`,
      ),
      kpi(
        'renewal-7d',
        'Renewal success',
        percent(stats.renewals7d.rate),
        `last 7 days · ${count(stats.renewals7d.attempts)} attempts`,
      ),
      kpi('grace', 'Devices in grace', count(stats.devicesInGrace), 'past their offline window'),
      kpi(
        'limited',
        'Devices limited',
        count(stats.devicesLimited),
        stats.devicesDenied ? `and ${count(stats.devicesDenied)} denied` : 'past grace: essentials only',
      ),
      kpi('anomalies', 'Anomalies', count(anomalyTotal), 'last 7 days'),
    ),
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
