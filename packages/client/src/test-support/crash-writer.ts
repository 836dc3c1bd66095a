// Child process of the crash test: rewrites one sealed file under the store lock as fast as it
// can, printing each committed counter value, until it is killed.
import { SealedStore } from '../store/sealed-store.js'
import { CRASH_FILE, payloadFor } from './crash-codec.js'

const [dir, keyHex] = process.argv.slice(2) as [string, string]
const store = new SealedStore(dir, 'demo', Buffer.from(keyHex, 'hex'))
process.stdout.write('ready\n')
for (;;) {
  let n = 0
  await store.update(CRASH_FILE, (current) => {
    n = (current.status === 'ok' ? current.value.n : 0) + 1
    return { n, payload: payloadFor(n) }
  })
  process.stdout.write(`${n}\n`)
}
