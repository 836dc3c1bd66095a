/**
 * The benchmarks time the JavaScript tsc emits, not tsx's on-the-fly transform: tsx compiles with
 * esbuild's keepNames, which wraps every named closure in `__name(fn)` (an Object.defineProperty
 * per creation) and made the warm decision about 2× slower than the shipped code. So the sources
 * of core and crypto-node are compiled with tsc (no type check, same tsconfig) into
 * bench/results/build/ whenever they are newer than the last compile: always the code in the
 * tree, no dependence on the packages' own dist or on other packages building.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
export const BUILD_DIR = join(REPO, 'bench', 'results', 'build')
const PACKAGES = ['core', 'crypto-node'] as const
const STAMP = join(BUILD_DIR, '.stamp')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function newestSource(): number {
  return Math.max(
    newestMtime(join(REPO, 'tsconfig.base.json')),
    ...PACKAGES.flatMap((p) => [
      newestMtime(join(REPO, 'packages', p, 'src')),
      newestMtime(join(REPO, 'packages', p, 'tsconfig.json')),
    ]),
  )
}

/** Compiles core and crypto-node into BUILD_DIR unless the last compile is newer than every source. */
export function ensureBuild(): { compiled: boolean; ms: number } {
  const started = Date.now()
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource()) return { compiled: false, ms: 0 }
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  rmSync(BUILD_DIR, { recursive: true, force: true })
  mkdirSync(BUILD_DIR, { recursive: true })
  for (const p of PACKAGES) {
    const args = [
      tsc,
      '-p',
      join(REPO, 'packages', p, 'tsconfig.json'),
      '--outDir',
      join(BUILD_DIR, p),
      '--rootDir',
      join(REPO, 'packages', p, 'src'),
      '--noCheck',
      '--composite',
      'false',
      '--incremental',
      'false',
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
    ]
    try {
      // Piped, never inherited: a bench's stdout carries only its JSON line.
      execFileSync(process.execPath, args, { cwd: REPO, stdio: 'pipe', encoding: 'utf8' })
    } catch (err) {
      const out = err as { stdout?: string; stderr?: string }
      throw new Error(`tsc failed for packages/${p}:\n${out.stdout ?? ''}${out.stderr ?? ''}`)
    }
  }
  // Stamped with the start time: a source saved during the compile makes the next run recompile.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`)
  utimesSync(STAMP, new Date(started), new Date(started))
  return { compiled: true, ms: Date.now() - started }
}
