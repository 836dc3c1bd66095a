import { createCipheriv, createDecipheriv, randomBytes, type ScryptOptions, scrypt } from 'node:crypto'
import { SignerError } from './signer.js'

/** PEM label of an encrypted key file. */
export const ENVELOPE_LABEL = 'TESSERA ENCRYPTED PRIVATE KEY'

/**
 * scrypt cost of new key files: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s per unlock), the
 * "interactive login" strength of RFC 7914 doubled. Node's own PEM encryption uses PBKDF2 with
 * 2048 iterations and cannot be tuned, and OpenSSL's PKCS#8 reader refuses scrypt above 32 MiB,
 * hence this envelope.
 */
export const ENVELOPE_SCRYPT = Object.freeze({ N: 2 ** 15, r: 8, p: 1 })

/** Largest scrypt memory a file may ask for (128·N·r bytes): a crafted file cannot exhaust memory. */
const MAX_SCRYPT_BYTES = 256 * 1024 * 1024

export interface EnvelopeParams {
  version: 1
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: Buffer }
  cipher: { name: 'aes-256-gcm'; iv: Buffer; tag: Buffer }
  ciphertext: Buffer
}

/**
 * Encrypts PKCS#8 DER bytes under a passphrase:
 *
 *     -----BEGIN TESSERA ENCRYPTED PRIVATE KEY-----
 *     Version: 1
 *     KDF: scrypt N=32768 r=8 p=1 salt=<base64, 16 bytes>
 *     Cipher: aes-256-gcm iv=<base64, 12 bytes> tag=<base64, 16 bytes>
 *
 *     <base64 of the AES-256-GCM ciphertext of the PKCS#8 DER>
 *     -----END TESSERA ENCRYPTED PRIVATE KEY-----
 *
 * The 32-byte key is scrypt(passphrase, salt, N, r, p). Every parameter is bound to the ciphertext:
 * changing the salt or a cost changes the key, changing the iv or the data fails the GCM tag.
 */
export async function sealPrivateKey(der: Uint8Array, passphrase: string): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const { N, r, p } = ENVELOPE_SCRYPT
  const key = await deriveKey(passphrase, salt, N, r, p)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()])
  const tag = cipher.getAuthTag()
  key.fill(0)
  const body = ciphertext.toString('base64').replace(/.{1,64}/g, '$&\n')
  return [
    `-----BEGIN ${ENVELOPE_LABEL}-----`,
    'Version: 1',
    `KDF: scrypt N=${N} r=${r} p=${p} salt=${salt.toString('base64')}`,
    `Cipher: aes-256-gcm iv=${iv.toString('base64')} tag=${tag.toString('base64')}`,
    '',
    `${body}-----END ${ENVELOPE_LABEL}-----`,
    '',
  ].join('\n')
}

/** Decrypts an envelope to PKCS#8 DER; a wrong passphrase (or an altered file) is SIGNER_BAD_PASSPHRASE. */
export async function openPrivateKey(text: string, passphrase: string): Promise<Buffer> {
  const env = parseEnvelope(text)
  const { N, r, p, salt } = env.kdf
  const key = await deriveKey(passphrase, salt, N, r, p)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, env.cipher.iv)
    decipher.setAuthTag(env.cipher.tag)
    return Buffer.concat([decipher.update(env.ciphertext), decipher.final()])
  } catch (cause) {
    throw new SignerError('SIGNER_BAD_PASSPHRASE', 'passphrase does not decrypt the key', { cause })
  }
}

export function isEnvelope(text: string): boolean {
  return text.trimStart().startsWith(`-----BEGIN ${ENVELOPE_LABEL}-----`)
}

/** Parses the envelope strictly; anything unexpected is SIGNER_FILE_INVALID. */
export function parseEnvelope(text: string): EnvelopeParams {
  const invalid = (why: string) => new SignerError('SIGNER_FILE_INVALID', `encrypted key file: ${why}`)
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n')
  if (lines[0] !== `-----BEGIN ${ENVELOPE_LABEL}-----` || lines.at(-1) !== `-----END ${ENVELOPE_LABEL}-----`)
    throw invalid('not a Tessera encrypted key')
  if (lines[1] !== 'Version: 1') throw invalid('unsupported version')
  const kdf = /^KDF: scrypt N=(\d+) r=(\d+) p=(\d+) salt=([A-Za-z0-9+/=]+)$/.exec(lines[2] ?? '')
  const cipher = /^Cipher: aes-256-gcm iv=([A-Za-z0-9+/=]+) tag=([A-Za-z0-9+/=]+)$/.exec(lines[3] ?? '')
  if (!kdf || !cipher || lines[4] !== '') throw invalid('malformed header')
  const [N, r, p] = [Number(kdf[1]), Number(kdf[2]), Number(kdf[3])]
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16)
    throw invalid('bad scrypt parameters')
  if (128 * N * r > MAX_SCRYPT_BYTES) throw invalid('scrypt parameters ask for too much memory')
  const salt = Buffer.from(kdf[4]!, 'base64')
  const iv = Buffer.from(cipher[1]!, 'base64')
  const tag = Buffer.from(cipher[2]!, 'base64')
  const data = lines.slice(5, -1).join('')
  if (salt.length < 16 || iv.length !== 12 || tag.length !== 16 || !/^[A-Za-z0-9+/=]+$/.test(data))
    throw invalid('malformed header or data')
  return {
    version: 1,
    kdf: { name: 'scrypt', N, r, p, salt },
    cipher: { name: 'aes-256-gcm', iv, tag },
    ciphertext: Buffer.from(data, 'base64'),
  }
}

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 + 1024 * 1024 }
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (err, key) =>
      err
        ? reject(new SignerError('SIGNER_FILE_INVALID', 'scrypt refused the parameters', { cause: err }))
        : resolve(key),
    ),
  )
}
