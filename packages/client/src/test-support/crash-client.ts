// Child process of the client crash test: the app on a store with an activated license, renewing
// over HTTP in a loop (each renewal replaces the license record, queues and uploads telemetry)
// and checking the license in between (clock marks persisted lazily), until it is killed. It
// prints "ready" once open, "renewing <n>" before each renewal and "renewed <n> <outcome> <lease>
// <issuedAt>" after it.
import { openClient } from '../client.js'
import { type ChildConfig, childClientOptions } from './child-client-options.js'

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig
const client = await openClient(childClientOptions(config))
process.stdout.write('ready\n')
for (let n = 0; ; n++) {
  process.stdout.write(`renewing ${n}\n`)
  const result = await client.renew()
  const lease = result.decision.license
  process.stdout.write(`renewed ${n} ${result.outcome} ${lease?.lease ?? '-'} ${lease?.issuedAt ?? 0}\n`)
  for (let i = 0; i < 3; i++) {
    client.check()
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10))
  }
}
