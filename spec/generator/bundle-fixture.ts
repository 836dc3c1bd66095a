// The canonical full valid bundle: byte-identical to test-support makeBundle() with no overrides.
import type { Bundle } from '../../packages/core/src/index.js'
import { makeBundleNow } from '../../packages/core/src/test-support/factory.js'

/** Synchronous twin of makeBundle(parts). */
export const bundle = makeBundleNow

export const BUNDLE: Bundle = bundle()
