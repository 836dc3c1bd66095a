import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { listOf } from '../records.js'
import { table } from '../ui.js'

const panelTable = (...args: Parameters<typeof table>) => h('div', { class: 'panel' }, table(...args))

const PAGE = 50

interface Verify {
  ok: boolean
  rows: number
  firstBadSeq?: number
  problem?: string
}

type Row = { seq?: number; at?: number; actor?: string; action?: string; target?: string; hash?: string }

/** The newest audit rows and the result of re-verifying the whole hash chain on the server. */
export async function auditView(ctx: ViewContext): Promise<HTMLElement> {
  const verify = (await ctx.api.get<Verify>('/v1/admin/audit/verify')) ?? { ok: false, rows: 0 }
  const after = Math.max(0, (verify.rows ?? 0) - PAGE)
  const rows = (
    listOf(await ctx.api.get(`/v1/admin/audit?after=${after}&limit=${PAGE}`), 'rows', 'entries') as Row[]
  )
    .slice()
    .sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))
  const chain = verify.ok
    ? h(
        'p',
        { class: 'chain chain-ok', 'data-chain': 'ok' },
        `Chain intact: all ${verify.rows} rows verified.`,
      )
    : h(
        'p',
        { class: 'chain chain-bad', 'data-chain': 'broken', role: 'alert' },
        `Chain broken at row ${verify.firstBadSeq ?? '?'}: a row was edited or deleted${verify.problem ? ` (${verify.problem})` : ''}.`,
      )
  return h(
    'div',
    {},
    h('h1', {}, 'Audit log'),
    chain,
    rows.length
      ? panelTable(
          ['#', 'When', 'Actor', 'Action', 'Target', 'Hash'],
          rows.map((r) => [
            String(r.seq ?? ''),
            when(r.at),
            h('code', {}, r.actor ?? ''),
            r.action ?? '',
            h('code', {}, r.target ?? ''),
            h('code', { class: 'muted', title: r.hash ?? '' }, (r.hash ?? '').slice(0, 12)),
          ]),
          'Newest audit rows',
        )
      : h('p', { class: 'empty' }, 'The audit log is empty.'),
  )
}
