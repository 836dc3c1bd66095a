import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tessera } from '../lib/run-cli.js'
import { ServedProcess } from './processes.js'
import { tempDir } from './support.js'

const LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
/** The real CLI under libfaketime: the whole process (Date.now, fs times) sees the shifted clock. */
const faked = (offset: string) => ({
  LD_PRELOAD: LIB,
  FAKETIME: offset,
  FAKETIME_DONT_FAKE_MONOTONIC: '1',
  FAKETIME_NO_CACHE: '1',
})

let s: ServedProcess
let dir: string
beforeAll(async () => {
  if (!existsSync(LIB)) return
  dir = await tempDir('clock')
  s = await ServedProcess.create(dir)
})
afterAll(async () => {
  await s?.kill('SIGTERM')
  if (dir) await rm(dir, { recursive: true, force: true })
})

const status = async (env: NodeJS.ProcessEnv = {}) => {
  const r = await tessera(['status', '--json', '--store', 'dev'], { cwd: dir, env })
  return {
    code: r.code,
    ...(JSON.parse(r.stdout) as { state: string; features: string[]; reasons: string[]; time: number }),
  }
}

describe('real clock tampering (libfaketime on the tessera CLI)', () => {
  it('has libfaketime installed (Debian faketime; .ci/run installs it)', () => {
    expect(existsSync(LIB), LIB).toBe(true)
  })

  it('set back: CLOCK_ROLLBACK and no access gained; set forward past window + grace: limited', async () => {
    const activated = await tessera(
      [
        'activate',
        s.init.licenseKey,
        '--server',
        s.url,
        '--product',
        'demo',
        '--root-key',
        s.init.rootKeyFile,
        '--store',
        'dev',
      ],
      { cwd: dir },
    )
    expect(activated.code, activated.stderr).toBe(0)
    const before = await status()
    expect(before.state).toBe('active')
    expect([...before.features].sort()).toEqual(['edit', 'export', 'sync', 'view'])

    const back = await status(faked('-10d'))
    expect(back.reasons).toContain('CLOCK_ROLLBACK')
    expect(back.state).toBe(before.state) // decided at the last trusted time, not the faked one
    expect(back.time).toBeGreaterThanOrEqual(before.time - 1) // whole seconds
    for (const f of back.features) expect(before.features).toContain(f) // nothing better than before

    // Forward into grace (day 8), then back to the real time: the rollback must not restore "active".
    const grace = await status(faked('+8d'))
    expect(grace.state).toBe('offline_grace')
    const rolledBack = await status()
    expect(rolledBack.reasons).toContain('CLOCK_ROLLBACK')
    expect(rolledBack.state).toBe('offline_grace')

    const forward = await status(faked('+10d'))
    expect(forward.state).toBe('limited') // 7 d window + 3 d grace passed; demo fallback: limited
    expect(forward.features).toEqual(['view'])
    const forward2 = await status(faked('+30d'))
    expect(forward2.state).toBe('limited')
    expect(forward2.features).toEqual(['view'])
  })
})
