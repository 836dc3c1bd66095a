import { readFile } from 'node:fs/promises'
import { CliError, usageError } from './cli-error.js'
import type { CommandInput } from './command.js'
import { EXIT } from './exit-codes.js'
import { withProgress } from './output.js'

export const SERVER_OPTION = {
  type: 'string',
  description: 'server URL (or TESSERA_SERVER; default http://127.0.0.1:7300)',
} as const
export const TOKEN_OPTION = { type: 'string', description: 'admin token (or TESSERA_ADMIN_TOKEN)' } as const
export const JSON_OPTION = { type: 'boolean', description: 'machine-readable JSON output' } as const

/** Seconds a server call may take before SERVER_TIMEOUT (TESSERA_TIMEOUT overrides). Default 30. */
export const DEFAULT_TIMEOUT_SECONDS = 30

/** Calls the operator API with the admin token; problem+json answers become `code: detail` errors. */
export async function adminRequest<T = Record<string, unknown>>(
  input: CommandInput,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const token = (input.values.token as string | undefined) ?? input.io.env.TESSERA_ADMIN_TOKEN
  if (!token) throw usageError('an admin token is needed: --token TOKEN or TESSERA_ADMIN_TOKEN')
  return serverRequest<T>(input, method, path, { body, token })
}

/**
 * Calls the server named by --server (or TESSERA_SERVER) with a timeout, showing a progress line
 * when it takes more than a second. No answer in time is SERVER_TIMEOUT, no connection
 * SERVER_UNREACHABLE, a problem+json answer its own code; the token never appears in a message.
 */
export async function serverRequest<T = Record<string, unknown>>(
  input: CommandInput,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const server = serverUrl(input)
  const seconds = timeoutSeconds(input)
  const { body, token } = options
  return withProgress(input.io, `waiting for ${server}`, async () => {
    let res: Response
    let text: string
    try {
      res = await fetch(`${server}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(seconds * 1000),
      })
      text = await res.text()
    } catch (cause) {
      if ((cause as Error)?.name === 'TimeoutError')
        throw new CliError('SERVER_TIMEOUT', `no answer from ${server} within ${seconds} s`, EXIT.ERROR, {
          cause,
        })
      throw new CliError(
        'SERVER_UNREACHABLE',
        `cannot reach ${server} (is \`tessera serve\` running?)`,
        EXIT.ERROR,
        {
          cause,
        },
      )
    }
    const parsed = text ? safeJson(text) : {}
    if (!res.ok) {
      const problem = parsed as { code?: string; detail?: string }
      throw new CliError(
        typeof problem.code === 'string' ? problem.code : `HTTP_${res.status}`,
        typeof problem.detail === 'string' ? problem.detail : `the server answered ${res.status}`,
      )
    }
    return parsed as T
  })
}

function timeoutSeconds(input: CommandInput): number {
  const raw = input.io.env.TESSERA_TIMEOUT
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < 1)
    throw usageError('TESSERA_TIMEOUT must be a whole number of seconds (at least 1)')
  return n
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

/** A file named on the command line; unreadable is a usage error (FILE_UNREADABLE, exit 2). */
export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (cause) {
    throw new CliError('FILE_UNREADABLE', `cannot read ${path}`, EXIT.USAGE, { cause })
  }
}
