import type { EvaluationInput, RevocationKind } from '@tessera/core'
import { describe, expect, it } from 'vitest'
import { revocationKind } from './revocation-kind.js'

/** The parts of an input revocationKind reads: a verified bundle, the device, a revocation list. */
function input(entries: { k: RevocationKind; id: string }[], rvk?: RevocationKind): EvaluationInput {
  const status = rvk ? { sts: 'revoked', rvk: { k: rvk, at: 1, rsn: 'test' } } : { sts: 'good' }
  return {
    bundle: { verified: true, lease: { sub: 'lic_01', jti: 'lease_01' }, status },
    device: { id: 'dev_01', components: [] },
    revocations: { product: 'demo', seq: 1, entries: entries.map((e) => ({ ...e, at: 1 })) },
  } as unknown as EvaluationInput
}

describe('what was revoked', () => {
  it('a revocation list entry for this device says device, not license', () => {
    expect(revocationKind(input([{ k: 'device', id: 'dev_01' }]))).toBe('device')
    expect(revocationKind(input([{ k: 'lease', id: 'lease_01' }]))).toBe('lease')
    expect(revocationKind(input([{ k: 'license', id: 'lic_01' }]))).toBe('license')
    expect(revocationKind(input([{ k: 'device', id: 'another device' }]))).toBeNull()
  })

  it("the status receipt's rvk.k when it reports one", () => {
    expect(revocationKind(input([], 'device'))).toBe('device')
  })
})
