import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluate } from '../../packages/core/src/index.js'
import { decisionInput } from '../../packages/core/src/test-support/decision-input.js'
import { DAY, makeBundle, T0 } from '../../packages/core/src/test-support/factory.js'
import { nodeCrypto } from '../../packages/crypto-node/src/index.js'
import type { JsonVectorFile } from '../../spec/run-vector.js'
import type { VectorOutcome } from './core-page/entry.js'
import { launchBrowser, watchErrors } from './support/browser.js'

const VECTORS = fileURLToPath(new URL('../../spec/vectors/', import.meta.url))

let browser: Browser
let page: Page
let errors: string[]
let bundleBytes = 0
let bundleInputs: string[] = []

/** Calls a function of the bundled entry (global `tesseraCore`) in the page. */
function inPage<T>(fn: string, arg: unknown): Promise<T> {
  return page.evaluate(
    ([fn, arg]) =>
      (globalThis as unknown as Record<string, Record<string, (a: unknown) => unknown>>).tesseraCore![
        fn as string
      ]!(arg),
    [fn, arg] as const,
  ) as Promise<T>
}

beforeAll(async () => {
  const [result, launched] = await Promise.all([
    build({
      entryPoints: [fileURLToPath(new URL('./core-page/entry.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'tesseraCore',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      metafile: true,
      logLevel: 'silent',
    }),
    launchBrowser(),
  ])
  browser = launched
  const code = result.outputFiles[0]!.text
  bundleBytes = code.length
  bundleInputs = Object.keys(result.metafile.inputs)
  page = await browser.newPage()
  errors = watchErrors(page)
  await page.setContent('<!doctype html><title>Tessera core in the browser</title><p>core vectors</p>')
  await page.addScriptTag({ content: code })
})
afterAll(async () => {
  await browser?.close()
})

describe('@tessera/core in Chromium with nobleCrypto', () => {
  it('bundles for the browser without any Node module and runs in a real browser', async () => {
    expect(bundleInputs.filter((path) => path.startsWith('node:') || path.includes('crypto-node'))).toEqual(
      [],
    )
    expect(bundleInputs.some((path) => path.includes('packages/core/src/crypto/noble-provider.ts'))).toBe(
      true,
    )
    expect(bundleBytes).toBeLessThan(150_000)
    const env = await inPage<{ node: boolean; userAgent: string }>('environment', null)
    expect(env.node).toBe(false)
    expect(env.userAgent).toMatch(/Chrome\//)
  })

  it('verifies the canonical valid bundle and rejects a forged lease (spec/vectors)', async () => {
    const bundleFile = JSON.parse(readFileSync(`${VECTORS}bundle.json`, 'utf8')) as JsonVectorFile
    const decisionFile = JSON.parse(readFileSync(`${VECTORS}decision.json`, 'utf8')) as JsonVectorFile
    const valid = await inPage<VectorOutcome[]>('runFile', bundleFile)
    for (const [i, v] of bundleFile.vectors.entries()) expect(valid[i]!.outcome, v.name).toEqual(v.expect)
    expect(valid.find((v) => v.name === 'active')!.outcome).toMatchObject({ decision: { state: 'active' } })

    const forged = {
      ...decisionFile,
      vectors: decisionFile.vectors.filter((v) => v.name === 'lease-signature-invalid'),
    }
    expect(forged.vectors).toHaveLength(1)
    const [outcome] = await inPage<VectorOutcome[]>('runFile', forged)
    expect(outcome!.outcome).toEqual(forged.vectors[0]!.expect)
    expect(outcome!.outcome).toMatchObject({ decision: { state: 'invalid', reasons: ['LEASE_INVALID'] } })
  })

  it('passes every language-neutral vector file, exactly as in Node', async () => {
    const files = readdirSync(VECTORS)
      .filter((name) => name.endsWith('.json'))
      .sort()
    let count = 0
    for (const name of files) {
      const file = JSON.parse(readFileSync(`${VECTORS}${name}`, 'utf8')) as JsonVectorFile
      const results = await inPage<VectorOutcome[]>('runFile', file)
      for (const [i, v] of file.vectors.entries()) {
        const got = results[i]!
        expect(got.crash, `${name} ${v.name}`).toBeUndefined()
        expect(got.outcome, `${name} ${v.name}`).toEqual(v.expect)
        if (v.steps) expect(got.steps, `${name} ${v.name}`).toEqual(v.steps.map((s) => s.expect))
        count++
      }
    }
    expect(count).toBeGreaterThan(100)
  })

  it('evaluates a factory bundle in the page exactly as node:crypto does in Node, and a forged one as invalid', async () => {
    const bundle = await makeBundle()
    const input = decisionInput(bundle, { now: T0 + DAY })
    const [head, payload] = bundle.lease.split('.')
    const forged = { ...bundle, lease: `${head}.${payload}.${'A'.repeat(86)}` }
    const forgedInput = decisionInput(forged, { now: T0 + DAY })
    const json = <T>(x: T): T => JSON.parse(JSON.stringify(x))
    expect(await inPage('evaluateInput', input)).toEqual(json(evaluate(input, nodeCrypto)))
    expect(await inPage('evaluateInput', input)).toMatchObject({ state: 'active' })
    expect(await inPage('evaluateInput', forgedInput)).toMatchObject({ state: 'invalid' })
    expect(errors).toEqual([])
  })
})
