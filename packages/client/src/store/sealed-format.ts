import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** "TSRS": Tessera sealed store file. */
const MAGIC = Buffer.from('TSRS', 'ascii')
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = MAGIC.length + 1 + IV_BYTES

/** Format version written now. */
export const FORMAT_VERSION = 1

/** Why a file could not be opened; `io` when it could not even be read (permissions, a directory). */
export type CorruptReason = 'io' | 'header' | 'version' | 'auth' | 'json' | 'shape'

export class SealedFileError extends Error {
  constructor(readonly reason: CorruptReason) {
    super(`sealed file unreadable (${reason})`)
    this.name = 'SealedFileError'
  }
}

/**
 * The associated data of one file: the format version, the product and the file name. A file
 * moved to another name or product, or relabelled with another version, fails authentication.
 */
function aad(version: number, product: string, name: string): Buffer {
  return Buffer.from(`tessera-store:v${version}:${product}:${name}`, 'utf8')
}

/**
 * Layout: "TSRS" | version (1 byte) | IV (12 bytes, random per write) | AES-256-GCM ciphertext | tag (16).
 */
export function seal(
  key: Uint8Array,
  product: string,
  name: string,
  plaintext: Uint8Array,
  version = FORMAT_VERSION,
): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad(version, product, name))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([MAGIC, Buffer.from([version]), iv, body, cipher.getAuthTag()])
}

/** Authenticates and decrypts a sealed file; any damage throws SealedFileError, never returns junk. */
export function unseal(
  key: Uint8Array,
  product: string,
  name: string,
  bytes: Uint8Array,
): { version: number; plaintext: Buffer } {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (data.length < HEADER_BYTES + TAG_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SealedFileError('header')
  }
  const version = data[MAGIC.length]!
  if (version > FORMAT_VERSION) throw new SealedFileError('version')
  const iv = data.subarray(MAGIC.length + 1, HEADER_BYTES)
  const tag = data.subarray(data.length - TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(aad(version, product, name))
    decipher.setAuthTag(tag)
    const body = data.subarray(HEADER_BYTES, data.length - TAG_BYTES)
    return { version, plaintext: Buffer.concat([decipher.update(body), decipher.final()]) }
  } catch {
    throw new SealedFileError('auth')
  }
}
