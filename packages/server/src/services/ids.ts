import { encodeBase64url } from '@tessera/core'

/** Opaque, unguessable ids with a readable prefix (lic_, lea_, …): 96 random bits. */
export function newId(prefix: string, random: (size: number) => Uint8Array): string {
  return `${prefix}_${encodeBase64url(random(12))}`
}
