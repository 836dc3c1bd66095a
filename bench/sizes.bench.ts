/**
 * Sizes: the factory's typical lease (compact JWS) and the whole bundle (JSON.stringify, as
 * stored and sent), beside plain JWTs of the same claims signed by jose (EdDSA, typ JWT): the
 * difference is our header (explicit typ per kind, kid), since claims and signature are the same.
 * The factory's lease is shaped like the server's (services/issuance.ts): ids of the server's
 * length (prefix + 12 characters), 4 features, 1 essential, 6 fingerprint components, fallback
 * `limited`; the server's own budget test (services/issuance.test.ts) signs one with its keyring.
 */
import { generateKeyPairSync } from 'node:crypto'
import { SignJWT } from 'jose'
import type { Bundle } from '../packages/core/src/index.js'
import {
  accessClaims,
  keysetClaims,
  leaseClaims,
  makeBundle,
  statusClaims,
} from '../packages/core/src/test-support/factory.js'
import { emit } from './lib/report.js'

const bundle = await makeBundle()
const { privateKey } = generateKeyPairSync('ed25519')
const jwt = (claims: object) =>
  new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(privateKey)

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
const parts = (token: string) => token.split('.').map((p) => bytes(p))

const joseLease = await jwt(leaseClaims())
const joseBundle: Bundle = {
  v: 1,
  chain: [],
  keyset: await jwt(keysetClaims()),
  lease: joseLease,
  access: await jwt(accessClaims()),
  status: await jwt(statusClaims()),
}
const ourBundleBytes = bytes(JSON.stringify(bundle))
const joseBundleBytes = bytes(JSON.stringify(joseBundle))

/** Bytes each lease claim takes in the payload JSON ("name":value,), largest first. */
const claimBytes = Object.entries(leaseClaims())
  .map(([name, value]) => [name, bytes(`${JSON.stringify(name)}:${JSON.stringify(value)},`)] as const)
  .sort((a, b) => b[1] - a[1])

const [header, payload, signature] = parts(bundle.lease)
emit({
  bench: 'sizes',
  metrics: [
    {
      name: 'lease (compact JWS)',
      unit: 'bytes',
      value: bytes(bundle.lease),
      baseline: bytes(joseLease),
      baselineLabel: 'jose JWT, same claims',
      ratio: bytes(bundle.lease) / bytes(joseLease),
      target: { on: 'value', max: 600 },
      detail: {
        claims: Object.keys(leaseClaims()).length,
        ours: { header, payload, signature },
        jose: Object.fromEntries(['header', 'payload', 'signature'].map((k, i) => [k, parts(joseLease)[i]])),
        payloadJsonBytes: bytes(JSON.stringify(leaseClaims())),
        claimBytes: Object.fromEntries(claimBytes),
      },
    },
    {
      name: 'bundle (JSON)',
      unit: 'bytes',
      value: ourBundleBytes,
      baseline: joseBundleBytes,
      baselineLabel: 'same bundle of jose JWTs',
      ratio: ourBundleBytes / joseBundleBytes,
      target: { on: 'value', max: 2560 },
      detail: Object.fromEntries(
        (['keyset', 'lease', 'access', 'status'] as const).map((k) => [
          k,
          { ours: bytes(bundle[k]), jose: bytes(joseBundle[k]) },
        ]),
      ),
    },
  ],
})
