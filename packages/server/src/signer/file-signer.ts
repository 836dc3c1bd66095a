import {
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { writeFileExclusive } from './atomic-write.js'
import { isEnvelope, openPrivateKey, sealPrivateKey } from './key-envelope.js'
import { type Signer, SignerError } from './signer.js'

/** Key files are small; anything larger is not ours and is not parsed. Bytes. */
const MAX_KEY_FILE_BYTES = 64 * 1024
const KEY_FILE_MODE = 0o600
const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/

export interface GenerateFileKeyOptions {
  /**
   * Encrypts the key under this passphrase (AES-256-GCM, key from scrypt N=2^15 r=8 p=1; see
   * key-envelope.ts). Absent: an unencrypted PKCS#8 file.
   */
  passphrase?: string
}

export interface GeneratedFileKey {
  path: string
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array
  /** False when no passphrase was given: the caller should warn that the key is stored in clear. */
  encrypted: boolean
}

export interface OpenFileSignerOptions {
  /** Key id assigned by the key manager. */
  kid: string
  /** Required when the file is encrypted; ignored otherwise. See resolvePassphrase(). */
  passphrase?: string
}

/** A Signer over a PKCS#8 file; `encrypted` tells whether the file on disk was encrypted. */
export interface FileSigner extends Signer {
  readonly encrypted: boolean
}

/**
 * Generates an Ed25519 key and writes it as PKCS#8 PEM, or as a Tessera encrypted envelope of the
 * PKCS#8 DER when a passphrase is given, with mode 0600, atomically, refusing to overwrite an
 * existing file (SIGNER_FILE_EXISTS).
 */
export async function generateFileKey(
  path: string,
  options: GenerateFileKeyOptions = {},
): Promise<GeneratedFileKey> {
  const { passphrase } = options
  if (passphrase === '') throw new SignerError('SIGNER_PASSPHRASE_REQUIRED', 'passphrase must not be empty')
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const pem =
    passphrase === undefined
      ? privateKey.export({ type: 'pkcs8', format: 'pem' })
      : await sealPrivateKey(privateKey.export({ type: 'pkcs8', format: 'der' }), passphrase)
  await writeFileExclusive(path, pem, KEY_FILE_MODE)
  return { path, publicKey: rawPublicKey(publicKey), encrypted: passphrase !== undefined }
}

/**
 * Opens an Ed25519 key file (PKCS#8 PEM or a Tessera encrypted envelope) as a Signer. The
 * KeyObject stays inside the closure.
 */
export async function openFileSigner(path: string, options: OpenFileSignerOptions): Promise<FileSigner> {
  const text = await readKeyFile(path)
  const { privateKey, encrypted } = isEnvelope(text)
    ? { privateKey: await openEnvelope(text, options.passphrase), encrypted: true }
    : { privateKey: parsePrivateKey(text), encrypted: false }
  const publicKey = rawPublicKey(privateKey)
  let key: KeyObject | undefined = privateKey
  return Object.freeze({
    kid: options.kid,
    alg: 'EdDSA' as const,
    publicKey,
    encrypted,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      if (!key) throw new SignerError('SIGNER_CLOSED', 'signer is closed')
      return new Uint8Array(cryptoSign(null, data, key))
    },
    async close(): Promise<void> {
      key = undefined
    },
  })
}

async function readKeyFile(path: string): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'SIGNER_KEY_NOT_FOUND' : 'SIGNER_IO_ERROR'
    throw new SignerError(code, `cannot read key file ${path}`, { cause: err })
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new SignerError('SIGNER_FILE_INVALID', 'key file is too large')
  return bytes.toString('utf8')
}

async function openEnvelope(text: string, passphrase: string | undefined): Promise<KeyObject> {
  if (passphrase === undefined || passphrase === '') {
    throw new SignerError('SIGNER_PASSPHRASE_REQUIRED', 'key file is encrypted and no passphrase was given')
  }
  const der = await openPrivateKey(text, passphrase)
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch (err) {
    throw new SignerError('SIGNER_FILE_INVALID', 'the decrypted key cannot be decoded', { cause: err })
  } finally {
    der.fill(0)
  }
  return ed25519Only(privateKey)
}

function parsePrivateKey(text: string): KeyObject {
  const match = PEM_RE.exec(text)
  if (!match) throw new SignerError('SIGNER_FILE_INVALID', 'key file is not a PEM document')
  const label = match[1]!
  if (label === 'ENCRYPTED PRIVATE KEY') {
    // PKCS#8 PBES2 as Node writes it derives its key with 2048 PBKDF2 iterations: too cheap to guess.
    throw new SignerError(
      'SIGNER_UNSUPPORTED_KEY',
      'PBES2-encrypted PKCS#8 is not read (its key derivation is too weak); generate a new key with a passphrase set',
    )
  }
  if (label !== 'PRIVATE KEY') {
    const code = label.endsWith('PRIVATE KEY') ? 'SIGNER_UNSUPPORTED_KEY' : 'SIGNER_FILE_INVALID'
    throw new SignerError(code, `expected a PKCS#8 Ed25519 private key, found PEM "${label}"`)
  }
  const der = Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64')
  if (!hasPkcs8Shape(der)) {
    throw new SignerError('SIGNER_FILE_INVALID', 'key file holds no valid PKCS#8 structure')
  }
  let privateKey: KeyObject
  try {
    privateKey = createPrivateKey({ key: match[0] })
  } catch (err) {
    throw new SignerError('SIGNER_FILE_INVALID', 'key file cannot be decoded', { cause: err })
  }
  return ed25519Only(privateKey)
}

function ed25519Only(privateKey: KeyObject): KeyObject {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SignerError(
      'SIGNER_UNSUPPORTED_KEY',
      `expected an Ed25519 key, found ${privateKey.asymmetricKeyType}`,
    )
  }
  return privateKey
}

/** Shape check before decoding: the DER is exactly one SEQUENCE. */
function hasPkcs8Shape(der: Buffer): boolean {
  const outer = readTlv(der, 0)
  return outer?.tag === 0x30 && outer.end === der.length
}

/** One DER tag-length-value at `offset`: tag, start and end of its content; undefined if malformed. */
function readTlv(der: Buffer, offset: number): { tag: number; start: number; end: number } | undefined {
  const tag = der[offset]
  const first = der[offset + 1]
  if (tag === undefined || first === undefined) return undefined
  let start = offset + 2
  let len = first
  if (first >= 0x80) {
    const n = first & 0x7f
    if (n < 1 || n > 3 || start + n > der.length) return undefined
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!
    start += n
  }
  const end = start + len
  return end <= der.length ? { tag, start, end } : undefined
}

/** Raw public key bytes; derived via createPublicKey so private bytes are never exported to JS. */
function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' })
  if (typeof jwk.x !== 'string')
    throw new SignerError('SIGNER_UNSUPPORTED_KEY', 'key has no Ed25519 public part')
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'))
}
