// A short-lived host in its own process, for tests that need real process boundaries (a real
// keyring in a D-Bus session, a process exiting without close()). Bundled by buildHostChild()
// (run-host-child.ts) so it starts as plain node. Argument: a ChildPlan as JSON. Prints one
// JSON line (a ChildReport) and exits; with `close: false` it exits without calling close().
import { readdir } from 'node:fs/promises'
import { PRODUCT, ROOT, T0 } from '../../../core/src/test-support/factory.js'
import { openClient } from '../client.js'
import type { ClientOptions } from '../options.js'
import { FakeServer } from './fake-server.js'
import { LICENSE_KEY, machine } from './harness.js'

export interface ChildPlan {
  dir: string
  keyStorage: NonNullable<ClientOptions['keyStorage']>
  /** The client's clock, epoch seconds. Default T0. */
  now?: number
  /** Activate online (against an in-process fake server) before reporting. */
  activate?: boolean
  /** Await close() before exiting. Default true. */
  close?: boolean
  /** How to leave without close(): let the event loop run dry, or call process.exit. */
  exit?: 'natural' | 'process.exit'
}

export interface ChildReport {
  state: string
  reasons: string[]
  keyStorage: unknown
  privacy: string
  highWater: number
  exitListeners: number
  activateError: string | null
  files: string[]
}

const plan = JSON.parse(process.argv[2]!) as ChildPlan
const clock = { now: plan.now ?? T0 }
const server = new FakeServer(() => clock.now)
server.addLicense(LICENSE_KEY, { id: 'lic_01', edition: 'pro', features: ['export', 'view'] })
const client = await openClient({
  product: PRODUCT,
  roots: [ROOT.jwk],
  storeDir: plan.dir,
  keyStorage: plan.keyStorage,
  essential: ['view'],
  now: () => clock.now,
  transport: server,
  fingerprintSources: machine('a'),
})
let activateError: string | null = null
if (plan.activate) await client.activate(LICENSE_KEY).catch((err) => (activateError = err.code))
const decision = client.check()
const diagnostics = client.diagnostics()
const report: ChildReport = {
  state: decision.state,
  reasons: [...decision.reasons],
  keyStorage: diagnostics.client.keyStorage,
  privacy: client.privacyReport().text,
  highWater: diagnostics.input.clock.highWater,
  exitListeners: process.listenerCount('exit'),
  activateError,
  files: (await readdir(plan.dir)).sort(),
}
process.stdout.write(`${JSON.stringify(report)}\n`)
if (plan.close ?? true) await client.close()
else if (plan.exit === 'process.exit') process.exit(0)
