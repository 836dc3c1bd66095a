import { describe, expect, it } from 'vitest'
import { assertNoPinValue, parsePkcs11Uri, redactPkcs11Uri } from './pkcs11-uri.js'
import { isSignerError } from './signer.js'

const MODULE = 'module-path=/usr/lib/softhsm/libsofthsm2.so'

function parseError(uri: string): Error {
  try {
    parsePkcs11Uri(uri)
  } catch (err) {
    expect(isSignerError(err, 'SIGNER_URI_INVALID'), String(err)).toBe(true)
    return err as Error
  }
  throw new Error(`expected ${uri} to be rejected`)
}

describe('parsePkcs11Uri', () => {
  it('parses the documented example', () => {
    expect(parsePkcs11Uri(`pkcs11:token=tessera;object=lease-1?${MODULE}&pin-value=1234`)).toEqual({
      token: 'tessera',
      object: 'lease-1',
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      pinValue: '1234',
    })
  })

  it('percent-decodes values, id as raw bytes and text as UTF-8', () => {
    const uri = parsePkcs11Uri(
      `pkcs11:token=My%20Token;object=cl%C3%A9%3Bf%3D1;id=%01%02%ff;serial=ABC?${MODULE}&pin-value=a%26b`,
    )
    expect(uri.token).toBe('My Token')
    expect(uri.object).toBe('clé;f=1')
    expect(uri.id).toEqual(new Uint8Array([1, 2, 255]))
    expect(uri.serial).toBe('ABC')
    expect(uri.pinValue).toBe('a&b')
    expect(parsePkcs11Uri(`pkcs11:object=é?${MODULE}`).object).toBe('é')
    expect(parsePkcs11Uri(`pkcs11:object=😀?${MODULE}`).object).toBe('😀')
  })

  it('reads slot-id, type, module-name and pin-source', () => {
    const uri = parsePkcs11Uri(
      `pkcs11:slot-id=42;type=private;id=%0a?${MODULE}&module-name=softhsm2&pin-source=file:/run/pin`,
    )
    expect(uri).toMatchObject({
      slotId: 42,
      type: 'private',
      moduleName: 'softhsm2',
      pinSource: 'file:/run/pin',
    })
    expect(uri.id).toEqual(new Uint8Array([10]))
  })

  it('ignores unknown attributes in path and query', () => {
    const uri = parsePkcs11Uri(
      `pkcs11:library-manufacturer=SoftHSM;x-vendor=1;slot-description=x;token=t;?foo=bar&${MODULE}&x-other=%zz`,
    )
    expect(uri).toEqual({ token: 't', modulePath: '/usr/lib/softhsm/libsofthsm2.so' })
  })

  it('requires module-path, with a clear message', () => {
    expect(parseError('pkcs11:token=t;object=k?pin-value=1234').message).toMatch(/module-path/)
    expect(parseError('pkcs11:token=t;object=k').message).toMatch(/module-path/)
    expect(parseError('pkcs11:token=t?module-path=').message).toMatch(/module-path/)
    expect(parseError('pkcs11:token=t?module-path=libsofthsm2.so').message).toMatch(/absolute/)
  })

  it('rejects malformed URIs without echoing the PIN', () => {
    for (const bad of [
      'pkcs12:token=t?pin-value=9876',
      `pkcs11:token=%4?${MODULE}&pin-value=9876`,
      `pkcs11:token=a;token=b?${MODULE}&pin-value=9876`,
      `pkcs11:token?${MODULE}&pin-value=9876`,
      `pkcs11:slot-id=x1?${MODULE}&pin-value=9876`,
      `pkcs11:object=%ff%fe?${MODULE}&pin-value=9876`,
      `pkcs11:token=t?${MODULE}&pin-value=9876&pin-value=9876`,
    ]) {
      expect(parseError(bad).message).not.toContain('9876')
    }
  })

  it('accepts a case-insensitive scheme and empty path', () => {
    expect(parsePkcs11Uri(`PKCS11:?${MODULE}`)).toEqual({ modulePath: '/usr/lib/softhsm/libsofthsm2.so' })
  })
})

describe('redactPkcs11Uri', () => {
  it('hides pin-value wherever it is', () => {
    expect(redactPkcs11Uri(`pkcs11:token=t?pin-value=1234&${MODULE}`)).toBe(
      `pkcs11:token=t?pin-value=***&${MODULE}`,
    )
    expect(redactPkcs11Uri(`pkcs11:token=t?${MODULE}&PIN-VALUE=12%2634`)).toBe(
      `pkcs11:token=t?${MODULE}&PIN-VALUE=***`,
    )
  })
})

describe('assertNoPinValue', () => {
  it('refuses a pin-value in the query (any case) without repeating the URI, and accepts pin-source', () => {
    for (const uri of [
      `pkcs11:token=t?${MODULE}&pin-value=4321`,
      `pkcs11:token=t?PIN-VALUE=4321&${MODULE}`,
    ]) {
      let caught: unknown
      try {
        assertNoPinValue(uri, '--uri')
      } catch (err) {
        caught = err
      }
      expect(isSignerError(caught, 'SIGNER_URI_INVALID')).toBe(true)
      expect((caught as Error).message).toMatch(/^--uri must not carry pin-value/)
      expect((caught as Error).message).not.toContain('4321')
    }
    expect(() => assertNoPinValue(`pkcs11:token=t?${MODULE}&pin-source=/run/pin`, '--uri')).not.toThrow()
  })
})
