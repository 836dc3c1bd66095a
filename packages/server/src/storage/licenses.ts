import type { EpochSeconds, Page } from './common-types.js'

export type LicenseStatus = 'active' | 'suspended' | 'revoked'

/**
 * A sold license. Only the hash of the license key is stored (`keyHash`), plus a short `keyHint`
 * for support; `ownerRef` is an opaque reference to the vendor's account record, never personal data.
 */
export interface License {
  id: string
  productId: string
  policyId: string
  keyHash: string
  keyHint: string
  ownerRef: string
  edition: string
  features: string[]
  seats: number
  /** Null for a perpetual license. */
  expiresAt: EpochSeconds | null
  status: LicenseStatus
  revokedReason: string | null
  transfersUsed: number
  lastTransferAt: EpochSeconds | null
  createdAt: EpochSeconds
}

export interface NewLicense
  extends Omit<License, 'status' | 'revokedReason' | 'transfersUsed' | 'lastTransferAt'> {
  /** Default 'active'. A license cannot be created revoked. */
  status?: Exclude<LicenseStatus, 'revoked'>
}

export type LicensePatch = Partial<
  Pick<License, 'policyId' | 'edition' | 'features' | 'seats' | 'expiresAt' | 'ownerRef'>
>

export interface LicenseQuery {
  productId?: string
  status?: LicenseStatus
  ownerRef?: string
  policyId?: string
  /** Matches ids starting with this exact (case-sensitive) text. */
  idPrefix?: string
}

export type RevocationKind = 'license' | 'device' | 'lease'

/**
 * One entry of the revocation list. `seq` is global, strictly increasing in commit order and never
 * reused, so "everything after seq N" is a complete delta; a product's list version is the highest
 * `seq` among its entries.
 */
export interface Revocation {
  seq: number
  kind: RevocationKind
  /** License id, device id (key thumbprint) or lease jti. */
  targetId: string
  licenseId: string
  productId: string
  reason: string
  createdAt: EpochSeconds
}

export interface RevokeLicenseInput {
  licenseId: string
  reason: string
  now: EpochSeconds
}

export interface RevocationQuery {
  productId?: string
  /** Only entries with seq > sinceSeq. Default 0 (the full list). */
  sinceSeq?: number
  /** Default 1000, capped at 1000. */
  limit?: number
}

/** Licenses and the revocation list. */
export interface LicenseStorage {
  /** STORAGE_CONFLICT on a duplicate id or key hash; STORAGE_NOT_FOUND for an unknown product/policy. */
  createLicense(license: NewLicense): Promise<License>
  getLicense(id: string): Promise<License | undefined>
  findLicenseByKeyHash(keyHash: string): Promise<License | undefined>
  /** Newest first (created_at, then id). */
  listLicenses(query?: LicenseQuery & Page): Promise<License[]>
  countLicenses(query?: LicenseQuery): Promise<number>
  /** STORAGE_NOT_FOUND when missing. */
  updateLicense(id: string, patch: LicensePatch): Promise<License>
  /** Suspends or reactivates. STORAGE_CONFLICT on a revoked license: revocation is final. */
  setLicenseStatus(id: string, status: Exclude<LicenseStatus, 'revoked'>): Promise<License>
  /**
   * Marks the license revoked and appends its revocation entry in one transaction. Idempotent:
   * revoking again returns the existing entry.
   */
  revokeLicense(input: RevokeLicenseInput): Promise<Revocation>
  /** Ascending by seq. */
  listRevocations(query?: RevocationQuery): Promise<Revocation[]>
  /** The (first) revocation of a license, device or lease of the license; undefined when none. */
  getRevocation(kind: RevocationKind, licenseId: string, targetId: string): Promise<Revocation | undefined>
  /** The highest seq (of the product, when given); 0 when there is none. */
  latestRevocationSeq(productId?: string): Promise<number>
}
