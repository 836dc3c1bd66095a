import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('.', import.meta.url).pathname
const ALLOWED_PACKAGES = ['@noble/curves/', '@noble/hashes/']
/** Host APIs that read the clock, randomness, disk, network or environment. */
const FORBIDDEN = [
  /\bDate\.now\(/,
  /\bnew\s+Date\b/,
  // Date() called as a function returns the current time as a string
  /(?<![\w.$])Date\s*\(/,
  /\bMath\.random\(/,
  /\bperformance\./,
  /\bprocess\./,
  /\bfetch\(/,
  /\brequire\(/,
  /\bimport\(/,
  /\bglobalThis\./,
]

/**
 * Every module specifier a file names: `import … from 'x'`, `export … from 'x'`, side-effect
 * `import 'x'`, and `import x = require('x')`; either quote.
 */
function specifiers(text: string): string[] {
  const from = [...text.matchAll(/\bfrom\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!)
  const bare = [...text.matchAll(/(?:^|[;\s])import\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!)
  const cjs = [...text.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1/g)].map((m) => m[2]!)
  return [...from, ...bare, ...cjs]
}

function allowedSpecifier(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || ALLOWED_PACKAGES.some((p) => spec.startsWith(p))
}

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

  it('finds every kind of import and every clock read it looks for', () => {
    const sample = [
      "import 'node:fs'",
      'import "node:net";',
      "import { a } from './a.js'",
      "export * from 'node:os'",
      'import type { B } from "./b.js"',
      "import c = require('node:child_process')",
    ].join('\n')
    expect(specifiers(sample)).toEqual([
      './a.js',
      'node:os',
      './b.js',
      'node:fs',
      'node:net',
      'node:child_process',
    ])
    expect(specifiers(sample).filter((s) => !allowedSpecifier(s))).toHaveLength(4)
    for (const read of ['const t = Date()', 'f(Date ())', 'new Date', 'new Date(0)', 'Date.now()']) {
      expect(
        FORBIDDEN.some((p) => p.test(read)),
        read,
      ).toBe(true)
    }
    for (const fine of ['isDate(x)', 'x.Date(1)', 'Date.UTC(2026, 0, 1)', 'type Date2 = 1']) {
      expect(
        FORBIDDEN.some((p) => p.test(fine)),
        fine,
      ).toBe(false)
    }
  })

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports only relative modules and @noble',
    (_name, file) => {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        expect(allowedSpecifier(spec), `${spec} is not allowed in core`).toBe(true)
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
