import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { powerShellArgs, windowsPowerShell } from '../platform/run-command.js'
import { writeFileAtomic } from './atomic-write.js'
import { KeychainUnavailableError, KeyDamagedError, type ReadKeyFile, readFailure } from './key-vault.js'
import { type KeychainToolOptions, KeychainVault, unavailableFrom } from './keychain-vault.js'

/** The DPAPI-protected key, kept in the store directory (useless to any other Windows user or machine). */
export const DPAPI_FILE = 'store-key.dpapi'
/** Exit code of the scripts below when the blob does not decrypt for this user: a corrupt or foreign blob. */
const UNPROTECT_FAILED = 3

/**
 * The store key protected with Windows DPAPI (`ProtectedData`, CurrentUser scope, entropy
 * `tessera-store-v1:<product>`) through Windows PowerShell; the protected blob is kept in the
 * store directory as `store-key.dpapi`. The key and the blob travel through stdin and stdout,
 * never on the command line.
 */
export class DpapiVault extends KeychainVault {
  readonly kind = 'dpapi'
  readonly description: string
  readonly #path: string
  readonly #tool: string
  readonly #readFile: ReadKeyFile

  constructor(dir: string, options: KeychainToolOptions & { tool?: string; readFile?: ReadKeyFile } = {}) {
    super(dir, options)
    this.#path = join(dir, DPAPI_FILE)
    this.#readFile = options.readFile ?? ((path) => readFile(path))
    this.#tool = options.tool ?? windowsPowerShell()
    this.description = `protected by Windows for your user account (DPAPI), in ${this.#path}`
  }

  protected async read(product: string): Promise<string | null> {
    let blob: string
    try {
      blob = (await this.#readFile(this.#path)).toString('latin1').trim()
    } catch (err) {
      return readFailure(err)
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) throw new KeyDamagedError('corrupt')
    const result = await this.tool(this.#tool, powerShellArgs(script('Unprotect', product)), blob)
    if (result.code === 0) return result.stdout
    if (result.code === UNPROTECT_FAILED) throw new KeyDamagedError('corrupt')
    throw unavailableFrom(result.stderr)
  }

  /** Protects the key, sets a damaged blob aside (`.invalid-<ms>`), writes the new one atomically. */
  protected async write(product: string, text: string): Promise<void> {
    const result = await this.tool(this.#tool, powerShellArgs(script('Protect', product)), text)
    const blob = result.stdout.trim()
    if (result.code !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) throw unavailableFrom(result.stderr)
    await rename(this.#path, `${this.#path}.invalid-${Date.now()}`).catch(() => {})
    await writeFileAtomic(this.#path, Buffer.from(blob, 'latin1'))
  }
}

/**
 * The script run for `Protect` (stdin: key text, stdout: base64 blob) or `Unprotect` (stdin:
 * base64 blob, stdout: key text). `product` is an id of [A-Za-z0-9._-], safe inside quotes.
 */
export function script(operation: 'Protect' | 'Unprotect', product: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(product)) throw new KeychainUnavailableError('failed')
  const decode =
    operation === 'Protect'
      ? '$data = [Text.Encoding]::UTF8.GetBytes($in)'
      : '$data = [Convert]::FromBase64String($in)'
  const encode =
    operation === 'Protect' ? '[Convert]::ToBase64String($out)' : '[Text.Encoding]::UTF8.GetString($out)'
  return [
    "$ErrorActionPreference = 'Stop'",
    'Add-Type -AssemblyName System.Security',
    '$in = [Console]::In.ReadToEnd().Trim()',
    `$entropy = [Text.Encoding]::UTF8.GetBytes('tessera-store-v1:${product}')`,
    '$scope = [Security.Cryptography.DataProtectionScope]::CurrentUser',
    `try { ${decode}; $out = [Security.Cryptography.ProtectedData]::${operation}($data, $entropy, $scope) }`,
    `catch { exit ${UNPROTECT_FAILED} }`,
    `[Console]::Out.Write(${encode})`,
  ].join('; ')
}
