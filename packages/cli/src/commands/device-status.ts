import type { LicenseStatus } from '@tessera/client'
import type { Decision } from '@tessera/core'
import type { Command, CommandInput } from '../command.js'
import { exitFor, withDeviceClient } from '../device-client.js'
import { STORE_OPTION } from '../device-config.js'
import { paint, printJson } from '../output.js'

export const statusCommand: Command = {
  name: 'status',
  summary: 'the license decision now, offline, from the store alone',
  options: {
    store: STORE_OPTION,
    json: {
      type: 'boolean',
      description: 'print the decision as JSON (state, features, deadline, reasons, …)',
    },
    explain: { type: 'boolean', description: 'print the verification trace, step by step' },
  },
  example: 'tessera status --store ./device-store --json',
  async run(input) {
    return withDeviceClient(input, async (client) => {
      const decision = client.check()
      printDecision(input, decision, client.status())
      return exitFor(decision)
    })
  },
}

/** The decision as JSON, or as the human status model plus the trace with --explain. */
export function printDecision(input: CommandInput, decision: Decision, status: LicenseStatus): void {
  const { io } = input
  if (input.values.json) {
    const { clock: _clock, ...rest } = decision
    printJson(io, { ...rest, headline: status.headline, renewalPending: status.renewalPending })
    return
  }
  const colour =
    decision.state === 'active' || decision.state === 'renewal_due' || decision.state === 'offline_grace'
      ? 'green'
      : 'yellow'
  io.stdout(`${paint(io, colour, decision.state)} — ${status.headline}\n`)
  if (status.detail) io.stdout(`${status.detail}\n`)
  const none =
    decision.state === 'limited' ? '(none: no essential features are known on this device)' : '(none)'
  io.stdout(`features: ${decision.features.join(', ') || none}\n`)
  if (decision.deadline !== null)
    io.stdout(`next change: ${new Date(decision.deadline * 1000).toISOString()}\n`)
  if (decision.reasons.length > 0) io.stdout(`reasons: ${decision.reasons.join(', ')}\n`)
  if (input.values.explain) {
    io.stdout('trace:\n')
    for (const step of decision.trace) {
      const detail = [...step.reasons, ...(step.error ? [`error ${step.error}`] : [])].join(', ')
      io.stdout(`  ${step.step.padEnd(14)} ${step.outcome.padEnd(5)} ${detail}\n`)
    }
  }
}
