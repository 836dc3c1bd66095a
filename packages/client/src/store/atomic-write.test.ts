import { describe, expect, it } from 'vitest'
import { RENAME_PAUSE_MS, RENAME_RETRIES, renameRetryPause, renameWithRetrySync } from './atomic-write.js'

const failing = (code: string, times: number) => {
  const calls: number[] = []
  const rename = () => {
    calls.push(Date.now())
    if (calls.length <= times) throw Object.assign(new Error(code), { code })
  }
  return { calls, rename }
}

describe('the synchronous atomic write retries a rename Windows refuses for a moment', () => {
  for (const code of ['EPERM', 'EBUSY', 'EACCES']) {
    it(`${code} on win32: retried after a blocking pause, then succeeds`, () => {
      const { calls, rename } = failing(code, 2)
      const start = Date.now()
      renameWithRetrySync('a', 'b', rename, 'win32')
      expect(calls).toHaveLength(3)
      expect(Date.now() - start).toBeGreaterThanOrEqual(RENAME_PAUSE_MS * 3 - 2) // 10 + 20 ms
    })
  }

  it('gives up after the same bounded number of retries as the async writer', () => {
    const { calls, rename } = failing('EBUSY', 100)
    expect(() => renameWithRetrySync('a', 'b', rename, 'win32')).toThrow('EBUSY')
    expect(calls).toHaveLength(RENAME_RETRIES + 1)
  })

  it('does not retry elsewhere, nor other errors', () => {
    const posix = failing('EBUSY', 1)
    expect(() => renameWithRetrySync('a', 'b', posix.rename, 'linux')).toThrow('EBUSY')
    expect(posix.calls).toHaveLength(1)
    const other = failing('ENOSPC', 1)
    expect(() => renameWithRetrySync('a', 'b', other.rename, 'win32')).toThrow('ENOSPC')
    expect(other.calls).toHaveLength(1)
    expect(renameRetryPause(Object.assign(new Error(), { code: 'EPERM' }), 0, 'win32')).toBe(RENAME_PAUSE_MS)
  })
})
