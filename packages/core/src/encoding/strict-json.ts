import { TesseraError } from '../errors.js'

/** Nesting depth allowed in signed documents; ours need 4. */
const MAX_DEPTH = 16

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/**
 * RFC 8259 JSON parsing that, unlike JSON.parse, refuses duplicate member names (RFC 7515 §5.2
 * requires it for JOSE headers; we require it everywhere so two parsers can never see two
 * different documents), `__proto__` members, and nesting deeper than MAX_DEPTH.
 */
export function parseStrictJson(text: string): JsonValue {
  const p = new Parser(text)
  p.ws()
  const value = p.value(0)
  p.ws()
  if (p.i !== text.length) p.fail('trailing characters')
  return value
}

/** parseStrictJson, then insists on an object at the top. */
export function parseJsonObject(text: string): JsonObject {
  const value = parseStrictJson(text)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TesseraError('JSON_INVALID', 'expected a JSON object')
  }
  return value
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class Parser {
  i = 0
  constructor(readonly s: string) {}

  fail(why: string): never {
    throw new TesseraError('JSON_INVALID', `invalid JSON: ${why} at offset ${this.i}`)
  }

  ws(): void {
    const s = this.s
    let c = s.charCodeAt(this.i)
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++this.i)
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail('nesting too deep')
    const c = this.s[this.i]
    if (c === '{') return this.object(depth)
    if (c === '[') return this.array(depth)
    if (c === '"') return this.string()
    if (c === 't') return this.literal('true', true)
    if (c === 'f') return this.literal('false', false)
    if (c === 'n') return this.literal('null', null)
    return this.number()
  }

  object(depth: number): JsonObject {
    const out: JsonObject = {}
    this.i++
    this.ws()
    if (this.s[this.i] === '}') {
      this.i++
      return out
    }
    for (;;) {
      if (this.s[this.i] !== '"') this.fail('expected a member name')
      const key = this.string()
      if (key === '__proto__') this.fail('forbidden member name')
      if (Object.hasOwn(out, key)) {
        throw new TesseraError('JSON_DUPLICATE_MEMBER', `duplicate member name "${key.slice(0, 32)}"`)
      }
      this.ws()
      if (this.s[this.i] !== ':') this.fail("expected ':'")
      this.i++
      this.ws()
      out[key] = this.value(depth + 1)
      this.ws()
      const c = this.s[this.i++]
      if (c === '}') return out
      if (c !== ',') this.fail("expected ',' or '}'")
      this.ws()
    }
  }

  array(depth: number): JsonValue[] {
    const out: JsonValue[] = []
    this.i++
    this.ws()
    if (this.s[this.i] === ']') {
      this.i++
      return out
    }
    for (;;) {
      out.push(this.value(depth + 1))
      this.ws()
      const c = this.s[this.i++]
      if (c === ']') return out
      if (c !== ',') this.fail("expected ',' or ']'")
      this.ws()
    }
  }

  string(): string {
    const s = this.s
    const start = this.i
    let j = start + 1
    let escaped = false
    for (;;) {
      const c = s.charCodeAt(j)
      if (Number.isNaN(c)) this.fail('unterminated string')
      if (c === 34) break
      if (c < 32) this.fail('control character in string')
      if (c === 92) {
        escaped = true
        j++
      }
      j++
    }
    this.i = j + 1
    if (!escaped) return s.slice(start + 1, j)
    try {
      return JSON.parse(s.slice(start, j + 1)) as string
    } catch {
      return this.fail('bad escape in string')
    }
  }

  literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail('unexpected token')
    this.i += word.length
    return value
  }

  number(): number {
    NUMBER.lastIndex = this.i
    const m = NUMBER.exec(this.s)
    if (!m || m[0].length === 0) this.fail('unexpected token')
    this.i += m[0].length
    const n = Number(m[0])
    if (!Number.isFinite(n)) this.fail('number out of range')
    return n
  }
}
