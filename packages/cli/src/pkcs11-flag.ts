import { usageError } from './cli-error.js'

/**
 * The check every flag taking a `pkcs11:` URI runs first: a pin-value on the command line leaks the
 * PIN (process list, shell history, a stored key source). The server package owns the rule; here
 * its refusal becomes the usage error (exit 2), whose message never repeats the URI.
 */
export async function refusePinValue(uri: string, flag: string): Promise<void> {
  const { assertNoPinValue, SignerError } = await import('@tessera/server')
  try {
    assertNoPinValue(uri, flag)
  } catch (err) {
    if (err instanceof SignerError) throw usageError(err.message)
    throw err
  }
}
