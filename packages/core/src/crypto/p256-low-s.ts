/** Order n of the P-256 group, big-endian. */
const N = hex('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551')
/** floor(n / 2), big-endian. */
const HALF_N = hex('7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8')

/**
 * ECDSA signatures come in pairs (r, s) and (r, n − s) that both verify; accepting only the low
 * one (s ≤ n/2, as Bitcoin and many HSM policies do) makes ES256 tokens non-malleable, like our
 * Ed25519 ones. `signature` is r‖s, 64 bytes.
 */
export function hasLowS(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false
  return compare(signature.subarray(32), HALF_N) <= 0
}

/** The low-S twin of an r‖s signature; signers (TPMs, node:crypto) must send this form. */
export function toLowS(signature: Uint8Array): Uint8Array {
  if (hasLowS(signature)) return signature
  const out = new Uint8Array(64)
  out.set(signature.subarray(0, 32))
  let borrow = 0
  for (let i = 31; i >= 0; i--) {
    let d = N[i]! - signature[32 + i]! - borrow
    borrow = d < 0 ? 1 : 0
    if (d < 0) d += 256
    out[32 + i] = d
  }
  return out
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (b) => Number.parseInt(b, 16))
}
