// Child process of the multi-process store test: one process of the app on the shared store. It
// renews over HTTP `rounds` times (manual renewals: each really contacts the server), checks the
// license between renewals (its clock marks move and are persisted lazily), closes the client
// (pending marks and telemetry are written), and prints one JSON line of what it did.
import type { ReasonCode } from '@tessera/core'
import { openClient } from '../client.js'
import { type ChildConfig, childClientOptions } from './child-client-options.js'

/** Reasons that queue an anomaly event (telemetry/events.ts); none should appear here. */
const ANOMALIES = new Set<ReasonCode>(['CLOCK_ROLLBACK', 'STORE_CORRUPT', 'FINGERPRINT_CHANGED'])

export interface ContenderReport {
  pid: number
  /** Renewal outcomes by name. */
  outcomes: Record<string, number>
  /** Leases this process adopted: jti and issue time. */
  leases: { jti: string; iat: number }[]
  /** Every state and reason seen by check() (should be active, no reasons). */
  states: string[]
  reasons: string[]
  /** Clock marks of the last decision. */
  clock: { trustedTime: number; highWater: number }
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const client = await openClient(childClientOptions(config))
const report: ContenderReport = {
  pid: process.pid,
  outcomes: {},
  leases: [],
  states: [],
  reasons: [],
  clock: { trustedTime: 0, highWater: 0 },
}
const note = (decision: ReturnType<typeof client.check>) => {
  if (!report.states.includes(decision.state)) report.states.push(decision.state)
  for (const reason of decision.reasons) if (!report.reasons.includes(reason)) report.reasons.push(reason)
  if (decision.reasons.some((r) => ANOMALIES.has(r))) process.stderr.write(`anomaly: ${decision.reasons}\n`)
}
for (let round = 0; round < (config.rounds ?? 5); round++) {
  const result = await client.renew()
  report.outcomes[result.outcome] = (report.outcomes[result.outcome] ?? 0) + 1
  const lease = result.decision.license
  if (result.outcome === 'renewed' && lease) report.leases.push({ jti: lease.lease, iat: lease.issuedAt })
  note(result.decision)
  for (let i = 0; i < 4; i++) {
    note(client.check())
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 40))
  }
}
const last = client.check()
note(last)
report.clock = { trustedTime: last.clock.trustedTime, highWater: last.clock.highWater }
await client.close()
process.stdout.write(`${JSON.stringify(report)}\n`)
