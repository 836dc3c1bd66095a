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
  /** The reload in progress, so concurrent refreshes share one. */
  private reloading: Promise<void> | undefined

  private constructor(
    readonly issuer: string,
    readonly rootJwk: OkpPublicJwk,
    private published: PublishedKeys,
    private verified: VerifiedKeyset,
    private readonly signers: Map<string, Signer>,
    private readonly source: { storage: Storage; dataDir: string },
  ) {}

  /**
   * Reads the configuration and the latest key set and opens a signer for every configured key
   * the key set lists. Signers in `reuse` (by kid) are kept instead of being opened again.
   */
  static async load(
    storage: Storage,
    dataDir: string,
    rootJwk: OkpPublicJwk,
    chain: string[] = [],
    reuse: ReadonlyMap<string, Signer> = new Map(),
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
    try {
      for (const key of config.keys) {
        if (!verified.keys.has(key.kid)) continue
        signers.set(key.kid, reuse.get(key.kid) ?? (await openKeySource(key.source, key.kid, dataDir)))
      }
    } catch (err) {
      await closeAll([...signers].filter(([kid]) => !reuse.has(kid)).map(([, s]) => s))
      throw err
    }
    return new Keyring(
      config.issuer,
      rootJwk,
      { chain, keyset: latest.token, version: latest.version },
      verified,
      signers,
      { storage, dataDir },
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
    // No usable key: another replica may have rotated (retiring ours), so adopt the newest key set once.
    const signer =
      this.signerFor(kind, claims.iat) ?? ((await this.refresh()) && this.signerFor(kind, claims.iat))
    if (!signer)
      throw new HttpProblem('SIGNER_UNAVAILABLE', `no online key may sign ${kind} now`, { retryAfter: 30 })
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

  /**
   * Adopts a newer key set published by another replica or an operator (rotation, import).
   * Signers of keys still listed are kept, so signatures in flight are not cut off; those of keys
   * no longer listed are closed. Resolves true when a newer key set was adopted.
   */
  async refresh(
    storage: Storage = this.source.storage,
    dataDir: string = this.source.dataDir,
  ): Promise<boolean> {
    const latest = await storage.latestKeyset()
    if (!latest || latest.version <= this.published.version) return false
    this.reloading ??= this.reload(storage, dataDir).finally(() => {
      this.reloading = undefined
    })
    await this.reloading
    return true
  }

  private async reload(storage: Storage, dataDir: string): Promise<void> {
    const next = await Keyring.load(storage, dataDir, this.rootJwk, this.published.chain, this.signers)
    if (next.published.version <= this.published.version) {
      await closeAll([...next.signers].filter(([kid, s]) => this.signers.get(kid) !== s).map(([, s]) => s))
      return
    }
    const dropped = [...this.signers].filter(([kid, s]) => next.signers.get(kid) !== s).map(([, s]) => s)
    Object.assign(this, { published: next.published, verified: next.verified })
    this.signers.clear()
    for (const [kid, s] of next.signers) this.signers.set(kid, s)
    await closeAll(dropped)
  }

  async close(): Promise<void> {
    await closeAll([...this.signers.values()])
  }

  private signerFor(kind: TokenKind, iat: number): Signer | undefined {
    const purpose = REQUIRED_PURPOSE[kind]
    let best: { signer: Signer; nbf: number; exp: number } | undefined
    for (const { entry } of this.verified.keys.values()) {
      const signer = this.signers.get(entry.kid)
      if (!signer || !purpose || !entry.use.includes(purpose) || iat < entry.nbf || iat > entry.exp) continue
      // The key whose window ends last: a rotation cuts the windows of the keys it retires down to
      // ROTATION_OVERLAP, so that is the current key even when a retired one is newer by nbf (an
      // offline-prepared key set backdates its new key for clock skew). On a tie, the newest.
      if (!best || entry.exp > best.exp || (entry.exp === best.exp && entry.nbf > best.nbf))
        best = { signer, nbf: entry.nbf, exp: entry.exp }
    }
    return best?.signer
  }
}

async function closeAll(signers: Signer[]): Promise<void> {
  await Promise.all(signers.map((s) => s.close().catch(() => undefined)))
}
