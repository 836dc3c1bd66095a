import {
  acquireModule,
  type Handle,
  loginUser,
  logoutUser,
  type Pkcs11,
  pkcs11Failure,
  pkcs11js,
  releaseModule,
} from './pkcs11-module.js'
import { findSlot, requireMechanisms } from './pkcs11-objects.js'
import type { Pkcs11Uri } from './pkcs11-uri.js'

/** A logged-in session on the token selected by a PKCS#11 URI. */
export interface TokenSession {
  readonly lib: Pkcs11
  readonly slot: Handle
  readonly session: Handle
  /** Logs out (if last user of the token), closes the session and releases the module. Idempotent. */
  close(): void
}

export interface OpenTokenSessionOptions {
  pin: string
  /** Read-write session (needed to create objects). */
  readWrite: boolean
  /** Mechanisms the token must offer, checked before login. */
  mechanisms: readonly number[]
}

export function openTokenSession(uri: Pkcs11Uri, options: OpenTokenSessionOptions): TokenSession {
  const lib = acquireModule(uri.modulePath)
  let slot: Handle | undefined
  let session: Handle | undefined
  let loggedIn = false
  let closed = false
  /** Runs every step even if one fails, then rethrows the first failure. */
  const close = () => {
    if (closed) return
    closed = true
    const steps = [
      () => loggedIn && slot && session && logoutUser(uri.modulePath, slot, session),
      () => session && lib.C_CloseSession(session),
      () => releaseModule(uri.modulePath),
    ]
    let first: unknown
    for (const step of steps) {
      try {
        step()
      } catch (err) {
        first ??= pkcs11Failure(err, 'close')
      }
    }
    if (first !== undefined) throw first
  }
  try {
    slot = findSlot(lib, uri)
    requireMechanisms(lib, slot, options.mechanisms)
    const flags = pkcs11js.CKF_SERIAL_SESSION | (options.readWrite ? pkcs11js.CKF_RW_SESSION : 0)
    try {
      session = lib.C_OpenSession(slot, flags)
    } catch (err) {
      throw pkcs11Failure(err, 'C_OpenSession')
    }
    loginUser(uri.modulePath, slot, session, options.pin)
    loggedIn = true
    return { lib, slot, session, close }
  } catch (err) {
    try {
      close()
    } catch {
      // the open failure is the error worth reporting
    }
    throw err
  }
}
