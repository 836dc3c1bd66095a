import { TestDevice } from '../../../packages/server/src/test-support/test-device.js'

const HOUR = 3600
const DAY = 86_400

/** JSON over fetch; throws with the problem detail on a non-2xx answer. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: unknown,
): Promise<T> {
  const text = body === undefined ? undefined : JSON.stringify(body)
  const res = await fetch(url, {
    method,
    headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(text !== undefined ? { body: text } : {}),
  })
  const answer = await res.text()
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${answer}`)
  return (answer ? JSON.parse(answer) : {}) as T
}

/** The operator API with a token. */
export function adminClient(base: string, token: string) {
  const auth = { authorization: `Bearer ${token}` }
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>(`${base}${path}`, 'GET', auth),
    post: <T = Record<string, unknown>>(path: string, body: unknown = {}) =>
      call<T>(`${base}${path}`, 'POST', auth, body),
  }
}

/** A device request signed with the device's proof of possession, as the client SDK sends it. */
async function devicePost(base: string, device: TestDevice, path: string, body: unknown, nonce?: string) {
  const text = JSON.stringify(body)
  const proof = await device.proof('POST', path, text, nonce ? { nonce } : {})
  return call(`${base}${path}`, 'POST', { 'tessera-proof': proof }, body)
}

/** Activates a fresh device on a license key through the real device API. */
export async function activateDevice(base: string, product: string, licenseKey: string): Promise<TestDevice> {
  const device = new TestDevice()
  const { nonce } = await call<{ nonce: string }>(`${base}/v1/nonce`, 'GET', {})
  const body = { product, licenseKey, deviceKey: device.jwk, fingerprint: device.fingerprint }
  await devicePost(base, device, '/v1/activate', body, nonce)
  return device
}

export async function renewDevice(base: string, device: TestDevice, product: string, license: string) {
  await devicePost(base, device, '/v1/renew', { product, license })
}

/**
 * Uploads a week of privacy-safe telemetry from one device: renewal outcomes spread over the
 * last days, offline durations from minutes to weeks, and a few anomalies.
 */
export async function uploadTelemetry(
  base: string,
  device: TestDevice,
  product: string,
  license: string,
  now: number,
  tag: string,
): Promise<number> {
  const events: Record<string, unknown>[] = []
  const add = (e: Record<string, unknown>) => events.push({ id: `${tag}-${events.length}`, ...e })
  for (let d = 0; d < 7; d++) {
    for (let k = 0; k < 4 + (d % 3); k++)
      add({ type: 'renewal', at: now - d * DAY - HOUR - k * 60, outcome: 'ok' })
    if (d % 2 === 0) add({ type: 'renewal', at: now - d * DAY - 2 * HOUR, outcome: 'offline' })
    if (d === 1) add({ type: 'renewal', at: now - d * DAY - 3 * HOUR, outcome: 'server_error' })
    if (d === 3) add({ type: 'renewal', at: now - d * DAY - 3 * HOUR, outcome: 'rejected' })
  }
  for (const seconds of [900, 5 * HOUR, 20 * HOUR, 2 * DAY, 5 * DAY, 9 * DAY])
    add({ type: 'offline', at: now - 3 * HOUR, seconds })
  add({ type: 'anomaly', at: now - 5 * HOUR, code: 'CLOCK_ROLLBACK' })
  add({ type: 'anomaly', at: now - 6 * HOUR, code: 'CLOCK_ROLLBACK' })
  add({ type: 'anomaly', at: now - 7 * HOUR, code: 'STORE_CORRUPT' })
  const answer = await devicePost(base, device, '/v1/telemetry', { product, license, events })
  return Number(answer.accepted)
}
