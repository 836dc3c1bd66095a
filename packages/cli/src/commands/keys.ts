import { createPublicKey, type JsonWebKey } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { decodeJws, ed25519Jwk, jwkThumbprint, type KeysetClaims } from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import { adminRequest, readInputFile, requiredArg, requiredFlag, serverRequest } from '../admin-api.js'
import { CliError, usageError } from '../cli-error.js'
import type { Command, CommandInput } from '../command.js'
import { EXIT } from '../exit-codes.js'
import { printJson, withProgress } from '../output.js'
import { refusePinValue } from '../pkcs11-flag.js'
import { ADMIN_OPTIONS } from './admin-product.js'

export const keysRotateCommand: Command = {
  name: 'keys rotate',
  summary: 'a new online signing key joins the next key set (root kept online)',
  options: ADMIN_OPTIONS,
  example: 'tessera keys rotate',
  async run(input) {
    const result = await adminRequest<{ kid: string; version: number }>(
      input,
      'POST',
      '/v1/admin/keys/rotate',
      {},
    )
    if (input.values.json) printJson(input.io, result)
    else
      input.io.stdout(
        `New online key ${result.kid}; key set version ${result.version}. The previous key stops signing within 5 minutes; tokens it signed keep verifying.\n`,
      )
    return EXIT.OK
  },
}

export const keysNextCommand: Command = {
  name: 'keys next-keyset',
  summary:
    'write the unsigned claims of the next key set, adding a key (file or PKCS#11), for an offline root',
  options: {
    server: ADMIN_OPTIONS.server,
    out: { type: 'string', description: 'claims file to write (carry it to the root key)' },
    'add-pkcs11': {
      type: 'string',
      description: 'pkcs11: URI of an Ed25519 key in an HSM (PIN from TESSERA_PKCS11_PIN)',
    },
    'add-key': { type: 'string', description: 'PEM file of a new online key (public part is read)' },
    overlap: {
      type: 'string',
      description:
        'seconds the retired keys keep signing from now (default 300): longer than the signing ceremony until import',
    },
    json: { type: 'boolean', description: 'print { out, version, kid } as JSON' },
  },
  example:
    'tessera keys next-keyset --add-pkcs11 "pkcs11:token=prod;object=lease-2?module-path=/usr/lib/softhsm/libsofthsm2.so" --out next.json',
  async run(input) {
    const out = requiredFlag(input, 'out')
    if (typeof input.values['add-pkcs11'] === 'string')
      await refusePinValue(input.values['add-pkcs11'], '--add-pkcs11')
    const { keysetClaims, keysetEntry, rotatedEntries, KEY_LIFETIME, ROTATION_OVERLAP } = await import(
      '@tessera/server'
    )
    const overlap = overlapSeconds(input.values.overlap, ROTATION_OVERLAP, KEY_LIFETIME)
    const publicKey = await newPublicKey(input)
    const current = await currentKeyset(input)
    const now = Math.floor(Date.now() / 1000)
    const kid = jwkThumbprint(ed25519Jwk(publicKey), nodeCrypto).slice(0, 8)
    const entry = keysetEntry(kid, publicKey, ['lease', 'status', 'time'], now - 300, now + KEY_LIFETIME)
    const claims = keysetClaims(
      current.iss,
      current.ver + 1,
      now,
      rotatedEntries(current.keys, entry, now, overlap),
    )
    await writeFile(out, `${JSON.stringify(claims, null, 2)}\n`)
    if (input.values.json) printJson(input.io, { out, version: claims.ver, kid })
    else
      input.io.stdout(
        `Wrote ${out} (version ${claims.ver}, new kid ${kid}); sign it with tessera keys sign-keyset where the root key lives\n`,
      )
    return EXIT.OK
  },
}

/** --overlap: whole seconds from the server's minimum (the import refuses less) up to a key's lifetime. */
function overlapSeconds(flag: unknown, min: number, max: number): number {
  if (flag === undefined) return min
  const n = typeof flag === 'string' && /^\d{1,10}$/.test(flag) ? Number(flag) : Number.NaN
  if (!(n >= min && n <= max)) throw usageError(`--overlap must be whole seconds from ${min} to ${max}`)
  return n
}

/** The server's current key set claims (public: no token needed). */
async function currentKeyset(input: CommandInput): Promise<KeysetClaims> {
  const { keyset } = await serverRequest<{ keyset?: unknown }>(input, 'GET', '/v1/keyset')
  try {
    return decodeJws(String(keyset), 'keyset').payload as unknown as KeysetClaims
  } catch (cause) {
    throw new CliError('KEYSET_INVALID', 'the server answered something that is not a key set', EXIT.ERROR, {
      cause,
    })
  }
}

