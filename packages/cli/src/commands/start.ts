import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Command } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { paint } from '../output.js'
import { untilSignal } from '../signals.js'
import { initialise, printInitSummary, warnUnencrypted } from './init.js'
import { SERVE_OPTIONS, startServing } from './serve.js'

export const startCommand: Command = {
  name: 'start',
  summary: 'first run made easy: init --demo if needed, then serve and print what to do next',
  options: SERVE_OPTIONS,
  example: 'npm start   (= tessera start --data ./tessera-data)',
  async run(input) {
    const dataDir = (input.values.data as string | undefined) ?? './tessera-data'
    const io = input.io
    let licenseKey = '<LICENSE_KEY>'
    if (!existsSync(join(dataDir, 'root.pub.jwk'))) {
      const result = await initialise(input, dataDir, true)
      if (!result.encrypted) warnUnencrypted(io)
      printInitSummary(io, result)
      licenseKey = result.demo?.licenseKey ?? licenseKey
    } else {
      io.stdout(`Using ${dataDir} (its admin token and demo license key were printed when it was created).\n`)
    }
    const { url, stop } = await startServing({
      ...input.values,
      data: dataDir,
      'log-level': input.values['log-level'] ?? 'warn',
    })
    const root = relative(process.cwd(), join(dataDir, 'root.pub.jwk')) || join(dataDir, 'root.pub.jwk')
    io.stdout(`
${paint(io, 'green', 'Tessera is running.')}
  API        ${url}/v1
  API docs   ${url}/docs
  Dashboard  ${url}/dashboard
  Metrics    ${url}/metrics

Activate a device and check it offline:
  npx tessera activate ${licenseKey} --server ${url} --product demo --root-key ${root} --store ./device-store
  npx tessera status --store ./device-store

Press Ctrl+C to stop.
`)
    await untilSignal()
    await stop()
    return EXIT.OK
  },
}
