import { mkdir, rename, writeFile } from 'node:fs/promises'
import { ed25519Jwk, jwkThumbprint, type OkpPublicJwk } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { assertNoPinValue, generateFileKey, openFileSigner, openPkcs11Signer } from '../signer/index.js'
import type { Storage } from '../storage/index.js'
import { dataFiles } from './data-dir.js'
import { saveKeyringConfig } from './keyring-config.js'
import { KEY_LIFETIME, keysetClaims, keysetEntry, signKeyset } from './keyset-document.js'

export interface ProvisionOptions {
  dataDir: string
  storage: Storage
  /** Issuer name written in every token (`iss`). */
  issuer: string
  /** Encrypts the key files when given; without it they are plain PKCS#8 (the caller warns). */
  passphrase?: string
  /** Epoch seconds. */
  now: number
  /**
   * An existing HSM key (see probeHsmKey) to sign with instead of a new key file. The root key is
   * still a file.
   */
  onlineKey?: HsmKey
}

export interface Provisioned {
  rootJwk: OkpPublicJwk
  rootKeyFile: string
  onlineKid: string
  encrypted: boolean
}

/**
 * First-run key ceremony: a root key (kept in the data directory; move it offline and import
 * future key sets to run an offline root), one online Ed25519 key for every purpose, and key set
 * version 1 signed by the root. Writes root.pub.jwk, the public key apps pin.
 */
export async function provisionKeys(options: ProvisionOptions): Promise<Provisioned> {
  const files = dataFiles(options.dataDir)
  await mkdir(files.keysDir, { recursive: true, mode: 0o700 })
  const passphrase = options.passphrase ? { passphrase: options.passphrase } : {}
  const root = await generateFileKey(files.rootPrivateKey, passphrase)
  const rootJwk = ed25519Jwk(root.publicKey)
  const rootKid = jwkThumbprint(rootJwk, nodeCrypto)
  const online: { kid: string; publicKey: Uint8Array; source?: string } =
    options.onlineKey ?? (await newOnlineKey(options.dataDir, options.passphrase))
  const entry = keysetEntry(
    online.kid,
    online.publicKey,
    ['lease', 'status', 'time'],
    options.now - 300,
    options.now + KEY_LIFETIME,
  )
  const rootSigner = await openFileSigner(files.rootPrivateKey, { kid: rootKid, ...passphrase })
  try {
    const token = await signKeyset(rootSigner, keysetClaims(options.issuer, 1, options.now, [entry]))
    await options.storage.putKeyset({ version: 1, token, createdAt: options.now })
  } finally {
    await rootSigner.close()
  }
  await saveKeyringConfig(options.storage, {
    issuer: options.issuer,
    root: 'file:keys/root.pem',
    keys: [{ kid: online.kid, use: entry.use, source: online.source ?? `file:keys/${online.kid}.pem` }],
  })
  await writeFile(files.rootPublicKey, `${JSON.stringify(rootJwk, null, 2)}\n`, { mode: 0o644 })
  return { rootJwk, rootKeyFile: files.rootPublicKey, onlineKid: online.kid, encrypted: root.encrypted }
}

/** An online key kept in an HSM: its kid, public key and `pkcs11:` URI (the key source). */
export interface HsmKey {
  kid: string
  publicKey: Uint8Array
  source: string
}

/**
 * Opens the Ed25519 key named by a `pkcs11:` URI once (PIN from the URI's pin-source or
 * TESSERA_PKCS11_PIN) and returns its kid and public key. The URI is stored in the database as the
 * key source, so it must not carry a pin-value.
 */
export async function probeHsmKey(uri: string): Promise<HsmKey> {
  assertNoPinValue(uri, 'the stored key URI')
  const probe = await openPkcs11Signer(uri, { kid: 'probe' })
  try {
    const kid = jwkThumbprint(ed25519Jwk(probe.publicKey), nodeCrypto).slice(0, 8)
    return { kid, publicKey: probe.publicKey, source: uri }
  } finally {
    await probe.close()
  }
}

/** A new online key file named after its kid (a prefix of its RFC 7638 thumbprint). */
export async function newOnlineKey(dataDir: string, passphrase?: string) {
  const files = dataFiles(dataDir)
  const tmp = `${files.keysDir}/.new-${process.pid}-${Date.now()}.pem`
  const key = await generateFileKey(tmp, passphrase ? { passphrase } : {})
  // 48 bits of the thumbprint: kids only need to be unique within one key set, and every lease carries one.
  const kid = jwkThumbprint(ed25519Jwk(key.publicKey), nodeCrypto).slice(0, 8)
  await rename(tmp, files.onlineKey(kid))
  return { kid, publicKey: key.publicKey }
}
