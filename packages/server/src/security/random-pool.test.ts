import { describe, expect, it } from 'vitest'
import { pooledRandom } from './random-pool.js'

describe('pooledRandom', () => {
  it('hands out bytes that never repeat and never change later, across pool refills', () => {
    const random = pooledRandom()
    const handed: { bytes: Uint8Array; copy: string }[] = []
    for (let i = 0; i < 2000; i++) {
      const bytes = random(9)
      expect(bytes.length).toBe(9)
      handed.push({ bytes, copy: Buffer.from(bytes).toString('hex') })
    }
    expect(new Set(handed.map((h) => h.copy)).size).toBe(2000) // 18,000 bytes: four refills
    for (const h of handed) expect(Buffer.from(h.bytes).toString('hex')).toBe(h.copy)
  })

  it('draws sizes above a quarter pool on their own', () => {
    const random = pooledRandom()
    expect(random(4000).length).toBe(4000)
    expect(random(5000).length).toBe(5000)
  })
})
