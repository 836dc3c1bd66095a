import { randomBytes } from 'node:crypto'

const POOL_BYTES = 4096

/**
 * Cryptographically secure random bytes drawn from a pool filled 4 KiB at a time: one system call
 * per pool instead of one per id (ids take 9 bytes, several per request). Every call gets bytes
 * no other call has seen; a spent pool is dropped, never refilled in place, so handed-out views
 * stay unique.
 */
export function pooledRandom(): (size: number) => Uint8Array {
  let pool = randomBytes(POOL_BYTES)
  let offset = 0
  return (size) => {
    if (size > POOL_BYTES / 4) return randomBytes(size)
    if (offset + size > pool.length) {
      pool = randomBytes(POOL_BYTES)
      offset = 0
    }
    const out = pool.subarray(offset, offset + size)
    offset += size
    return out
  }
}
