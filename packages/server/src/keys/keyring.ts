import type { OkpPublicJwk } from '@tessera/core'
import {
  ed25519Jwk,
  type KeysetClaims,
  REQUIRED_PURPOSE,
  signJws,
  type TokenKind,
  type VerifiedKeyset,
  verifyKeyset,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { HttpProblem } from '../http/problem.js'
import type { Signer } from '../signer/index.js'
import type { Storage } from '../storage/index.js'
import { openKeySource } from './key-source.js'
import { loadKeyringConfig } from './keyring-config.js'

/** The published trust material: root rotation chain and the current root-signed key set. */
export interface PublishedKeys {
  chain: string[]
  keyset: string
  version: number
}

/**
 * The server's online signing keys and the key set that vouches for them. Loaded from the
 * database (config + latest key set) and the key sources; `sign` picks, for each token kind, the
 * newest key allowed to sign it whose window covers now.
 */
export class Keyring {
  private constructor(
    readonly issuer: string,
    readonly rootJwk: OkpPublicJwk,
    private published: PublishedKeys,
    private verified: VerifiedKeyset,
    private readonly signers: Map<string, Signer>,
  ) {}

  static async load(
    storage: Storage,
    dataDir: string,
    rootJwk: OkpPublicJwk,
    chain: string[] = [],
  ): Promise<Keyring> {
    const config = await loadKeyringConfig(storage)
    const latest = await storage.latestKeyset()
    if (!config || !latest) throw new Error('no keys provisioned: run `tessera init` first')
    const verified = verifyKeyset(
      chain,
      latest.token,
      { roots: [rootJwk], keysetVersion: 0, rootVersion: 0 },
      nodeCrypto,
    )
    const signers = new Map<string, Signer>()
    for (const key of config.keys) {
      if (verified.keys.has(key.kid)) signers.set(key.kid, await openKeySource(key.source, key.kid, dataDir))
    }
    return new Keyring(
      config.issuer,
      rootJwk,
      { chain, keyset: latest.token, version: latest.version },
      verified,
      signers,
    )
  }

  current(): PublishedKeys {
    return this.published
  }

  get keysetClaims(): KeysetClaims {
    return this.verified.claims
  }

  /** Signs claims as a token of `kind` with the newest suitable key. */
  async sign(kind: TokenKind, claims: { iat: number }): Promise<string> {
    const signer = this.signerFor(kind, claims.iat)
    return signJws(kind, signer.kid, claims, (data) => signer.sign(data))
  }

  /** The standard JWKS of the online keys, for any JOSE library. */
  jwks(): { keys: object[] } {
    const keys = [...this.verified.keys.values()].map(({ entry, publicKey }) => ({
      ...ed25519Jwk(publicKey),
      kid: entry.kid,
      use: 'sig',
      alg: 'EdDSA',
      key_ops: ['verify'],
    }))
    return { keys }
  }

  /** Adopts a newer key set published by another replica or an operator. */
  async refresh(storage: Storage, dataDir: string): Promise<boolean> {
    const latest = await storage.latestKeyset()
    if (!latest || latest.version <= this.published.version) return false
    const next = await Keyring.load(storage, dataDir, this.rootJwk, this.published.chain)
    const old = [...this.signers.values()]
    Object.assign(this, { published: next.published, verified: next.verified })
    this.signers.clear()
    for (const [kid, s] of next.signers) this.signers.set(kid, s)
    await Promise.all(old.map((s) => s.close().catch(() => undefined)))
    return true
  }

  async close(): Promise<void> {
    await Promise.all([...this.signers.values()].map((s) => s.close().catch(() => undefined)))
  }

  private signerFor(kind: TokenKind, iat: number): Signer {
    const purpose = REQUIRED_PURPOSE[kind]
    let best: { signer: Signer; nbf: number } | undefined
    for (const { entry } of this.verified.keys.values()) {
      const signer = this.signers.get(entry.kid)
      if (!signer || !purpose || !entry.use.includes(purpose) || iat < entry.nbf || iat > entry.exp) continue
      if (!best || entry.nbf > best.nbf) best = { signer, nbf: entry.nbf }
    }
    if (!best)
      throw new HttpProblem('SIGNER_UNAVAILABLE', `no online key may sign ${kind} now`, { retryAfter: 30 })
    return best.signer
  }
}
