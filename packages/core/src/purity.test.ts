import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('.', import.meta.url).pathname
const ALLOWED_PACKAGES = ['@noble/curves/', '@noble/hashes/']
/** Host APIs that read the clock, randomness, disk, network or environment. */
const FORBIDDEN = [
  /\bDate\.now\(/,
  /\bnew Date\(/,
  /\bMath\.random\(/,
  /\bperformance\./,
  /\bprocess\./,
  /\bfetch\(/,
  /\brequire\(/,
  /\bimport\(/,
  /\bglobalThis\./,
]

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'test-support' ? [] : productionFiles(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('core stays pure', () => {
  const files = productionFiles(SRC)

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(30)
  })

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports only relative modules and @noble',
    (_name, file) => {
      const text = readFileSync(file, 'utf8')
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!)
      for (const spec of imports) {
        const ok =
          spec.startsWith('./') || spec.startsWith('../') || ALLOWED_PACKAGES.some((p) => spec.startsWith(p))
        expect(ok, `${spec} is not allowed in core`).toBe(true)
      }
    },
  )

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s reads no clock, randomness or host I/O',
    (_name, file) => {
      const text = readFileSync(file, 'utf8')
      for (const pattern of FORBIDDEN) expect(pattern.test(text), `${pattern} in core`).toBe(false)
    },
  )
})
