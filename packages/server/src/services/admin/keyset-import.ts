import {
  isTesseraError,
  type KeysetEntry,
  publicKeyBytes,
  type VerifiedKeyset,
  verifyKeyset,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { ServerContext } from '../../context.js'
import { HttpProblem } from '../../http/problem.js'
import { openKeySource } from '../../keys/key-source.js'
import { type OnlineKeyConfig, saveKeyringConfig } from '../../keys/keyring-config.js'
import { ALL_PURPOSES, MIN_IMPORT_OVERLAP, uncoveredPurposes } from '../../keys/keyset-rotation.js'
import { isSignerError } from '../../signer/index.js'
import type { AdminToken } from '../../storage/index.js'
import { keysetSummary, requireKeyringConfig } from './key-rotation.js'
import { auditOperator } from './operator-audit.js'

export interface KeysetImport {
  /** The key set JWS, signed by the root where it is kept (offline). */
  keyset: string
  /** Where the private key of each listed key that the server does not know yet lives. */
  sources?: { kid: string; source: string }[]
}

const invalid = (detail: string) => new HttpProblem('KEYSET_INVALID', detail)

/**
 * Imports a key set signed elsewhere (offline root): it must chain to the pinned root
 * (root.pub.jwk), raise the version, carry this server's issuer, be unexpired, and list only keys
 * whose private half the server can reach (configured, or given here with a source that opens to
 * that very public key), enough to sign every token kind now. Every replica adopts it.
 */
export async function importKeyset(ctx: ServerContext, operator: AdminToken, body: KeysetImport) {
  await ctx.keyring.refresh()
  const config = await requireKeyringConfig(ctx)
  const current = ctx.keyring.current()
  const verified = verify(ctx, current.chain, body.keyset)
  const { claims } = verified
  if (claims.ver <= current.version) {
    throw new HttpProblem(
      'CONFLICT',
      `key set version ${claims.ver} is not above the current ${current.version}`,
    )
  }
  if (claims.iss !== config.issuer)
    throw invalid(`the key set is for issuer "${claims.iss}", not this server's`)
  const now = ctx.now()
  if (claims.exp <= now) throw invalid('the key set has expired')
  assertOverlapOpen(ctx.keyring.keysetClaims.keys, claims.keys, now)
  const configured = new Map(config.keys.map((k) => [k.kid, k]))
  const added = await checkSources(ctx, claims.keys, configured, body.sources ?? [])
  const missing = uncoveredPurposes(claims.keys, (kid) => configured.has(kid) || added.has(kid), now)
  if (missing.length > 0) throw invalid(`no listed key may sign ${missing.join(', ')} tokens now`)
  const listed = new Set(claims.keys.map((k) => k.kid))
  const keys: OnlineKeyConfig[] = claims.keys.flatMap((e) => {
    const source = added.get(e.kid) ?? configured.get(e.kid)?.source
    return source && listed.has(e.kid) ? [{ kid: e.kid, use: [...e.use], source }] : []
  })
  await ctx.storage.transaction(async (tx) => {
    await saveKeyringConfig(tx, { ...config, keys })
    await tx.putKeyset({ version: claims.ver, token: body.keyset, createdAt: now })
  })
  await ctx.keyring.refresh()
  await auditOperator(ctx, operator, 'keys.import', `keyset/${claims.ver}`, {
    version: claims.ver,
    keys: claims.keys.map((k) => k.kid),
  })
  return keysetSummary(ctx)
}

/**
 * A key set prepared offline cuts the windows of the keys it retires to end ROTATION_OVERLAP (or
 * --overlap) after its preparation (keys next-keyset). When the signing ceremony ate that up, the
 * key signing now would close within MIN_IMPORT_OVERLAP, while replicas that have not adopted the
 * new set still sign with it: refuse, so the operator prepares it again with a longer --overlap.
 */
function assertOverlapOpen(current: readonly KeysetEntry[], next: readonly KeysetEntry[], now: number): void {
  const byKid = new Map(next.map((e) => [e.kid, e]))
  for (const signer of activeSigners(current, now)) {
    const retired = byKid.get(signer.kid)
    if (!retired || retired.exp >= signer.exp || retired.exp >= now + MIN_IMPORT_OVERLAP) continue
    throw invalid(
      `key ${signer.kid}, which signs now, is retired with a window ending ${Math.max(0, retired.exp - now)} s from now (less than ${MIN_IMPORT_OVERLAP} s): the key set was prepared too long before its import; re-run tessera keys next-keyset (--overlap SECONDS to cover the signing ceremony), sign and import it again`,
    )
  }
}

/** The key each purpose is signed with at `now`: the window covering now that ends last (Keyring). */
function activeSigners(keys: readonly KeysetEntry[], now: number): KeysetEntry[] {
  const signers = new Set<KeysetEntry>()
  for (const purpose of ALL_PURPOSES) {
    let best: KeysetEntry | undefined
    for (const e of keys) {
      if (!e.use.includes(purpose) || now < e.nbf || now > e.exp) continue
      if (!best || e.exp > best.exp || (e.exp === best.exp && e.nbf > best.nbf)) best = e
    }
    if (best) signers.add(best)
  }
  return [...signers]
}

function verify(ctx: ServerContext, chain: string[], token: string): VerifiedKeyset {
  try {
    return verifyKeyset(
      chain,
      token,
      { roots: [ctx.keyring.rootJwk], keysetVersion: 0, rootVersion: 0 },
      nodeCrypto,
    )
  } catch (err) {
    throw invalid(
      `the key set does not verify against the pinned root (${isTesseraError(err) ? err.code : 'invalid'})`,
    )
  }
}

/**
 * Opens each given source once to prove it holds the private half of the listed public key (a
 * wrong file would sign tokens no client accepts). Returns kid → source of the keys it adds.
 */
async function checkSources(
  ctx: ServerContext,
  entries: readonly KeysetEntry[],
  configured: ReadonlyMap<string, OnlineKeyConfig>,
  sources: readonly { kid: string; source: string }[],
): Promise<Map<string, string>> {
  const byKid = new Map(entries.map((e) => [e.kid, e]))
  const added = new Map<string, string>()
  for (const { kid, source } of sources) {
    const entry = byKid.get(kid)
    if (!entry) throw invalid(`a source is given for ${kid}, which the key set does not list`)
    added.set(kid, await openedPublicKeyMatches(ctx, entry, source))
  }
  const unknown = entries.find((e) => !configured.has(e.kid) && !added.has(e.kid))
  if (unknown) throw invalid(`key ${unknown.kid} is neither configured on this server nor given a source`)
  return added
}

async function openedPublicKeyMatches(
  ctx: ServerContext,
  entry: KeysetEntry,
  source: string,
): Promise<string> {
  let signer: Awaited<ReturnType<typeof openKeySource>>
  try {
    signer = await openKeySource(source, entry.kid, ctx.dataDir)
  } catch (err) {
    throw invalid(
      `the source of ${entry.kid} cannot be opened (${isSignerError(err) ? err.code : 'unsupported'})`,
    )
  }
  try {
    const expected = publicKeyBytes({ kty: 'OKP', crv: 'Ed25519', x: entry.x })
    if (Buffer.compare(Buffer.from(signer.publicKey), Buffer.from(expected)) !== 0) {
      throw invalid(`the source given for ${entry.kid} holds another key`)
    }
    return source
  } finally {
    await signer.close()
  }
}