async function newPublicKey(input: CommandInput): Promise<Uint8Array> {
  const { values } = input
  if (typeof values['add-pkcs11'] === 'string') {
    const uri = values['add-pkcs11']
    const { openPkcs11Signer } = await import('@tessera/server')
    const signer = await withProgress(input.io, 'opening the HSM key', () =>
      openPkcs11Signer(uri, { kid: 'probe' }),
    )
    try {
      return signer.publicKey
    } finally {
      await signer.close()
    }
  }
  if (typeof values['add-key'] === 'string') {
    let jwk: JsonWebKey
    try {
      jwk = createPublicKey(await readInputFile(values['add-key'])).export({ format: 'jwk' })
    } catch (err) {
      if (err instanceof CliError) throw err
      throw usageError('--add-key must be a PEM file of an Ed25519 key')
    }
    if (jwk.crv !== 'Ed25519' || !jwk.x) throw usageError('--add-key must be an Ed25519 key')
    return Buffer.from(jwk.x, 'base64url')
  }
  throw usageError('--add-pkcs11 URI or --add-key FILE is required')
}

export const keysSignCommand: Command = {
  name: 'keys sign-keyset',
  summary: 'sign key set claims with the root key (on the machine where the root key is kept)',
  args: 'CLAIMS_FILE',
  options: {
    'root-key': {
      type: 'string',
      description: 'root private key (PEM; passphrase from TESSERA_KEY_PASSPHRASE(_FILE))',
    },
    out: { type: 'string', description: 'signed key set file to write' },
    json: { type: 'boolean', description: 'print { out, version } as JSON' },
  },
  example: 'tessera keys sign-keyset next.json --root-key /secure/root.pem --out next.keyset',
  async run(input) {
    const file = requiredArg(input, 0, 'CLAIMS_FILE')
    let claims: KeysetClaims
    try {
      claims = JSON.parse(await readInputFile(file)) as KeysetClaims
    } catch (err) {
      if (err instanceof CliError) throw err
      throw new CliError('FILE_INVALID', `${file} is not JSON key set claims`, EXIT.USAGE)
    }
    const { openFileSigner, resolvePassphrase, signKeyset } = await import('@tessera/server')
    const rootPem = requiredFlag(input, 'root-key')
    const passphrase = await resolvePassphrase({ env: input.io.env })
    const unlocked = await withProgress(input.io, 'unlocking the root key', () =>
      openFileSigner(rootPem, { kid: 'root', ...(passphrase ? { passphrase } : {}) }),
    )
    // A key set's signature names the root by its RFC 7638 thumbprint.
    const kid = jwkThumbprint(ed25519Jwk(unlocked.publicKey), nodeCrypto)
    const root = { ...unlocked, kid, sign: unlocked.sign, close: unlocked.close }
    const out = requiredFlag(input, 'out')
    try {
      await writeFile(out, `${await signKeyset(root, claims)}\n`)
    } finally {
      await root.close()
    }
    if (input.values.json) printJson(input.io, { out, version: claims.ver })
    else input.io.stdout(`Signed key set version ${claims.ver}; import it with tessera keys import\n`)
    return EXIT.OK
  },
}

export const keysImportCommand: Command = {
  name: 'keys import',
  summary: 'import a key set signed by the offline root; --source tells where a new key lives',
  args: 'KEYSET_FILE',
  options: {
    ...ADMIN_OPTIONS,
    source: {
      type: 'string',
      description: 'KID=file:keys/KID.pem or KID=pkcs11:… for a key the server does not know yet',
      multiple: true,
    },
  },
  example:
    'tessera keys import next.keyset --source "AbCd1234=pkcs11:token=prod;object=lease-2?module-path=…"',
  async run(input) {
    const sources: { kid: string; source: string }[] = []
    for (const pair of (input.values.source as string[] | undefined) ?? []) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw usageError('--source must be KID=URI')
      const source = pair.slice(eq + 1)
      // The source is stored in the database for every replica: a PIN must not travel with it.
      await refusePinValue(source, '--source')
      sources.push({ kid: pair.slice(0, eq), source })
    }
    const keyset = (await readInputFile(requiredArg(input, 0, 'KEYSET_FILE'))).trim()
    const result = await adminRequest(input, 'POST', '/v1/admin/keysets', {
      keyset,
      ...(sources.length ? { sources } : {}),
    })
    if (input.values.json) printJson(input.io, result)
    else input.io.stdout(`Imported key set version ${result.version}\n`)
    return EXIT.OK
  },
}
