import { isTesseraError } from '../errors.js'

/** The TesseraError code `f` throws, 'ok' when it returns, 'other' for anything else thrown. */
export function codeOf(f: () => unknown): string {
  try {
    f()
    return 'ok'
  } catch (err) {
    return isTesseraError(err) ? err.code : 'other'
  }
}
