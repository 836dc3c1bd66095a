/**
 * Where the time of a cold decision goes, stage by stage (diagnostic, not part of run-all):
 *   npx tsx --expose-gc bench/stages.ts
 * Each row is the cost for the whole bundle (all four tokens), µs; all rows are measured with
 * interleaved batches so they see the same machine conditions.
 */
import { verify } from 'node:crypto'
import { asciiBytes } from '../packages/core/src/encoding/utf8.js'
import { makeBundle, ROOT, TRUST } from '../packages/core/src/test-support/factory.js'
import { formatValue, renderTable } from './lib/format.js'
import { type Body, measureInterleaved } from './lib/measure.js'
import { bundleSignatures, core, cryptoNode, decisionInput, importEd25519 } from './lib/tessera.js'

const {
  CLAIMS_SCHEMAS,
  decodeBase64url,
  decodeJws,
  evaluate,
  jwkThumbprint,
  parseBundle,
  parseJsonObject,
  utf8Decode,
  validateSchema,
  verifyBundle,
  verifyBundleTokens,
  verifyKeyset,
} = core
const { nodeCrypto } = cryptoNode

const bundle = await makeBundle()
const text = JSON.stringify(bundle)
const KINDS = ['keyset', 'lease', 'access', 'status'] as const
const tokens = KINDS.map((k) => bundle[k])
const segments = tokens.flatMap((t) => t.split('.'))
const jsonSegments = tokens.flatMap((t) => t.split('.').slice(0, 2))
const decodedJson = jsonSegments.map((s) => decodeBase64url(s))
const jsonTexts = decodedJson.map((b) => utf8Decode(b))
const decoded = KINDS.map((k) => decodeJws(bundle[k], k))
const signingInputs = decoded.map((d) => d.signingInput)
const sigs = bundleSignatures(bundle, TRUST)
const keyObjects = sigs.map((s) => importEd25519(s.publicKey))
const keyset = verifyKeyset([], bundle.keyset, TRUST, nodeCrypto)
const verified = verifyBundle(bundle, TRUST, nodeCrypto)

const stages: [string, Body][] = [
  ['JSON.parse + parseBundle', () => parseBundle(JSON.parse(text)).lease.length],
  ['base64url decode (12 segments)', () => segments.reduce((n, s) => n + decodeBase64url(s).length, 0)],
  ['utf8Decode (8 JSON segments)', () => decodedJson.reduce((n, b) => n + utf8Decode(b).length, 0)],
  [
    'strict JSON parse (8 segments)',
    () => jsonTexts.reduce((n, t) => n + Object.keys(parseJsonObject(t)).length, 0),
  ],
  [
    'decodeJws ×4 (all of the above + header checks)',
    () => KINDS.reduce((n, k) => n + decodeJws(bundle[k], k).kid.length, 0),
  ],
  [
    'schema validation ×4',
    () =>
      decoded.reduce(
        (n, d, i) => n + Object.keys(validateSchema(d.payload, CLAIMS_SCHEMAS[KINDS[i]!])).length,
        0,
      ),
  ],
  ['root jwkThumbprint (sha256)', () => jwkThumbprint(ROOT.jwk, nodeCrypto).length],
  ['asciiBytes(signing input) ×4', () => signingInputs.reduce((n, s) => n + asciiBytes(s).length, 0)],
  [
    'raw verify ×4 (pre-imported KeyObjects)',
    () => sigs.reduce((n, s, i) => n + (verify(null, s.message, keyObjects[i]!, s.signature) ? 1 : 0), 0),
  ],
  [
    'nodeCrypto.verifyEd25519 ×4 (cache hit)',
    () =>
      sigs.reduce((n, s) => n + (nodeCrypto.verifyEd25519(s.publicKey, s.message, s.signature) ? 1 : 0), 0),
  ],
  ['verifyKeyset (1 verify)', () => verifyKeyset([], bundle.keyset, TRUST, nodeCrypto).keys.size],
  [
    'verifyBundleTokens (3 verifies)',
    () => (verifyBundleTokens(bundle, keyset, nodeCrypto).verified ? 1 : 0),
  ],
  ['evaluate(verified bundle)', () => evaluate(decisionInput(verified, TRUST), nodeCrypto).features.length],
  [
    'cold decision: parse + evaluate(raw)',
    () => evaluate(decisionInput(parseBundle(JSON.parse(text)), TRUST), nodeCrypto).features.length,
  ],
]

const stats = measureInterleaved(
  stages.map(([, body]) => body),
  { minIterations: 300, minTimeMs: 600, maxTimeMs: 30_000, batchMs: 5 },
)
const verifyUs = stats[8]!.medianUs
const coldUs = stats[stats.length - 1]!.medianUs
console.log(
  renderTable(
    ['stage', 'µs', 'of cold', 'spread (IQR)'],
    stages.map(([name], i) => [
      name,
      formatValue(stats[i]!.medianUs, 'us'),
      `${((stats[i]!.medianUs / coldUs) * 100).toFixed(1)}%`,
      `${stats[i]!.iqrPct.toFixed(0)}%`,
    ]),
  ),
)
console.log(`\noverhead of the cold decision over raw verifies: ${formatValue(coldUs - verifyUs, 'us')}`)
