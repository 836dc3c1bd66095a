import { isAbsolute } from 'node:path'
import { SignerError } from './signer.js'

/**
 * The parts of an RFC 7512 PKCS#11 URI that Tessera uses. Values are percent-decoded; attributes we do
 * not use (library-*, slot-description, vendor x-*, …) are ignored, as RFC 7512 allows.
 */
export interface Pkcs11Uri {
  /** Token label (CK_TOKEN_INFO.label without its blank padding). */
  token?: string
  manufacturer?: string
  serial?: string
  model?: string
  /** CK_SLOT_ID as a decimal number. */
  slotId?: number
  /** Object label (CKA_LABEL). */
  object?: string
  /** Object id (CKA_ID), raw bytes. */
  id?: Uint8Array
  /** Object type: private, public, cert, secret-key or data. */
  type?: string
  /** Absolute path of the PKCS#11 library. Required. */
  modulePath: string
  moduleName?: string
  /** The user PIN itself. Never logged; see redactPkcs11Uri(). */
  pinValue?: string
  /** Where to read the PIN: `file:/abs/path`, `file:///abs/path` or a plain path. */
  pinSource?: string
}

const PATH_ATTRS = new Set(['token', 'manufacturer', 'serial', 'model', 'slot-id', 'object', 'id', 'type'])
const QUERY_ATTRS = new Set(['module-path', 'module-name', 'pin-value', 'pin-source'])

/** Parses a `pkcs11:` URI. Errors (SIGNER_URI_INVALID) never repeat the URI, which may hold a PIN. */
export function parsePkcs11Uri(uri: string): Pkcs11Uri {
  if (!uri.toLowerCase().startsWith('pkcs11:')) invalid('URI must start with "pkcs11:"')
  const rest = uri.slice('pkcs11:'.length)
  const q = rest.indexOf('?')
  const path = q < 0 ? rest : rest.slice(0, q)
  const query = q < 0 ? '' : rest.slice(q + 1)
  const raw = new Map<string, Uint8Array>()
  collect(path, ';', PATH_ATTRS, raw)
  collect(query, '&', QUERY_ATTRS, raw)

  const text = (name: string): string | undefined => {
    const bytes = raw.get(name)
    if (bytes === undefined) return undefined
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return invalid(`attribute "${name}" is not valid UTF-8`)
    }
  }
  const modulePath = text('module-path')
  if (modulePath === undefined || modulePath === '') {
    invalid('missing "module-path" query attribute (absolute path of the PKCS#11 library)')
  }
  if (!isAbsolute(modulePath)) invalid('"module-path" must be an absolute path')

  const result: Pkcs11Uri = { modulePath }
  const assign = (key: Exclude<keyof Pkcs11Uri, 'id' | 'slotId' | 'modulePath'>, name: string) => {
    const value = text(name)
    if (value !== undefined) result[key] = value
  }
  assign('token', 'token')
  assign('manufacturer', 'manufacturer')
  assign('serial', 'serial')
  assign('model', 'model')
  assign('object', 'object')
  assign('type', 'type')
  assign('moduleName', 'module-name')
  assign('pinValue', 'pin-value')
  assign('pinSource', 'pin-source')
  const id = raw.get('id')
  if (id !== undefined) result.id = id
  const slot = text('slot-id')
  if (slot !== undefined) {
    if (!/^\d{1,15}$/.test(slot)) invalid('"slot-id" must be a decimal number')
    result.slotId = Number(slot)
  }
  return result
}

/**
 * Refuses a `pkcs11:` URI that carries a pin-value where the PIN would leak: given on a command line
 * (process list, shell history) or stored as a key source (database, every replica). `what` names
 * the flag or field for the message, which never repeats the URI. SIGNER_URI_INVALID.
 */
export function assertNoPinValue(uri: string, what: string): void {
  const q = uri.indexOf('?')
  if (q >= 0 && /(^|&)pin-value=/i.test(uri.slice(q + 1)))
    throw new SignerError(
      'SIGNER_URI_INVALID',
      `${what} must not carry pin-value; use pin-source or TESSERA_PKCS11_PIN`,
    )
}

/** The URI with any pin-value replaced, for logs and error reports. */
export function redactPkcs11Uri(uri: string): string {
  return uri.replace(/([?&]pin-value=)[^&]*/gi, '$1***')
}

function collect(part: string, separator: string, known: Set<string>, out: Map<string, Uint8Array>): void {
  for (const segment of part.split(separator)) {
    if (segment === '') continue
    const eq = segment.indexOf('=')
    if (eq <= 0) invalid('each attribute must be written name=value')
    const name = segment.slice(0, eq).toLowerCase()
    if (!known.has(name)) continue
    if (out.has(name)) invalid(`attribute "${name}" appears more than once`)
    out.set(name, percentDecode(segment.slice(eq + 1), name))
  }
}

function percentDecode(value: string, name: string): Uint8Array {
  const bytes: number[] = []
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!
    if (ch === '%') {
      const hex = value.slice(i + 1, i + 3)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) invalid(`attribute "${name}" has a bad percent-encoding`)
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else {
      const char = String.fromCodePoint(value.codePointAt(i)!) // keeps surrogate pairs whole
      bytes.push(...Buffer.from(char, 'utf8'))
      i += char.length - 1
    }
  }
  return new Uint8Array(bytes)
}

function invalid(message: string): never {
  throw new SignerError('SIGNER_URI_INVALID', `invalid PKCS#11 URI: ${message}`)
}
