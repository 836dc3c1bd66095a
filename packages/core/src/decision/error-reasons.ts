import { isTesseraError } from '../errors.js'
import type { ReasonCode } from './types.js'

const KEYSET_CODES: readonly ReasonCode[] = ['KEYSET_ROLLBACK', 'ROOT_UNKNOWN', 'ROOT_ROTATION_INVALID']
const LEASE_CODES: readonly ReasonCode[] = [
  'KEY_UNKNOWN',
  'KEY_WRONG_PURPOSE',
  'KEY_OUTSIDE_WINDOW',
  'BUNDLE_INVALID',
]

/** The reason code a bundle verification error maps to, and the chain step it belongs to. */
export function reasonForBundleError(err: unknown, keysetStage: boolean): ReasonCode {
  const code = isTesseraError(err) ? (err.code as string) : ''
  if (keysetStage) return KEYSET_CODES.includes(code as ReasonCode) ? (code as ReasonCode) : 'KEYSET_INVALID'
  return LEASE_CODES.includes(code as ReasonCode) ? (code as ReasonCode) : 'LEASE_INVALID'
}
