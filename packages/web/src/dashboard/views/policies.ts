import { seg } from '../api.js'
import type { ViewContext } from '../app.js'
import { h } from '../dom.js'
import { duration, when } from '../format.js'
import { listOf, type PolicyRecord, type PolicyVersionRecord, toPolicy } from '../records.js'
import { confirmDialog, errorBox, pill, table } from '../ui.js'

/** Immutable policy versions, the current rollout (a deterministic percentage) and its rollback. */
export async function policiesView(ctx: ViewContext): Promise<HTMLElement> {
  const list = listOf(await ctx.api.get('/v1/admin/policies'), 'policies').map(toPolicy)
  // The list may omit versions; the detail has them and the current rollout.
  const policies = await Promise.all(
    list.map(async (p) =>
      p.versions.length ? p : toPolicy(await ctx.api.get(`/v1/admin/policies/${seg(p.id)}`)),
    ),
  )
  return h(
    'div',
    {},
    h('h1', {}, 'Policies'),
    policies.length
      ? policies.map((p) => policyCard(ctx, p))
      : h('p', { class: 'empty' }, 'No policies yet.'),
  )
}

function policyCard(ctx: ViewContext, policy: PolicyRecord): HTMLElement {
  const error = h('div', { class: 'action-error' })
  const act = async (run: () => Promise<unknown>, done: string) => {
    error.replaceChildren()
    try {
      await run()
      ctx.refresh()
      ctx.notify(done)
    } catch (err) {
      error.replaceChildren(errorBox(err))
    }
  }
  const latest = policy.versions.at(-1)?.version ?? 1
  const versionSelect = h(
    'select',
    { id: `rollout-version-${policy.id}`, name: 'version' },
    policy.versions.map((v) =>
      h('option', { value: v.version, selected: v.version === latest }, `version ${v.version}`),
    ),
  ) as HTMLSelectElement
  const percentInput = h('input', {
    id: `rollout-percent-${policy.id}`,
    name: 'percent',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    required: true,
    value: policy.rollout?.state === 'active' ? policy.rollout.percent : 10,
  }) as HTMLInputElement
  const completeInput = h('input', {
    id: `rollout-complete-${policy.id}`,
    name: 'complete',
    type: 'checkbox',
    'aria-describedby': `rollout-complete-help-${policy.id}`,
  }) as HTMLInputElement
  const form = h(
    'form',
    { class: 'rollout-form', 'data-policy': policy.id },
    h('label', { for: versionSelect.id }, 'Roll out'),
    versionSelect,
    h('label', { for: percentInput.id }, 'to'),
    percentInput,
    h('span', {}, '% of licenses'),
    h('span', { class: 'check' }, completeInput, h('label', { for: completeInput.id }, 'complete')),
    h('button', { type: 'submit', class: 'primary' }, 'Apply rollout'),
    h(
      'p',
      { class: 'help', id: `rollout-complete-help-${policy.id}` },
      'Complete (at 100 %): the version becomes the one every license follows, and the base of the next rollout; it can no longer be rolled back.',
    ),
  )
  const refuse = (message: string) =>
    error.replaceChildren(h('div', { class: 'error-box', role: 'alert' }, message))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const version = Number(versionSelect.value)
    const percent = Number(percentInput.value)
    const complete = completeInput.checked
    if (!Number.isInteger(percent) || percent < 0 || percent > 100)
      return refuse('The percentage must be a whole number from 0 to 100.')
    if (complete && percent !== 100) return refuse('Only a rollout at 100 % can be completed.')
    void act(
      () =>
        ctx.api.post(`/v1/admin/policies/${seg(policy.id)}/rollout`, {
          version,
          percent,
          ...(complete ? { complete } : {}),
        }),
      complete
        ? `Rollout of ${policy.name ?? policy.id} version ${version} completed: every license follows it.`
        : `Rollout of ${policy.name ?? policy.id} version ${version} set to ${percent} %.`,
    )
  })
  const rollback = async () => {
    const ok = await confirmDialog({
      title: `Roll back ${policy.name ?? policy.id}?`,
      body: h(
        'p',
        {},
        'Every license returns to the version it had before this rollout at its next renewal.',
      ),
      confirmLabel: 'Roll back',
      danger: true,
    })
    if (ok === null) return
    await act(
      () => ctx.api.post(`/v1/admin/policies/${seg(policy.id)}/rollback`, {}),
      `Rolled back ${policy.name ?? policy.id}.`,
    )
  }
  return h(
    'section',
    { class: 'panel policy', 'data-policy': policy.id },
    h('h2', {}, policy.name ?? policy.id, ' ', h('code', { class: 'muted' }, policy.id)),
    h('p', { class: 'muted' }, `Product ${policy.productId ?? '—'}`),
    rolloutPanel(policy, policy.rollout?.state === 'active' ? rollback : undefined),
    form,
    error,
    versionsTable(policy),
  )
}

/** Who follows which version, from the licenses counted per version in the policy answer. */
export function followers(policy: PolicyRecord): string {
  const holding = policy.versions.filter((v) => (v.licenses ?? 0) > 0)
  if (policy.versions.every((v) => v.licenses === undefined)) return ''
  if (holding.length === 0) return 'No license follows this policy yet.'
  const n = (v: PolicyVersionRecord) => `${v.licenses} license${v.licenses === 1 ? '' : 's'}`
  if (holding.length === 1) return `Every license follows version ${holding[0]!.version} (${n(holding[0]!)}).`
  return `Licenses follow ${holding.map((v) => `version ${v.version} (${n(v)})`).join(', ')}.`
}

function rolloutPanel(policy: PolicyRecord, rollback?: () => void): HTMLElement {
  const rollout = policy.rollout
  const who = followers(policy)
  if (!rollout)
    return h(
      'p',
      { class: 'rollout', 'data-rollout-state': 'none', 'data-followers': who },
      who ? `No rollout. ${who}` : 'No rollout.',
    )
  const tone = rollout.state === 'active' ? 'info' : rollout.state === 'rolled_back' ? 'warn' : 'ok'
  return h(
    'div',
    { class: 'rollout', 'data-rollout-state': rollout.state, 'data-percent': rollout.percent },
    h(
      'p',
      {},
      pill(rollout.state.replace('_', ' '), tone),
      ` Version ${rollout.fromVersion} → ${rollout.toVersion}: `,
      h('strong', {}, `${rollout.percent} %`),
      ' of licenses',
      rollout.updatedAt ? h('span', { class: 'muted' }, ` · updated ${when(rollout.updatedAt)}`) : null,
    ),
    h('meter', { min: 0, max: 100, value: rollout.percent, 'aria-label': 'Rollout percentage' }),
    who ? h('p', { class: 'muted', 'data-followers': who }, who) : null,
    rollback
      ? h(
          'button',
          { type: 'button', class: 'danger', 'data-action': 'rollback', onclick: rollback },
          'Roll back…',
        )
      : null,
  )
}

function versionsTable(policy: PolicyRecord): HTMLElement {
  const secs = (v: unknown) => (typeof v === 'number' ? duration(v) : '—')
  const rows = policy.versions.map((v) => [
    `v${v.version}`,
    secs(v.params.offlineWindow),
    secs(v.params.renewAfter),
    secs(v.params.grace),
    String(v.params.fallback ?? '—'),
    v.licenses === undefined ? '—' : String(v.licenses),
    when(v.createdAt),
  ])
  return table(
    ['Version', 'Offline window', 'Renew after', 'Grace', 'Then', 'Licenses on it', 'Created'],
    rows,
    'Policy versions',
  )
}
