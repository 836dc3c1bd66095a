import { KeychainUnavailableError } from './key-vault.js'
import { type KeychainToolOptions, KeychainVault, storeTag, unavailableFrom } from './keychain-vault.js'

/** `security` exits with the low byte of the OSStatus: errSecItemNotFound (-25300). */
const ITEM_NOT_FOUND = 44
/** errSecInteractionNotAllowed (-25308) and errSecAuthFailed (-25293): a locked keychain. */
const LOCKED = new Set([36, 51])

/**
 * The store key as a generic password in the user's default (login) keychain, through
 * `/usr/bin/security`: service "tessera", account `<product>:<store tag>`. The item is written
 * with `security -i`, whose commands are read from stdin, so the key never appears in a process
 * listing; it is read with `find-generic-password -w` (the key on stdout).
 */
export class MacKeychainVault extends KeychainVault {
  readonly kind = 'macos-keychain'
  readonly description = 'in your login keychain (macOS Keychain), under "tessera"'

  constructor(dir: string, options: KeychainToolOptions & { tool?: string } = {}) {
    super(dir, options)
    this.#tool = options.tool ?? '/usr/bin/security'
  }

  readonly #tool: string

  account(product: string): string {
    return `${product}:${storeTag(this.dir)}`
  }

  protected async read(product: string): Promise<string | null> {
    const args = ['find-generic-password', '-s', 'tessera', '-a', this.account(product), '-w']
    const result = await this.tool(this.#tool, args)
    if (result.code === 0) return result.stdout
    if (result.code === ITEM_NOT_FOUND) return null
    if (result.code !== null && LOCKED.has(result.code)) throw new KeychainUnavailableError('locked')
    throw unavailableFrom(result.stderr)
  }

  protected async write(product: string, text: string): Promise<void> {
    const account = this.account(product)
    // security -i splits its input on white space: every word here is free of it by construction
    if (!/^[\w.:-]+$/.test(account) || !/^[\w-]+$/.test(text)) throw new KeychainUnavailableError('failed')
    const command = `add-generic-password -U -s tessera -a ${account} -l tessera-store-key -w ${text}\n`
    const result = await this.tool(this.#tool, ['-i'], command)
    // `security -i` does not always report a failed command in its exit code: create() reads back
    if (result.code !== 0) throw unavailableFrom(result.stderr)
  }
}
