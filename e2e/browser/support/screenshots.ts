import { writeFileSync } from 'node:fs'
import { BADGE_CASES, type BadgeCase } from './real-statuses.js'

const BADGE_CASE_TEXT: Record<BadgeCase, string> = {
  active: 'active license, the offline deadline shown once',
  renewal_due: 'renewal due, nothing failed: calm, no "renewal pending" line',
  'renewal-pending': 'renewal due after a failed attempt: the "renewal pending" line and a Renew button',
  offline_grace: 'offline grace period: reconnect-by date with the hour (less than two days left)',
  limited: 'limited mode (essential features only), amber',
  expired: 'expired (deny policy after grace), red',
  revoked: 'revoked license, red, contact/activate actions',
  invalid: 'not activated (invalid), red, "Enter a license key"',
}

/**
 * Every screenshot the browser tests write, with what it shows. screenshotPath refuses a name
 * missing here, so INDEX.md (written next to them) always lists them all.
 */
export const SCREENSHOTS: Readonly<Record<string, string>> = {
  'badge-demo':
    'Badge demo page, light scheme: every case, statuses recorded from the client SDK status model',
  ...Object.fromEntries(BADGE_CASES.map((c) => [`badge-${c}`, `Badge, ${BADGE_CASE_TEXT[c]}`])),
  'badge-demo-sdk-text':
    'Badge demo with `modelText` on: the SDK’s own English headline and detail, no extra date line',
  'badge-demo-fr': 'Badge demo with the French catalogue replacing every built-in string',
  'badge-demo-pseudo': 'Badge demo with a pseudo-locale catalogue: every visible string wrapped in ⟦ ⟧',
  'badge-demo-dark': 'Badge demo in the dark colour scheme (text and button contrast checked)',
  'badge-keyboard-focus': 'Keyboard focus ring on the offline badge’s “How to reconnect” button',
  'dashboard-sign-in-error': 'Dashboard sign-in refusing a bad admin token (role=alert message)',
  'dashboard-overview':
    'Dashboard overview: KPIs (renewal 24 h / 7 d, leases issued, grace, limited, anomalies), charts, recent revocations',
  'dashboard-search': 'Dashboard search: one box finding licenses and devices',
  'dashboard-license-detail': 'License detail: devices and the leases the API returns',
  'dashboard-revoke-confirm': 'Revoke-license confirmation <dialog> with a reason field',
  'dashboard-license-revoked': 'License detail after revoking it through the UI',
  'dashboard-device-detail': 'Device detail: its license, last contact, leases, revoke button',
  'dashboard-device-revoke-confirm': 'Revoke-device confirmation <dialog>',
  'dashboard-device-revoked': 'Device detail after revoking it through the UI (revocation shown)',
  'dashboard-policy-rollout':
    'Policies: a rollout at 25 % with version counts, rollback button and “complete” control',
  'dashboard-policy-completed': 'Policies: a rollout completed through the UI (new base version)',
  'dashboard-audit': 'Audit log: chain status and the newest page with Older/Newer paging',
  'dashboard-audit-older': 'Audit log: an older page reached with the “Older” button',
}

/** Writes INDEX.md into `dir`: the same text from every test file, so parallel writers agree. */
export function writeScreenshotIndex(dir: string): void {
  const lines = Object.entries(SCREENSHOTS).map(([name, text]) => `| \`${name}.png\` | ${text} |`)
  writeFileSync(
    `${dir}INDEX.md`,
    [
      '# Browser test screenshots',
      '',
      'Written by `e2e/browser/*.test.ts` (git-ignored). Each file and what it shows:',
      '',
      '| File | Shows |',
      '|---|---|',
      ...lines,
      '',
    ].join('\n'),
  )
}
