import { homedir } from 'node:os'
import { join, win32 } from 'node:path'

/** Where the environment says things live; injectable so every platform's rule can be tested. */
export interface DirEnvironment {
  platform: NodeJS.Platform
  home: string
  env: Readonly<Record<string, string | undefined>>
}

/**
 * The OS-conventional data directory of one product's store:
 * Linux and other Unix `$XDG_DATA_HOME/tessera/<product>` (default `~/.local/share/tessera/<product>`),
 * macOS `~/Library/Application Support/Tessera/<product>`,
 * Windows `%LOCALAPPDATA%\Tessera\<product>` (default `<home>\AppData\Local\Tessera\<product>`).
 * Local (not roaming) on Windows: a lease is bound to this machine and must not follow a profile.
 */
export function defaultStoreDir(product: string, where: DirEnvironment = currentEnvironment()): string {
  if (where.platform === 'win32') {
    const base = where.env.LOCALAPPDATA || win32.join(where.home, 'AppData', 'Local')
    return win32.join(base, 'Tessera', product)
  }
  if (where.platform === 'darwin')
    return join(where.home, 'Library', 'Application Support', 'Tessera', product)
  const xdg = where.env.XDG_DATA_HOME
  // XDG: a relative path is invalid and must be ignored.
  const base = xdg?.startsWith('/') ? xdg : join(where.home, '.local', 'share')
  return join(base, 'tessera', product)
}

function currentEnvironment(): DirEnvironment {
  return { platform: process.platform, home: homedir(), env: process.env }
}
