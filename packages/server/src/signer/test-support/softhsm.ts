import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pkcs11js from 'pkcs11js'
import { CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA } from '../pkcs11-module.js'

const MODULE_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
]

export interface SoftHsm {
  modulePath: string
  tokenLabel: string
  pin: string
  /** "SoftHSM x.y" as reported by C_GetInfo. */
  version: string
  /** A pkcs11: URI for this token with the given path attributes and query attributes. */
  uri(path: string, query?: string): string
  cleanup(): void
}

/**
 * A private SoftHSM2 token for one test file: its own config and token directory in a temp dir, so
 * tests never touch a developer's tokens. Throws (never skips) when SoftHSM2 or EdDSA is missing.
 */
export function setupSoftHsm(tokenLabel = 'tessera-test', pin = '1234'): SoftHsm {
  const modulePath = process.env.TESSERA_TEST_PKCS11_MODULE ?? MODULE_CANDIDATES.find((p) => existsSync(p))
  if (!modulePath || !existsSync(modulePath)) {
    throw new Error(
      `SoftHSM2 is required by the PKCS#11 signer tests but libsofthsm2.so was not found (looked in ${MODULE_CANDIDATES.join(', ')}). Install it (Debian/Ubuntu: apt-get install softhsm2) or set TESSERA_TEST_PKCS11_MODULE.`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'tessera-softhsm-'))
  mkdirSync(join(dir, 'tokens'))
  const conf = join(dir, 'softhsm2.conf')
  writeFileSync(
    conf,
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  )
  // SoftHSM reads SOFTHSM2_CONF in C_Initialize: it must be set before any module is loaded.
  process.env.SOFTHSM2_CONF = conf
  try {
    execFileSync(
      'softhsm2-util',
      ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', '5678'],
      { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'pipe' },
    )
  } catch (err) {
    throw new Error(`softhsm2-util --init-token failed (is the softhsm2 package installed?): ${String(err)}`)
  }
  const version = checkEdDsa(modulePath)
  return {
    modulePath,
    tokenLabel,
    pin,
    version,
    uri: (path, query) =>
      `pkcs11:token=${encodeURIComponent(tokenLabel)};${path}?module-path=${modulePath}${query ? `&${query}` : ''}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Fails loudly unless the token offers Ed25519 key generation and signing; returns the library version. */
function checkEdDsa(modulePath: string): string {
  const lib = new pkcs11js.PKCS11()
  lib.load(modulePath)
  lib.C_Initialize()
  try {
    const info = lib.C_GetInfo()
    const version = `${info.libraryDescription.trim()} ${info.libraryVersion.major}.${info.libraryVersion.minor}`
    const slot = lib
      .C_GetSlotList(true)
      .find((s) => lib.C_GetTokenInfo(s).flags & pkcs11js.CKF_TOKEN_INITIALIZED)
    if (!slot) throw new Error('SoftHSM2 token initialization did not produce an initialized token')
    const mechanisms = lib.C_GetMechanismList(slot)
    if (!mechanisms.includes(CKM_EDDSA) || !mechanisms.includes(CKM_EC_EDWARDS_KEY_PAIR_GEN)) {
      throw new Error(
        `${version} lacks CKM_EDDSA/CKM_EC_EDWARDS_KEY_PAIR_GEN: SoftHSM2 >= 2.5 built with EdDSA is required`,
      )
    }
    return version
  } finally {
    lib.C_Finalize()
    lib.close()
  }
}
