// Bundled for the browser (esbuild, platform "browser") by core-vectors.test.ts: core with its
// pure-JS crypto provider and the language-neutral vector runner, nothing from Node.
import { type EvaluationInput, evaluate } from '../../../packages/core/src/index.js'
import { nobleCrypto } from '../../../packages/core/src/noble.js'
import { type JsonVectorFile, runVector } from '../../../spec/run-vector.js'

export interface VectorOutcome {
  name: string
  outcome: unknown
  steps?: unknown[]
  /** A thrown non-Tessera error (a bug, or something the browser lacks). */
  crash?: string
}

/** Runs every vector of a file with nobleCrypto; JSON-safe results for the test to compare. */
export function runFile(file: JsonVectorFile): VectorOutcome[] {
  return file.vectors.map((v) => {
    try {
      const result = runVector(file, v, nobleCrypto)
      return { name: v.name, outcome: result.outcome, ...(result.steps ? { steps: result.steps } : {}) }
    } catch (err) {
      return { name: v.name, outcome: null, crash: String(err) }
    }
  })
}

/** `evaluate` with nobleCrypto, for inputs built in the test (when no vector file exists). */
export function evaluateInput(input: EvaluationInput): unknown {
  return evaluate(input, nobleCrypto)
}

/** What the page runs on: proof that this is a browser, not Node. */
export function environment(): { node: boolean; userAgent: string } {
  const g = globalThis as { process?: { versions?: { node?: string } } }
  return { node: Boolean(g.process?.versions?.node), userAgent: navigator.userAgent }
}
