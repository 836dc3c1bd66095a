/**
 * The admin token lives in sessionStorage only: it disappears with the tab, is not shared with
 * other tabs, and is never written to localStorage, cookies, URLs or the console.
 */
const KEY = 'tessera.adminToken'

export function loadToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined
  } catch {
    return undefined
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token)
  } catch {
    // Storage disabled: the session lasts until the page is reloaded.
  }
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // nothing stored
  }
}
