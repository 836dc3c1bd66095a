/**
 * A shard's fleet before the first hour: its devices (keys, clock skew, outages, random streams,
 * all drawn from the run's seed and the device's global index), the revocations that will hit
 * them, and the catalog (product, policy, licenses) seeded into the shard's server.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import {
  createProver,
  INITIAL_RENEWAL,
  type Prover,
  type RenewalState,
  serverTimeEstimate,
} from '@tessera/client/simulation'
import {
  type ClockState,
  componentHash,
  type Decision,
  type DecisionState,
  encodeBase64url,
  formatLicenseKey,
  INITIAL_CLOCK,
  jwkThumbprint,
  licenseKeyHash,
  type OkpPublicJwk,
  type VerifiedBundle,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { Storage } from '@tessera/server'
import {
  DAY,
  drawOutages,
  HOUR,
  prng,
  type ShardSpec,
  type SimOptions,
  type SimPolicy,
  standardNormal,
  subSeed,
} from './model.js'

/** Virtual start of every run (2027-01-15T08:00:00Z), so runs are reproducible. */
export const T0 = 1_800_000_000
export const PRODUCT = 'sim'
const FEATURES = ['edit', 'export', 'view']
export const ESSENTIAL = ['view']
/** The client's clock tolerance, seconds. */
export const TOLERANCE = 120

export interface Device {
  index: number
  /** Index of its license among the shard's licenses. */
  license: number
  key: OkpPublicJwk
  id: string
  components: string[]
  prove: Prover
  offset: number
  skew: number
  /** Seconds added to proofs' iat only (the client's Engine.proofSkew). */
  proofSkew: number
  outages: [number, number][]
  outage: number
  rnd: () => number
  verified: VerifiedBundle | null
  status: string | null
  clock: ClockState
  renewal: RenewalState
  decision: Decision | null
  /** System time of the last evaluation. */
  evalSys: number
  evalAt: number
  dirty: boolean
  /** First hour at which the device may act or its decision may change. */
  wake: number
  /** Hours from `countedFrom` up to the device's next turn are in `countedState`, not yet tallied. */
  countedState: DecisionState | null
  countedFrom: number
  revokedAt: number | null
  revokedBoundHours: number
  residualHours: number
  lockedHours: number
  learnedOnline: boolean
}

export interface LicenseSeed {
  id: string
  key: string
}

/** The shard's devices, in global index order; `vnow` is the server's virtual time. */
export function makeDevices(
  options: SimOptions,
  shard: ShardSpec,
  horizon: number,
  vnow: () => number,
): Device[] {
  const devices: Device[] = []
  for (let i = shard.firstDevice; i < shard.firstDevice + shard.devices; i++) {
    const rnd = prng(subSeed(options.seed, i + 1))
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const x = publicKey.export({ format: 'jwk' }).x!
    const key: OkpPublicJwk = { kty: 'OKP', crv: 'Ed25519', x }
    const id = jwkThumbprint(key, nodeCrypto)
    const offset = Math.floor(rnd() * HOUR)
    const skew = Math.round(standardNormal(rnd) * options.connectivity.skewMinutes * 60)
    const outages = drawOutages(options.connectivity, horizon, rnd)
    // the device's own random stream for the client's jitter and back-off
    const scheduleRnd = prng(subSeed(options.seed, 1_000_003 + i))
    const device: Device = {
      index: i,
      license: Math.floor(i / options.seatsPerLicense) - shard.firstLicense,
      key,
      id,
      components: ['machine-id', 'os', 'cpu', 'host'].map((name) =>
        componentHash(PRODUCT, name, `device-${i}`, nodeCrypto),
      ),
      prove: null as unknown as Prover,
      offset,
      skew,
      proofSkew: 0,
      outages,
      outage: 0,
      rnd: scheduleRnd,
      verified: null,
      status: null,
      clock: INITIAL_CLOCK,
      renewal: INITIAL_RENEWAL,
      decision: null,
      evalSys: 0,
      evalAt: 0,
      dirty: true,
      wake: 0,
      countedState: null,
      countedFrom: 0,
      revokedAt: null,
      revokedBoundHours: 0,
      residualHours: 0,
      lockedHours: 0,
      learnedOnline: false,
    }
    const signer = { id, publicJwk: key, sign: (data: Uint8Array) => nodeSign(null, data, privateKey) }
    // Proofs carry the client's server-time estimate, as the real client's prover does.
    device.prove = createProver(
      signer,
      () => serverTimeEstimate(device.clock, vnow() + device.skew, TOLERANCE) + device.proofSkew,
    )
    devices.push(device)
  }
  return devices
}

/**
 * Which of `devices` are revoked and when (uniform after day 1), drawn for the whole fleet in
 * device order from one stream, independently of the policy and of the sharding.
 */
export function planRevocations(options: SimOptions, devices: Device[]): { at: number; device: Device }[] {
  const rnd = prng(subSeed(options.seed, 0x7e70c))
  const out: { at: number; device: Device }[] = []
  const hours = options.days * 24
  const first = devices[0]?.index ?? 0
  const end = first + devices.length
  for (let i = 0; i < end; i++) {
    const pick = rnd()
    const when = rnd()
    if (i >= first && pick < options.connectivity.revokeRate && hours > 25) {
      out.push({ at: T0 + (24 + Math.floor(when * (hours - 25))) * HOUR, device: devices[i - first]! })
    }
  }
  return out.sort((a, b) => a.at - b.at || a.device.index - b.device.index)
}

/** Product, edition, the policy and the shard's licenses (`seatsPerLicense` seats each). */
export async function seedCatalog(
  storage: Storage,
  options: SimOptions,
  policy: SimPolicy,
  shard: ShardSpec,
  random: (n: number) => Uint8Array,
): Promise<LicenseSeed[]> {
  await storage.createProduct({
    id: PRODUCT,
    name: 'Simulated app',
    features: FEATURES,
    essential: ESSENTIAL,
    createdAt: T0,
  })
  await storage.putEdition({ productId: PRODUCT, id: 'pro', features: FEATURES })
  const policyId = `pol_${encodeBase64url(random(9))}`
  await storage.createPolicy({ id: policyId, productId: PRODUCT, name: 'simulated', createdAt: T0 })
  await storage.createPolicyVersion({
    policyId,
    params: {
      offlineWindow: policy.offlineWindow,
      renewAfter: policy.renewAfter,
      grace: policy.grace,
      fallback: policy.fallback,
      accessTokenTtl: 3600,
      maxDevices: 0,
      fingerprintMatch: 3,
      transfers: { max: 3, cooldown: 0 },
      checkIn: Math.max(60, policy.checkIn || DAY),
    },
    createdAt: T0,
  })
  const out: LicenseSeed[] = []
  for (let i = shard.firstLicense; i < shard.firstLicense + shard.licenses; i++) {
    const key = formatLicenseKey(random(16))
    const id = `lic_${encodeBase64url(random(9))}`
    await storage.createLicense({
      id,
      productId: PRODUCT,
      policyId,
      keyHash: licenseKeyHash(key, nodeCrypto),
      keyHint: key.slice(-4),
      ownerRef: `acct_${i}`,
      edition: 'pro',
      features: FEATURES,
      seats: options.seatsPerLicense,
      expiresAt: null,
      createdAt: T0,
    })
    out.push({ id, key })
  }
  return out
}
