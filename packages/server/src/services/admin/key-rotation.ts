import { rm } from 'node:fs/promises'
import { jwkThumbprint } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import { dataFiles } from '../../keys/data-dir.js'
import { openKeySource } from '../../keys/key-source.js'
import { type KeyringConfig, loadKeyringConfig, saveKeyringConfig } from '../../keys/keyring-config.js'
import { KEY_LIFETIME, keysetClaims, keysetEntry, signKeyset } from '../../keys/keyset-document.js'
import { ALL_PURPOSES, rotatedEntries } from '../../keys/keyset-rotation.js'
import { newOnlineKey } from '../../keys/provision.js'
import { resolvePassphrase } from '../../signer/index.js'
import type { AdminToken } from '../../storage/index.js'
import { auditOperator } from './operator-audit.js'

/** What an operator sees of a key set: its version and each key's window, no key material. */
export function keysetSummary(ctx: ServerContext) {
  const claims = ctx.keyring.keysetClaims
  return {
    version: claims.ver,
    keys: claims.keys.map((k) => ({ kid: k.kid, use: [...k.use], nbf: k.nbf, exp: k.exp })),
  }
}

export async function requireKeyringConfig(ctx: ServerContext): Promise<KeyringConfig> {
  const config = await loadKeyringConfig(ctx.storage)
  if (!config) throw new HttpProblem('INTERNAL', 'the keyring is not configured')
  return config
}

/**
 * Online key rotation with an online root: a new Ed25519 key file (encrypted with the server's
 * key passphrase when one is configured) joins key set version+1, signed by the root; the old
 * keys stay listed with their window ending ROTATION_OVERLAP after now, so every token they signed
 * keeps verifying, replicas not yet on the new key set keep signing, and the new key is preferred.
 * With an offline root: 409 ROOT_KEY_OFFLINE, nothing changes.
 */
export async function rotateOnlineKey(ctx: ServerContext, operator: AdminToken) {
  await ctx.keyring.refresh()
  const config = await requireKeyringConfig(ctx)
  const version = ctx.keyring.current().version + 1
  if (!config.root) {
    throw new HttpProblem(
      'ROOT_KEY_OFFLINE',
      `the root key is kept offline: sign key set version ${version} where it lives and import it with POST /v1/admin/keysets`,
      { extensions: { nextVersion: version } },
    )
  }
  const now = ctx.now()
  const key = await newOnlineKey(ctx.dataDir, await resolvePassphrase({ env: process.env }))
  const entry = keysetEntry(key.kid, key.publicKey, [...ALL_PURPOSES], now, now + KEY_LIFETIME)
  const claims = keysetClaims(
    config.issuer,
    version,
    now,
    rotatedEntries(ctx.keyring.keysetClaims.keys, entry, now),
  )
  const root = await openKeySource(config.root, jwkThumbprint(ctx.keyring.rootJwk, nodeCrypto), ctx.dataDir)
  let token: string
  try {
    token = await signKeyset(root, claims)
  } finally {
    await root.close()
  }
  // The key joins the configuration before (atomically with) the key set naming it, so a replica
  // reloading in between never sees a key set whose newest key it cannot open.
  const listed = new Set(claims.keys.map((k) => k.kid))
  try {
    await ctx.storage.transaction(async (tx) => {
      await saveKeyringConfig(tx, {
        ...config,
        keys: [
          ...config.keys.filter((k) => listed.has(k.kid)),
          { kid: key.kid, use: entry.use, source: `file:keys/${key.kid}.pem` },
        ],
      })
      await tx.putKeyset({ version, token, createdAt: now })
    })
  } catch (err) {
    // Another replica published this version first (409): the new key was never used.
    await rm(dataFiles(ctx.dataDir).onlineKey(key.kid), { force: true })
    throw err
  }
  await ctx.keyring.refresh()
  await auditOperator(ctx, operator, 'keys.rotate', key.kid, {
    version,
    retired: claims.keys.filter((k) => k.kid !== key.kid).map((k) => k.kid),
  })
  return { kid: key.kid, ...keysetSummary(ctx) }
}
