/**
 * Devices activated before the lease format change stored their fingerprint components as the first
 * 16 base64url characters (96 bits) of SHA-256("tessera-fp:v1:…"); a component is now the base64url
 * of the first 4 bytes (32 bits) of the same digest (core's componentHash). The new form is thus
 * derived from the old one alone: its first 5 characters (30 bits), then the 6th character keeping
 * only its top 2 bits (the low 4 bits of a canonical 6-character hash are zero).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LEGACY_COMPONENT = /^[A-Za-z0-9_-]{16}$/

/** The current component hash of a legacy 16-character one, or the value unchanged otherwise. */
export function upgradeComponent(component: string): string {
  if (!LEGACY_COMPONENT.test(component)) return component
  const sixth = ALPHABET.indexOf(component[5]!)
  return component.slice(0, 5) + ALPHABET[sixth & 0b110000]
}
