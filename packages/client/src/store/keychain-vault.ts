import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { resolve } from 'node:path'
import { type CommandResult, type RunCommand, runCommand } from '../platform/run-command.js'
import {
  type BuiltInVault,
  KeychainUnavailableError,
  KeyDamagedError,
  type UnavailableReason,
  type VaultKind,
} from './key-vault.js'

/** Milliseconds a keychain tool may take (a cold PowerShell start is the slowest). Default 10000. */
export const KEYCHAIN_TIMEOUT_MS = 10_000

/** Longest output read from a keychain tool: a key is tens of bytes, an error a line. */
const MAX_OUTPUT = 64 * 1024

export interface KeychainToolOptions {
  /** How the tool is run (tests inject a fake). Default: execFile without a shell. */
  run?: RunCommand
  /** Milliseconds before the tool is killed and the keychain counts as unavailable. Default 10000. */
  timeoutMs?: number
}

/**
 * Names one store among several of the same product on this device (another user, another
 * `storeDir`): the first 22 base64url characters of SHA-256 of the absolute store directory.
 */
export function storeTag(dir: string): string {
  return createHash('sha256').update(resolve(dir), 'utf8').digest('base64url').slice(0, 22)
}

/** A random store key kept in an OS keychain, created on first use. */
export abstract class KeychainVault implements BuiltInVault {
  abstract readonly kind: VaultKind
  abstract readonly description: string
  protected readonly run: RunCommand
  protected readonly timeoutMs: number

  constructor(
    readonly dir: string,
    options: KeychainToolOptions = {},
  ) {
    this.run = options.run ?? runCommand
    this.timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS
  }

  /** The stored key text, null when there is no entry; throws KeychainUnavailableError. */
  protected abstract read(product: string): Promise<string | null>
  /** Stores (or replaces) the key text; throws KeychainUnavailableError. */
  protected abstract write(product: string, text: string): Promise<void>

  async load(product: string): Promise<Uint8Array | null> {
    const text = await this.read(product)
    return text === null ? null : parseKeyText(text)
  }

  /** A new random key, stored, then read back: a keychain that did not keep it is unavailable. */
  async create(product: string): Promise<Uint8Array> {
    const key = new Uint8Array(randomBytes(32))
    await this.write(product, Buffer.from(key).toString('base64url'))
    const back = await this.load(product).catch(() => null)
    if (back === null || !timingSafeEqual(back, key)) throw new KeychainUnavailableError('failed')
    return key
  }

  async storeKey(product: string): Promise<Uint8Array> {
    return (await this.load(product).catch(rethrowUnavailable)) ?? this.create(product)
  }

  /** Runs the tool; a tool that is missing or timed out makes the keychain unavailable. */
  protected async tool(file: string, args: readonly string[], input = ''): Promise<CommandResult> {
    const result = await this.run(file, args, {
      input,
      timeoutMs: this.timeoutMs,
      maxOutputBytes: MAX_OUTPUT,
    })
    if (result.failure === 'missing') throw new KeychainUnavailableError('missing-tool')
    if (result.failure === 'timeout') throw new KeychainUnavailableError('timeout')
    return result
  }
}

/** Key text as kept in a keychain: the 32 key bytes in base64url (43 characters). */
export function parseKeyText(text: string): Uint8Array {
  const trimmed = text.trim()
  if (!/^[A-Za-z0-9_-]{43}$/.test(trimmed)) throw new KeyDamagedError('corrupt')
  return new Uint8Array(Buffer.from(trimmed, 'base64url'))
}

/** Classifies a tool's error output (never logged: it may echo what it was given). */
export function unavailableFrom(stderr: string): KeychainUnavailableError {
  let reason: UnavailableReason = 'failed'
  if (/d-?bus|autolaunch|org\.freedesktop|no such (secret )?service/i.test(stderr)) reason = 'no-session'
  else if (/locked|interaction is not allowed|user canceled/i.test(stderr)) reason = 'locked'
  return new KeychainUnavailableError(reason)
}

function rethrowUnavailable(err: unknown): null {
  if (err instanceof KeychainUnavailableError) throw err
  return null
}
