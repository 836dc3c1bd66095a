import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const STORAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
const NODE_MODULES = join(STORAGE_DIR, '../../../../node_modules')

/**
 * The storage sources transpiled to plain ESM in a temp dir (with node_modules linked), so a real
 * second OS process can run the same code against the same SQLite file.
 */
export async function buildForChildProcess(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-storage-child-'))
  await symlink(NODE_MODULES, join(dir, 'node_modules'), 'dir')
  const out = join(dir, 'storage')
  await mkdir(out)
  for (const name of await readdir(STORAGE_DIR)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue
    const source = await readFile(join(STORAGE_DIR, name), 'utf8')
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    await writeFile(join(out, name.replace(/\.ts$/, '.js')), outputText)
  }
  await writeFile(join(dir, 'package.json'), '{"type":"module"}')
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/**
 * A worker process running `script` (ESM, may import './storage/open-storage.js'). The script
 * receives its input as JSON in argv[2], prints "ready", waits for a line on stdin, then prints one
 * JSON line with its result.
 */
export class ChildWorker {
  readonly #child: ChildProcess
  readonly #lines: AsyncIterator<string>

  private constructor(child: ChildProcess) {
    this.#child = child
    this.#lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  }

  static async start(dir: string, script: string, input: unknown): Promise<ChildWorker> {
    const file = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`)
    await writeFile(file, script)
    const child = spawn(process.execPath, [file, JSON.stringify(input)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const worker = new ChildWorker(child)
    const first = await worker.#lines.next()
    if (first.value !== 'ready') throw new Error(`worker did not start: ${String(first.value)}`)
    return worker
  }

  /** Releases the worker and resolves with its JSON result. */
  async go<T>(): Promise<T> {
    this.#child.stdin!.write('go\n')
    const line = await this.#lines.next()
    this.#child.stdin!.end()
    if (line.done) throw new Error('worker exited without a result')
    return JSON.parse(line.value) as T
  }
}

/** Shared prelude for worker scripts: opens storage, signals ready, waits for "go". */
export const WORKER_PRELUDE = `
import { createInterface } from 'node:readline'
import { createHash } from 'node:crypto'
import { openStorage } from './storage/open-storage.js'
const input = JSON.parse(process.argv[2])
const storage = await openStorage(input.url)
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
console.log('ready')
await lines.next()
const sha256 = (r) => createHash('sha256').update(JSON.stringify(r)).digest('hex')
const finish = async (result) => { console.log(JSON.stringify(result)); await storage.close(); process.exit(0) }
`
