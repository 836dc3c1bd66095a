import { readdirSync, readFileSync } from 'node:fs'
import type { CryptoProvider } from '../../packages/core/src/index.js'
import { type JsonVector, type JsonVectorFile, KINDS, runVector } from '../run-vector.js'
import { mutate, prng } from './mutate.js'

const DIR = new URL('../vectors/', import.meta.url)

export interface FuzzReport {
  cases: number
  /** Mutations refused with a coded error, as they must be. */
  rejected: number
  /** Mutations that left the token unchanged (skipped). */
  unchanged: number
  /** A mutated token that verified, or a non-coded exception: each is a bug. */
  failures: { kind: string; name: string; token: string; problem: string }[]
  /** Slowest single case, ms (hang detector). */
  slowestMs: number
}

/** Every valid single-token vector of spec/vectors, as seeds for mutation. */
export function seeds(): { file: JsonVectorFile; vector: JsonVector }[] {
  const out: { file: JsonVectorFile; vector: JsonVector }[] = []
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as JsonVectorFile
    for (const vector of file.vectors) {
      const valid = (vector.expect as { valid?: boolean })?.valid === true
      if (valid && typeof vector.token === 'string' && KINDS.includes(vector.kind)) out.push({ file, vector })
    }
  }
  return out
}

/**
 * Mutates valid tokens of every kind and runs them through their core verifier: each mutant must
 * be refused with a TesseraError code, never accepted, never crash with another exception.
 */
export function fuzzTokens(options: { cases: number; seed: number; crypto: CryptoProvider }): FuzzReport {
  const rnd = prng(options.seed)
  const pool = seeds()
  const report: FuzzReport = { cases: 0, rejected: 0, unchanged: 0, failures: [], slowestMs: 0 }
  for (let n = 0; n < options.cases; n++) {
    const { file, vector } = pool[Math.floor(rnd() * pool.length)]!
    const token = mutate(vector.token as string, rnd)
    report.cases++
    if (token === vector.token) {
      report.unchanged++
      continue
    }
    const started = performance.now()
    let problem: string | null = null
    try {
      const { outcome } = runVector(file, { ...vector, token }, options.crypto)
      if ((outcome as { valid?: boolean }).valid) problem = 'mutant accepted'
      else report.rejected++
    } catch (err) {
      problem = `uncoded exception: ${(err as Error).name}: ${(err as Error).message}`
    }
    report.slowestMs = Math.max(report.slowestMs, performance.now() - started)
    if (problem) report.failures.push({ kind: vector.kind, name: vector.name, token, problem })
  }
  return report
}
