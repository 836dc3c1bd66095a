import { type KeychainToolOptions, KeychainVault, storeTag, unavailableFrom } from './keychain-vault.js'

/**
 * The store key in the freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC…) through
 * libsecret's `secret-tool`, as an item with the attributes service=tessera, product=<id>,
 * store=<store tag>. Needs a D-Bus session and an unlocked collection; without them the keychain
 * is unavailable (never a reason to replace the key).
 */
export class SecretServiceVault extends KeychainVault {
  readonly kind = 'secret-service'
  readonly description = 'in your desktop keyring (Secret Service), under "tessera"'

  constructor(dir: string, options: KeychainToolOptions & { tool?: string } = {}) {
    super(dir, options)
    this.#tool = options.tool ?? 'secret-tool'
  }

  readonly #tool: string

  /** The attributes naming this store's item. */
  attributes(product: string): string[] {
    return ['service', 'tessera', 'product', product, 'store', storeTag(this.dir)]
  }

  protected async read(product: string): Promise<string | null> {
    const result = await this.tool(this.#tool, ['lookup', ...this.attributes(product)])
    if (result.code === 0) return result.stdout
    // exit 1 and nothing on stderr: no such item (a locked collection looks the same; the store
    // attempt that follows then fails as locked, so the key is never replaced because of it)
    if (result.code === 1 && result.stderr.trim() === '') return null
    throw unavailableFrom(result.stderr)
  }

  protected async write(product: string, text: string): Promise<void> {
    const label = `--label=Tessera store key (${product})`
    const result = await this.tool(this.#tool, ['store', label, ...this.attributes(product)], text)
    if (result.code !== 0) throw unavailableFrom(result.stderr)
  }
}
