import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { codeOf as code } from '../test-support/codes.js'
import { parseJsonObject, parseStrictJson } from './strict-json.js'

describe('strict JSON', () => {
  it('agrees with JSON.parse on any JSON value without duplicate names', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value)
        // __proto__ members are refused on purpose (see below); JSON.parse would accept them.
        if (text.includes('"__proto__"')) return
        expect(parseStrictJson(text)).toEqual(JSON.parse(text))
      }),
    )
  })

  it('agrees with JSON.parse on whitespace and escapes', () => {
    const text = ' { "a" : [1, -2.5e3, true, false, null] ,\n"b\\u0041": "x\\ny\\"" } '
    expect(parseStrictJson(text)).toEqual(JSON.parse(text))
  })

  it.each([
    ['duplicate member', '{"a":1,"a":2}', 'JSON_DUPLICATE_MEMBER'],
    ['nested duplicate', '{"x":{"k":1,"k":1}}', 'JSON_DUPLICATE_MEMBER'],
    ['escaped duplicate', '{"a":1,"\\u0061":2}', 'JSON_DUPLICATE_MEMBER'],
    ['__proto__ member', '{"__proto__":{"admin":true}}', 'JSON_INVALID'],
    ['trailing comma', '{"a":1,}', 'JSON_INVALID'],
    ['trailing data', '{"a":1} x', 'JSON_INVALID'],
    ['leading zero', '{"a":01}', 'JSON_INVALID'],
    ['single quotes', "{'a':1}", 'JSON_INVALID'],
    ['raw control character', '{"a":"\u0001"}', 'JSON_INVALID'],
    ['unterminated', '{"a":"b', 'JSON_INVALID'],
    ['too deep', `${'['.repeat(40)}${']'.repeat(40)}`, 'JSON_INVALID'],
    ['huge number', '{"a":1e999}', 'JSON_INVALID'],
  ])('refuses %s', (_name, text, expected) => {
    expect(code(() => parseStrictJson(text))).toBe(expected)
  })

  it('insists on an object where one is required', () => {
    expect(code(() => parseJsonObject('[1]'))).toBe('JSON_INVALID')
    expect(code(() => parseJsonObject('null'))).toBe('JSON_INVALID')
  })

  it('never throws anything but a TesseraError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (text) => {
        expect(['ok', 'JSON_INVALID', 'JSON_DUPLICATE_MEMBER']).toContain(code(() => parseStrictJson(text)))
      }),
    )
  })
})
