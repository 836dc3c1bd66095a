import { describe, expect, it } from 'vitest'
import { KEY_LIFETIME, keysetEntry } from './keyset-document.js'
import { ROTATION_OVERLAP, rotatedEntries } from './keyset-rotation.js'

const T = 1_700_000_000
const entry = (kid: string, nbf: number) =>
  keysetEntry(
    kid,
    new Uint8Array(32).fill(kid.charCodeAt(0)),
    ['lease', 'status', 'time'],
    nbf,
    nbf + KEY_LIFETIME,
  )

describe('rotatedEntries', () => {
  it('keeps a retired key signing for ROTATION_OVERLAP, even after two rotations within one second', () => {
    const a = entry('a', T - 86_400)
    const once = rotatedEntries([a], entry('b', T), T)
    expect(once.find((e) => e.kid === 'a')!.exp).toBe(T + ROTATION_OVERLAP)
    const twice = rotatedEntries(once, entry('c', T), T)
    const b = twice.find((e) => e.kid === 'b')!
    expect(b.exp - b.nbf).toBe(ROTATION_OVERLAP)
    expect(twice.find((e) => e.kid === 'c')!.exp).toBe(T + KEY_LIFETIME)
    expect(ROTATION_OVERLAP).toBeGreaterThanOrEqual(60) // a replica's default key set refresh interval
  })
})
