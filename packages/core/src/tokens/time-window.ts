import { TesseraError } from '../errors.js'

/** Seconds of clock skew tolerated between client and server. */
export const DEFAULT_CLOCK_TOLERANCE = 120

/** Throws NOT_YET_VALID / EXPIRED when `now` is outside [notBefore - tolerance, notAfter + tolerance). */
export function assertWithin(now: number, notBefore: number, notAfter: number, tolerance: number): void {
  if (now + tolerance < notBefore) throw new TesseraError('NOT_YET_VALID', 'not valid yet')
  if (now - tolerance >= notAfter) throw new TesseraError('EXPIRED', 'expired')
}
