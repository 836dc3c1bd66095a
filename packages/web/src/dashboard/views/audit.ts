import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { when } from '../format.js'
import { listOf } from '../records.js'
import { table } from '../ui.js'

const PAGE = 50

interface Verify {
  ok: boolean
  rows: number
  firstBadSeq?: number
  problem?: string
}

type Row = { seq?: number; at?: number; actor?: string; action?: string; target?: string; hash?: string }

/**
 * The audit log, newest first, a page at a time, and the result of re-verifying the whole hash
 * chain on the server. Paging uses the sequence numbers of the rows shown as cursors (`before` the
 * oldest one for older rows, `after` the newest one for newer rows), never arithmetic on them.
 */
export async function auditView(ctx: ViewContext): Promise<HTMLElement> {
  const before = cursor(ctx.params.get('before'))
  const after = cursor(ctx.params.get('after'))
  const query =
    after !== undefined
      ? `after=${after}&limit=${PAGE}`
      : `order=desc&limit=${PAGE}${before !== undefined ? `&before=${before}` : ''}`
  const [verify, page] = await Promise.all([
    ctx.api.get<Verify>('/v1/admin/audit/verify'),
    ctx.api.get<{ next?: number | null }>(`/v1/admin/audit?${query}`),
  ])
  const rows = (listOf(page, 'rows') as Row[]).slice().sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))
  const full = page?.next !== null && page?.next !== undefined
  // Walking back: more below when the page was full. Walking forward: the page is the newest once not full.
  const hasOlder = after !== undefined ? rows.length > 0 : full
  const hasNewer = after !== undefined ? full : before !== undefined
  const newest = rows[0]?.seq
  const oldest = rows.at(-1)?.seq
  return h(
    'div',
    {},
    h('h1', {}, 'Audit log'),
    chainStatus(verify ?? { ok: false, rows: 0 }),
    pager(
      hasNewer && newest !== undefined ? newest : undefined,
      hasOlder && oldest !== undefined ? oldest : undefined,
    ),
    rows.length
      ? h(
          'div',
          { class: 'panel' },
          table(
            ['#', 'When', 'Actor', 'Action', 'Target', 'Hash'],
            rows.map((r) => [
              String(r.seq ?? ''),
              when(r.at),
              h('code', {}, r.actor ?? ''),
              r.action ?? '',
              h('code', {}, r.target ?? ''),
              h('code', { class: 'muted', title: r.hash ?? '' }, (r.hash ?? '').slice(0, 12)),
            ]),
            'Audit rows, newest first',
          ),
        )
      : h(
          'p',
          { class: 'empty' },
          before !== undefined || after !== undefined ? 'No rows here.' : 'The audit log is empty.',
        ),
  )
}

function chainStatus(verify: Verify): HTMLElement {
  return verify.ok
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
}

/** Links to the newer rows (after the newest shown) and the older ones (before the oldest shown). */
function pager(newerThan: number | undefined, olderThan: number | undefined): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Audit pages' },
    h('a', { href: '#/audit', 'data-page': 'newest' }, 'Newest'),
    newerThan !== undefined
      ? h('a', { href: `#/audit?after=${newerThan}`, 'data-page': 'newer' }, '← Newer')
      : null,
    olderThan !== undefined
      ? h('a', { href: `#/audit?before=${olderThan}`, 'data-page': 'older' }, 'Older →')
      : null,
  )
}

function cursor(text: string | null): number | undefined {
  const n = Number(text)
  return text !== null && Number.isSafeInteger(n) && n >= 0 ? n : undefined
}
