import { CliError, usageError } from './cli-error.js'
import type { CommandInput } from './command.js'

export const SERVER_OPTION = {
  type: 'string',
  description: 'server URL (or TESSERA_SERVER; default http://127.0.0.1:7300)',
} as const
export const TOKEN_OPTION = { type: 'string', description: 'admin token (or TESSERA_ADMIN_TOKEN)' } as const
export const JSON_OPTION = { type: 'boolean', description: 'machine-readable JSON output' } as const

/** Calls the operator API; problem+json answers become `code: detail` errors. */
export async function adminRequest<T = Record<string, unknown>>(
  input: CommandInput,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const server = serverUrl(input)
  const token = (input.values.token as string | undefined) ?? input.io.env.TESSERA_ADMIN_TOKEN
  if (!token) throw usageError('an admin token is needed: --token TOKEN or TESSERA_ADMIN_TOKEN')
  let res: Response
  try {
    res = await fetch(`${server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    })
  } catch (cause) {
    throw new CliError('SERVER_UNREACHABLE', `cannot reach ${server} (is \`tessera serve\` running?)`, 1, {
      cause,
    })
  }
  const text = await res.text()
  const parsed = text ? safeJson(text) : {}
  if (!res.ok) {
    const problem = parsed as { code?: string; detail?: string }
    throw new CliError(
      problem.code ?? `HTTP_${res.status}`,
      problem.detail ?? `the server answered ${res.status}`,
    )
  }
  return parsed as T
}

export function serverUrl(input: CommandInput): string {
  const url =
    (input.values.server as string | undefined) ?? input.io.env.TESSERA_SERVER ?? 'http://127.0.0.1:7300'
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw usageError(`--server must be an http(s) URL, got "${url}"`)
  return url.replace(/\/+$/, '')
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { detail: 'the server answered something that is not JSON' }
  }
}

/** "a,b , c" → ["a","b","c"]; undefined stays undefined. */
export function list(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** A flag that must be a non-negative integer. */
export function intFlag(values: CommandInput['values'], name: string, fallback?: number): number | undefined {
  const raw = values[name]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw usageError(`--${name} must be a whole number`)
  return n
}

export function requiredFlag(input: CommandInput, name: string): string {
  const value = input.values[name]
  if (typeof value !== 'string' || value.length === 0) throw usageError(`--${name} is required`)
  return value
}

export function requiredArg(input: CommandInput, index: number, what: string): string {
  const value = input.positionals[index]
  if (!value) throw usageError(`${what} is required`)
  return value
}
