import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, harness } from '../test-support/harness.js'

let h: Harness
afterEach(async () => h?.cleanup())

describe('status() of a revocation', () => {
  it('says the device was revoked when the receipt revokes the device, the license otherwise', async () => {
    h = await harness()
    const client = await h.activated()
    h.server.license('lic_01').revoked = 'device'
    await client.renew()
    expect(client.check().state).toBe('revoked')
    expect(client.status()).toMatchObject({ headline: 'Device revoked', severity: 'error' })
    expect(client.status().detail).toContain('the license itself was not revoked')

    await h.cleanup()

    h = await harness()
    const licensed = await h.activated()
    h.server.license('lic_01').revoked = 'license'
    await licensed.renew()
    expect(licensed.status().headline).toBe('License revoked')
  })
})
