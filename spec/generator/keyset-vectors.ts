// keyset.json: root-signed key sets, version rollback, and the root rotation chain.
import type { TestKey } from '../../packages/core/src/test-support/factory.js'
import {
  keysetClaims,
  keysetEntry,
  LEASE_KEY,
  ROOT,
  STATUS_KEY,
  testKey,
} from '../../packages/core/src/test-support/factory.js'
import { DAY, fail, ISSUER, ok, T0, type Vector, type VectorFile, vector } from './common.js'
import { b64, token } from './jws.js'

const ROOT2 = testKey('root-2')
const ROOT3 = testKey('root-3')
const STRANGER = testKey('stranger')

/** One rotation link: `next` introduced at version `ver`, signed by `signer` under `kid`. */
function link(
  signer: TestKey,
  next: TestKey,
  ver: number,
  kid = signer.thumbprint,
  kind: 'root' | 'keyset' = 'root',
) {
  return token(kind, signer, kid, { v: 1, iss: ISSUER, ver, iat: T0 - 2 * DAY + ver, key: next.jwk })
}

const keyset = (signer: TestKey, over: Parameters<typeof keysetClaims>[0] = {}, kid = signer.thumbprint) =>
  token('keyset', signer, kid, keysetClaims(over))

const valid = (name: string, signer: TestKey, context: Record<string, unknown>, version: number, over = {}) =>
  vector({
    name,
    kind: 'keyset',
    context,
    token: keyset(signer, over),
    expect: ok({ claims: keysetClaims(over), rootKid: signer.thumbprint, rootVersion: version }),
  })

const invalid = (
  name: string,
  tok: string,
  error: Parameters<typeof fail>[0],
  context = {},
  description?: string,
) =>
  vector({
    name,
    kind: 'keyset',
    ...(description ? { description } : {}),
    context,
    token: tok,
    expect: fail(error),
  })

export function keysetFile(): VectorFile {
  return {
    description:
      'Key sets (verifyKeyset): signed by the current root reached through the rotation chain from the pinned ' +
      'roots; version high-water mark; entry rules. Expiry is not checked here (see evaluate, KEYSET_EXPIRED).',
    context: { roots: [ROOT.jwk], keysetVersion: 0, rootVersion: 0, chain: [] },
    vectors: [...keysetVectors(), ...rotationVectors()],
  }
}

function keysetVectors(): Vector[] {
  const entries = keysetClaims().keys
  const shortX = { ...entries[0]!, x: b64(LEASE_KEY.publicKey.slice(0, 31)) }
  const many = Array.from({ length: 17 }, (_, i) => keysetEntry(`k-${i}`, STATUS_KEY, ['status']))
  return [
    valid('valid-first-keyset', ROOT, {}, 1),
    valid('valid-same-version-as-seen', ROOT, { keysetVersion: 1 }, 1),
    valid('valid-newer-version', ROOT, { keysetVersion: 2 }, 1, { ver: 3 }),
    valid('valid-expired-keyset-still-verifies', ROOT, {}, 1, { iat: T0 - 400 * DAY, exp: T0 - 200 * DAY }),
    invalid('keyset-rollback', keyset(ROOT), 'KEYSET_ROLLBACK', { keysetVersion: 2 }),
    invalid('keyset-unknown-root', keyset(STRANGER), 'ROOT_UNKNOWN'),
    invalid('keyset-forged-with-root-kid', keyset(STRANGER, {}, ROOT.thumbprint), 'SIGNATURE_INVALID'),
    invalid('keyset-wrong-typ', token('lease', ROOT, ROOT.thumbprint, keysetClaims()), 'TYP_MISMATCH'),
    invalid('keyset-duplicate-kid', keyset(ROOT, { keys: [entries[0]!, entries[0]!] }), 'CLAIMS_INVALID'),
    invalid(
      'keyset-unknown-purpose',
      keyset(ROOT, { keys: [keysetEntry('k-x', LEASE_KEY, ['lease', 'admin' as 'lease'])] }),
      'CLAIMS_INVALID',
    ),
    invalid(
      'keyset-entry-empty-window',
      keyset(ROOT, { keys: [keysetEntry('k-x', LEASE_KEY, ['lease'], T0, T0 - 1)] }),
      'CLAIMS_INVALID',
    ),
    invalid('keyset-entry-key-31-bytes', keyset(ROOT, { keys: [shortX] }), 'KEY_INVALID'),
    invalid('keyset-17-entries', keyset(ROOT, { keys: many }), 'CLAIMS_INVALID'),
    invalid('keyset-unknown-claim', keyset(ROOT, { nxt: 1 } as object), 'CLAIMS_INVALID'),
  ]
}

function rotationVectors(): Vector[] {
  const r12 = link(ROOT, ROOT2, 2)
  const r23 = link(ROOT2, ROOT3, 3)
  return [
    valid('rotation-valid-chain', ROOT3, { chain: [r12, r23] }, 3),
    valid(
      'rotation-valid-root-version-already-seen',
      ROOT2,
      { chain: [r12], rootVersion: 2, keysetVersion: 1 },
      2,
    ),
    valid('rotation-older-links-skipped', ROOT3, { roots: [ROOT2.jwk], chain: [r12, r23] }, 3),
    vector({
      name: 'rotation-version-jump-accepted',
      kind: 'keyset',
      description: 'The code requires a link to raise the version, not to raise it by exactly one.',
      context: { chain: [link(ROOT, ROOT2, 5)] },
      token: keyset(ROOT2),
      expect: ok({ claims: keysetClaims(), rootKid: ROOT2.thumbprint, rootVersion: 5 }),
    }),
    invalid(
      'rotation-link-not-signed-by-old-root',
      keyset(ROOT2),
      'ROOT_ROTATION_INVALID',
      { chain: [link(STRANGER, ROOT2, 2, ROOT.thumbprint)] },
      'The link names root-1 as kid but is signed by another key.',
    ),
    invalid(
      'rotation-fork-by-retired-root',
      keyset(STRANGER),
      'ROOT_UNKNOWN',
      { chain: [link(ROOT, STRANGER, 2)], rootVersion: 2, currentRoot: ROOT2.jwk },
      'The client moved on to root-2; a link signed by the retired root-1 is never followed again.',
    ),
    invalid('rotation-link-by-unrelated-key-after-start', keyset(ROOT3), 'ROOT_ROTATION_INVALID', {
      chain: [r12, link(STRANGER, ROOT3, 3)],
    }),
    invalid('rotation-link-not-raising-version', keyset(ROOT3), 'ROOT_ROTATION_INVALID', {
      chain: [r12, link(ROOT2, ROOT3, 2)],
    }),
    invalid('rotation-link-version-1', keyset(ROOT2), 'ROOT_ROTATION_INVALID', {
      chain: [link(ROOT, ROOT2, 1)],
    }),
    invalid('rotation-link-wrong-typ', keyset(ROOT2), 'TYP_MISMATCH', {
      chain: [link(ROOT, ROOT2, 2, ROOT.thumbprint, 'keyset')],
    }),
    invalid('rotation-keyset-by-superseded-root', keyset(ROOT), 'ROOT_UNKNOWN', { chain: [r12] }),
    invalid('rotation-root-rollback', keyset(ROOT2), 'KEYSET_ROLLBACK', { chain: [r12], rootVersion: 3 }),
    invalid(
      'rotation-chain-missing-after-rotation',
      keyset(ROOT),
      'KEYSET_ROLLBACK',
      { rootVersion: 2 },
      'A client that reached root version 2 refuses a key set without the chain that leads there.',
    ),
  ]
}
