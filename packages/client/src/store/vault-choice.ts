import { access, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DpapiVault } from './dpapi-vault.js'
import { type BuiltInVault, FileKeyVault, SECRET_FILE, type VaultKind } from './key-vault.js'
import { MacKeychainVault } from './macos-keychain-vault.js'
import { SecretServiceVault } from './secret-service-vault.js'

/** The keychain of this platform for a store directory, or null where there is none. */
export type KeychainFactory = (dir: string) => BuiltInVault | null
/** The device secret file vault of a store directory (tests inject one whose reads fail). */
export type FileVaultFactory = (dir: string) => FileKeyVault

export function platformKeychain(dir: string): BuiltInVault | null {
  if (process.platform === 'darwin') return new MacKeychainVault(dir)
  if (process.platform === 'win32') return new DpapiVault(dir)
  if (process.platform === 'android') return null
  return new SecretServiceVault(dir)
}

export const fileVault: FileVaultFactory = (dir) => new FileKeyVault(dir)

/** The vault of a recorded kind here, or null when this platform has no such vault (a copied store). */
export function vaultOf(
  kind: VaultKind,
  dir: string,
  keychain: KeychainFactory,
  file: FileVaultFactory,
): BuiltInVault | null {
  if (kind === 'file') return file(dir)
  const vault = keychain(dir)
  return vault?.kind === kind ? vault : null
}

/** A store from before the record existed used the device secret file. */
export async function legacyKind(dir: string): Promise<VaultKind | null> {
  return access(join(dir, SECRET_FILE)).then(
    () => 'file',
    (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : 'file'),
  )
}

/** Whether the store holds sealed files: a key created now could not open them. */
export async function hasSealedFiles(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.some((name) => name.endsWith('.tsr'))
}
