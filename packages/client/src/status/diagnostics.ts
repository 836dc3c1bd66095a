import {
  type Decision,
  type EvaluationInput,
  evaluate,
  isVerifiedBundle,
  type RecordedBundle,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { RenewalState } from '../renewal/renewal-state.js'
import type { KeyStorageState } from '../store/key-storage.js'

/**
 * A support bundle: the exact decision input and the decision it gave. Contains no license key
 * (never stored), no private key (never exported) and no access token (a live credential for the
 * vendor's services; the decision does not depend on it, so core evaluates the bundle without it).
 * `evaluate(report.input)`, also after a JSON round trip, gives `report.decision` again —
 * `reproducible` says it was checked.
 */
export interface Diagnostics {
  format: 'tessera-diagnostics/1'
  /** System time of the recording, epoch seconds. */
  recordedAt: number
  client: {
    sdk: string
    product: string
    appVersion: string | null
    platform: string
    deviceIdOverride: boolean
    /** Error code of the last store write that failed, if any. */
    storeError: string | null
    /** Where the store key is kept and what was wrong with it at open. */
    keyStorage: Omit<KeyStorageState, 'description'> | null
  }
  renewal: RenewalState
  input: EvaluationInput
  decision: Decision
  redactions: string[]
  reproducible: boolean
  notes: string[]
}

/**
 * The input in plain JSON form (a verified bundle becomes the raw bundle it came from: core only
 * trusts verified bundles it made itself), without the access token.
 */
export function redactInput(input: EvaluationInput): { input: EvaluationInput; redacted: boolean } {
  const bundle = input.bundle
  if (bundle === null) return { input: { ...input }, redacted: false }
  const { access, ...raw }: RecordedBundle = isVerifiedBundle(bundle) ? bundle.source : bundle
  return { input: { ...input, bundle: raw }, redacted: access !== undefined }
}

/** Whether the redacted input still gives the recorded decision, also after JSON serialization. */
export function reproduces(input: EvaluationInput, decision: Decision): boolean {
  try {
    const replayed = evaluate(JSON.parse(JSON.stringify(input)) as EvaluationInput, nodeCrypto)
    return JSON.stringify(replayed) === JSON.stringify(decision)
  } catch {
    return false
  }
}
