/** Small deterministic PRNG (mulberry32): a fuzz run is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}"\u00e9\u0000'

/** One random structural or byte-level mutation of a compact token. */
export function mutate(token: string, rnd: () => number): string {
  const pick = (n: number) => Math.floor(rnd() * n)
  const i = pick(token.length)
  const parts = token.split('.')
  switch (pick(9)) {
    case 0:
      return (
        token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ (1 << pick(7))) + token.slice(i + 1)
      )
    case 1:
      return token.slice(0, i) + ALPHABET[pick(ALPHABET.length)] + token.slice(i + 1)
    case 2:
      return token.slice(0, i) + ALPHABET[pick(ALPHABET.length)] + token.slice(i)
    case 3:
      return token.slice(0, i) + token.slice(i + 1)
    case 4:
      return token.slice(0, i)
    case 5:
      return [parts[1], parts[0], parts[2]].join('.')
    case 6:
      return [parts[0], Buffer.from(randomJson(rnd, 3)).toString('base64url'), parts[2]].join('.')
    case 7:
      return [Buffer.from(randomJson(rnd, 2)).toString('base64url'), parts[1], parts[2]].join('.')
    default:
      return Array.from({ length: pick(200) }, () => ALPHABET[pick(ALPHABET.length)]).join('')
  }
}

/** Random JSON text, sometimes with duplicate members or deep nesting. */
export function randomJson(rnd: () => number, depth: number): string {
  const pick = (n: number) => Math.floor(rnd() * n)
  if (depth <= 0) return [`${pick(1e6)}`, '"x"', 'true', 'null', '-1e999', '"\\ud800"'][pick(6)]!
  switch (pick(4)) {
    case 0:
      return `[${Array.from({ length: pick(4) }, () => randomJson(rnd, depth - 1)).join(',')}]`
    case 1: {
      const keys = ['alg', 'typ', 'kid', 'sub', 'exp', 'jku', '__proto__', 'v']
      const members = Array.from(
        { length: pick(5) },
        () => `"${keys[pick(keys.length)]}":${randomJson(rnd, depth - 1)}`,
      )
      return `{${members.join(',')}}`
    }
    case 2:
      return '['.repeat(pick(40)) + ']'.repeat(pick(40))
    default:
      return randomJson(rnd, 0)
  }
}
