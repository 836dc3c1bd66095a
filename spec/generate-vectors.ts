// Writes the language-neutral test vectors of spec/vectors/*.json (schema: spec/vectors/README.md).
// Deterministic: keys derive from fixed labels, Ed25519 and RFC 6979 ES256 signatures are
// deterministic, every time is explicit. Run: npx tsx spec/generate-vectors.ts
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundleFile } from './generator/bundle-vectors.js'
import { decisionFile } from './generator/decision-vectors.js'
import { deviceFile } from './generator/device-vectors.js'
import { issuanceFile } from './generator/issuance-vectors.js'
import { jwsFile } from './generator/jws-vectors.js'
import { keysetFile } from './generator/keyset-vectors.js'
import { accessFile, leaseFile } from './generator/lease-vectors.js'
import { offlineFile } from './generator/offline-vectors.js'
import { policyFile, receiptsFile } from './generator/receipt-vectors.js'
import { revocationsFile } from './generator/revocation-vectors.js'

/** Every vector file by name, as plain JSON-able objects. */
export function generateVectors(): Record<string, object> {
  return {
    'jws.json': jwsFile(),
    'keyset.json': keysetFile(),
    'lease.json': leaseFile(),
    'access.json': accessFile(),
    'receipts.json': receiptsFile(),
    'policy.json': policyFile(),
    'revocations.json': revocationsFile(),
    'device.json': deviceFile(),
    'offline.json': offlineFile(),
    'issuance.json': issuanceFile(),
    'bundle.json': bundleFile(),
    'decision.json': decisionFile(),
  }
}

/** The exact bytes of a vector file: 2-space JSON and a trailing newline. */
export function serialize(file: object): string {
  return `${JSON.stringify(file, null, 2)}\n`
}

export const VECTORS_DIR = fileURLToPath(new URL('./vectors/', import.meta.url))

function main(): void {
  const files = generateVectors()
  for (const name of readdirSync(VECTORS_DIR)) {
    if (name.endsWith('.json') && !(name in files)) rmSync(new URL(`./vectors/${name}`, import.meta.url))
  }
  for (const [name, file] of Object.entries(files)) writeFileSync(`${VECTORS_DIR}${name}`, serialize(file))
  process.stdout.write(`wrote ${Object.keys(files).length} files to spec/vectors/\n`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
