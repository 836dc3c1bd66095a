import { copyFile, mkdir, readFile, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** packages/web/ (this file is packages/web/src/build/build-web.ts). */
export const WEB_ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** What the server serves at /dashboard/. */
export const DIST_DIR = `${WEB_ROOT}dist/`

const ENTRIES = {
  'tessera-status': 'src/index.ts',
  dashboard: 'src/dashboard/main.ts',
  demo: 'src/pages/demo.ts',
}

/** Static files copied as they are: source (under src/pages) → name in dist. */
const STATIC: Record<string, string> = {
  'dashboard.html': 'index.html',
  'dashboard.css': 'dashboard.css',
  'demo.html': 'demo.html',
  'demo.css': 'demo.css',
}

export interface BuiltFile {
  file: string
  /** Minified size, bytes. */
  bytes: number
  /** Gzip size, bytes (what travels over the wire with compression). */
  gzip: number
}

/**
 * Bundles the badge, the dashboard and the demo page into dist/ with esbuild (browser, ES2022,
 * minified, no source maps shipped) and copies the HTML/CSS. Returns every file's size.
 */
export async function buildWeb(options: { outDir?: string } = {}): Promise<BuiltFile[]> {
  const outDir = options.outDir ?? DIST_DIR
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  await build({
    absWorkingDir: WEB_ROOT,
    entryPoints: ENTRIES,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  })
  for (const [from, to] of Object.entries(STATIC))
    await copyFile(`${WEB_ROOT}src/pages/${from}`, `${outDir}${to}`)
  const names = [...Object.keys(ENTRIES).map((name) => `${name}.js`), ...Object.values(STATIC)]
  return Promise.all(
    names.map(async (file) => {
      const bytes = await readFile(`${outDir}${file}`)
      return { file, bytes: bytes.length, gzip: gzipSync(bytes).length }
    }),
  )
}
