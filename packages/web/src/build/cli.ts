// `npm run build -w @tessera/web`: bundles into packages/web/dist and prints each file's size.
import { buildWeb, DIST_DIR } from './build-web.js'

const files = await buildWeb()
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`
for (const f of files)
  process.stdout.write(`${f.file.padEnd(20)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip)}\n`)
process.stdout.write(`built into ${DIST_DIR}\n`)
