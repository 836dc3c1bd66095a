// The canonical full valid bundle: byte-identical to test-support makeBundle() with no overrides.
import type { Bundle } from '../../packages/core/src/index.js'
import {
  accessClaims,
  type BundleParts,
  keysetClaims,
  LEASE_KEY,
  leaseClaims,
  ROOT,
  STATUS_KEY,
  statusClaims,
} from '../../packages/core/src/test-support/factory.js'
import { token } from './jws.js'

/** Synchronous twin of makeBundle(parts). */
export function bundle(parts: BundleParts = {}): Bundle {
  const root = parts.root ?? ROOT
  return {
    v: 1,
    chain: parts.chain ?? [],
    keyset: token('keyset', root, root.thumbprint, keysetClaims(parts.keyset)),
    lease: token('lease', LEASE_KEY, 'k-lease-1', leaseClaims(parts.lease)),
    access: token('access', LEASE_KEY, 'k-lease-1', accessClaims(parts.access)),
    status: token('status', STATUS_KEY, 'k-status-1', statusClaims(parts.status)),
  }
}

export const BUNDLE: Bundle = bundle()
