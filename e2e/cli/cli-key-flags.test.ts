import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tessera } from '../lib/run-cli.js'

/** A URI whose PIN would leak through the process list, shell history or a stored key source. */
const PIN = '97531864'
const URI = `pkcs11:token=prod;object=lease-2?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=${PIN}`

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-cli-pin-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('every flag that takes a pkcs11: URI refuses a pin-value', () => {
  const cases: [string, string[]][] = [
    ['--pkcs11', ['init', '--data', 'init-data', '--pkcs11', URI]],
    ['--add-pkcs11', ['keys', 'next-keyset', '--add-pkcs11', URI, '--out', 'next.json']],
    ['--uri', ['keys', 'pkcs11-generate', '--uri', URI]],
    ['--source', ['keys', 'import', 'next.keyset', '--source', `AbCd1234=${URI}`, '--token', 't']],
  ]
  it.each(cases)('%s', async (flag, args) => {
    const refused = await tessera(args, { cwd: dir })
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.stderr).toMatch(new RegExp(`^USAGE: ${flag} must not carry pin-value`))
    expect(refused.stdout + refused.stderr).not.toContain(PIN)
    expect(existsSync(join(dir, 'init-data'))).toBe(false)
  })
})

describe('keys next-keyset --overlap', () => {
  it.each(['10', '299', 'abc', '1.5', '99999999999'])('refuses %s with a usage error', async (overlap) => {
    const refused = await tessera(
      ['keys', 'next-keyset', '--add-key', 'none.pem', '--out', 'next.json', '--overlap', overlap],
      { cwd: dir },
    )
    expect(refused.code, refused.stderr).toBe(2)
    expect(refused.stderr).toMatch(/^USAGE: --overlap must be whole seconds from 300 to \d+/)
  })
})
