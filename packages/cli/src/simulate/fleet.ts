/**
 * The fleet simulator: N devices over D days in virtual time, each running the client's real
 * renewal schedule (schedule.ts / contact.ts of @tessera/client) and the core `evaluate`, against a
 * real in-process server (SQLite in a temp directory, the real routes and services, driven through
 * `app.inject` with an injected `now`). Nothing listens on a socket.
 *
 * Time advances hour by hour; within an hour each device acts at its own fixed offset, so server
 * requests are spread over the hour and processed in virtual-time order. A device re-evaluates
 * only when its bundle or clock changed or its decision's deadline passed (the decision is a pure
 * function, so in between it cannot change), and every bundle is verified once on arrival.
 */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ClockState,
  type Decision,
  type DecisionState,
  decodeJws,
  encodeBase64url,
  evaluate,
  formatLicenseKey,
  INITIAL_CLOCK,
  jwkThumbprint,
  licenseKeyHash,
  type OkpPublicJwk,
  type RecordedBundle,
  type TrustState,
  type VerifiedBundle,
  verifyBundle,
  verifyStatusReceipt,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import type { Storage } from '@tessera/server'
// The client's renewal logic is internal to @tessera/client (not exported); it is used here from
// its build output so the simulator runs exactly the code devices run. See the report of issue 6.
import { observeReceipt, serverTimeEstimate } from '../../../client/dist/clock/trusted-clock.js'
import { createProver } from '../../../client/dist/device/proof.js'
import type { Engine } from '../../../client/dist/lease/engine.js'
import { plannedAttempt, plannedCheckIn } from '../../../client/dist/renewal/contact.js'
import { INITIAL_RENEWAL, type RenewalState } from '../../../client/dist/renewal/renewal-state.js'
import {
  afterContact,
  afterFailure,
  type Failure,
  forLease,
  type ScheduleOptions,
} from '../../../client/dist/renewal/schedule.js'
import type { Prover } from '../../../client/dist/transport/transport.js'
import {
  DAY,
  drawOutages,
  HOUR,
  prng,
  type SimOptions,
  type SimPolicy,
  standardNormal,
  subSeed,
} from './model.js'

/** Virtual start of every run (2027-01-15T08:00:00Z), so runs are reproducible. */
export const T0 = 1_800_000_000
const PRODUCT = 'sim'
const FEATURES = ['edit', 'export', 'view']
const ESSENTIAL = ['view']
const TOLERANCE = 120
const ACCESS: ReadonlySet<DecisionState> = new Set(['active', 'renewal_due', 'offline_grace'])
const LOCKED: ReadonlySet<DecisionState> = new Set(['limited', 'expired', 'invalid'])
const OFFLINE_BUCKETS: [string, number][] = [
  ['<1h', HOUR],
  ['1-6h', 6 * HOUR],
  ['6-24h', DAY],
  ['1-3d', 3 * DAY],
  ['3-7d', 7 * DAY],
  ['7-14d', 14 * DAY],
  ['>14d', Number.POSITIVE_INFINITY],
]

export interface PolicyReport {
  policy: SimPolicy
  devices: number
  days: number
  /** Device-hours an entitled (never revoked, or not yet revoked) device spent limited/expired/invalid. */
  lockedOutDeviceHours: number
  /** Entitled devices locked out at least one hour. */
  devicesLockedOut: number
  /** Entitled device-hours per decision state. */
  stateHours: Record<string, number>
  revocations: {
    revoked: number
    /** Device-hours between revocation and losing access, summed. */
    residualDeviceHours: number
    maxResidualHours: number
    /** Revoked devices that learned it at a contact (locked at once) vs. ran out offline. */
    learnedOnline: number
    /** Devices whose residual access exceeded their lease's grace end (+1 h sampling); must be 0. */
    boundViolations: number
  }
  renewals: {
    attempts: number
    succeeded: number
    offline: number
    refused: number
    successRate: number
    /** Success rate of attempts that reached the server. */
    answeredSuccessRate: number
  }
  checkIns: { attempts: number; succeeded: number }
  offlineDurations: {
    /** Offline periods the clients measured (first unanswered attempt → next answer), seconds. */
    count: number
    p50Hours: number
    p90Hours: number
    p99Hours: number
    maxHours: number
    histogram: { bucket: string; count: number }[]
  }
  server: {
    requests: number
    byRoute: Record<string, number>
    byStatusClass: Record<string, number>
    /** Requests per virtual second over the whole run, and in the busiest virtual hour. */
    requestsPerSecond: number
    peakHourRequestsPerSecond: number
    peakSeats: number
  }
  daily: { lockedOutHours: number[]; residualHours: number[]; requests: number[]; seats: number[] }
  /** Wall-clock figures (not deterministic; left out of comparisons). */
  perf: {
    wallSeconds: number
    /** User + system CPU of this process (the server runs in it too). */
    cpuSeconds: number
    deviceDaysPerSecond: number
    setupSeconds: number
    serverSeconds: number
    requests: number
    msPerRequestByRoute: Record<string, number>
    evaluations: number
    verifications: number
  }
}

interface Device {
  index: number
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
  revokedAt: number | null
  revokedBoundHours: number
  residualHours: number
  lockedHours: number
  learnedOnline: boolean
}

interface LicenseSeed {
  id: string
  key: string
}

/** Runs one policy over the fleet the seed describes. */
export async function simulatePolicy(options: SimOptions, policy: SimPolicy): Promise<PolicyReport> {
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const { initDataDir, createServer, readRootJwk } = await import('@tessera/server')
  // tmpfs when there is one: the simulated server's SQLite commits then cost no disk flushes
  const dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tessera-sim-'))
  let vnow = T0
  const rootRnd = prng(subSeed(options.seed, 0x5eed))
  const random = (size: number) => {
    const out = new Uint8Array(size)
    for (let i = 0; i < size; i++) out[i] = Math.floor(rootRnd() * 256)
    return out
  }
  const init = await initDataDir({ dataDir: dir, now: () => T0 })
  const server = await createServer({
    dataDir: dir,
    logLevel: false,
    now: () => vnow,
    random,
    // One process plays every device from 127.0.0.1; a real fleet comes from many addresses.
    rateLimits: { perIp: 1_000_000_000 },
    keyringRefreshSeconds: 3600,
    // Shedding reacts to wall-clock event-loop delay, which means nothing in virtual time.
    loadShedding: false,
  })
  try {
    const app = server.app
    const storage = server.context.storage
    const trust: TrustState = { roots: [await readRootJwk(dir)], keysetVersion: 0, rootVersion: 0 }
    const licenses = await seedCatalog(storage, options, policy, random)
    const schedule: ScheduleOptions = {
      jitterSeconds: options.jitterSeconds,
      initialBackoffSeconds: options.initialBackoffSeconds,
      maxBackoffSeconds: options.maxBackoffSeconds,
      checkInSeconds: policy.checkIn,
    }
    const horizon = options.days * DAY
    const devices = makeDevices(options, horizon, () => vnow)
    const order = [...devices].sort((a, b) => a.offset - b.offset || a.index - b.index)
    const revocations = planRevocations(options, devices)
    const setupSeconds = (performance.now() - started) / 1000

    const hours = options.days * 24
    const daily = {
      lockedOutHours: new Array<number>(options.days).fill(0),
      residualHours: new Array<number>(options.days).fill(0),
      requests: new Array<number>(options.days).fill(0),
      seats: new Array<number>(options.days).fill(0),
    }
    const stateHours: Record<string, number> = {}
    const byRoute: Record<string, number> = {}
    const routeMs: Record<string, number> = {}
    const byStatusClass: Record<string, number> = {}
    const renewals = { attempts: 0, succeeded: 0, offline: 0, refused: 0 }
    const checkIns = { attempts: 0, succeeded: 0 }
    const offlineDurations: number[] = []
    let requests = 0
    let hourRequests = 0
    let peakHourRequests = 0
    let evaluations = 0
    let verifications = 0
    let serverMs = 0
    let peakSeats = 0

    const inject = async (
      method: 'GET' | 'POST',
      url: string,
      body?: string,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; json: Record<string, unknown> | null }> => {
      const t = performance.now()
      const res = await app.inject({
        method,
        url,
        ...(body !== undefined ? { payload: body } : {}),
        headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
      })
      const took = performance.now() - t
      serverMs += took
      requests++
      hourRequests++
      const day = Math.min(options.days - 1, Math.floor((vnow - T0) / DAY))
      daily.requests[day] = (daily.requests[day] ?? 0) + 1
      const route = url
        .split('?')[0]!
        .replace(/\/licenses\/[^/]+\/devices\/[^/]+\//, '/licenses/:id/devices/:device/')
      byRoute[route] = (byRoute[route] ?? 0) + 1
      routeMs[route] = (routeMs[route] ?? 0) + took
      const cls = `${Math.floor(res.statusCode / 100)}xx`
      byStatusClass[cls] = (byStatusClass[cls] ?? 0) + 1
      let json: Record<string, unknown> | null = null
      try {
        json = res.json() as Record<string, unknown>
      } catch {
        json = null
      }
      return { status: res.statusCode, json }
    }

    const sysNow = (d: Device) => vnow + d.skew
    const stub = (d: Device) =>
      ({
        state: {
          licenseId: () => (d.verified ? d.verified.lease.sub : licenses[d.license]!.id),
          leaseTimes: () =>
            d.verified
              ? { jti: d.verified.lease.jti, ren: d.verified.lease.ren, exp: d.verified.lease.exp }
              : null,
          record: { renewal: d.renewal },
        },
        now: () => sysNow(d),
        options: { renewal: schedule },
      }) as unknown as Engine

    const decide = (d: Device): Decision => {
      const now = sysNow(d)
      if (!d.dirty && d.decision !== null && vnow < d.evalAt) {
        // Unchanged inputs and no deadline passed: the same decision, its trusted-time estimate
        // moved on with the system clock (assessClock: signed time + elapsed), as evaluate would.
        const moved = now - d.evalSys
        return moved === 0 ? d.decision : { ...d.decision, time: d.decision.time + moved }
      }
      const decision = evaluate(
        {
          now,
          store: d.verified ? 'ok' : 'missing',
          bundle: d.verified,
          trust,
          device: { id: d.id, components: d.components },
          clock: d.clock,
          app: { product: PRODUCT, essential: ESSENTIAL },
          clockTolerance: TOLERANCE,
          ...(d.status !== null ? { status: d.status } : {}),
        },
        nodeCrypto,
      )
      evaluations++
      d.clock = decision.clock
      d.decision = decision
      d.evalSys = now
      d.dirty = false
      d.evalAt =
        decision.deadline === null
          ? Number.POSITIVE_INFINITY
          : vnow + Math.max(0, decision.deadline - decision.time)
      return decision
    }

    const adopt = (d: Device, bundle: unknown) => {
      const verified = verifyBundle(bundle as RecordedBundle, trust, nodeCrypto)
      verifications++
      const now = sysNow(d)
      d.verified = verified
      d.status = null
      d.proofSkew = 0
      d.clock = observeReceipt(d.clock, verified.status.iat, now)
      const lease = { jti: verified.lease.jti, ren: verified.lease.ren, exp: verified.lease.exp }
      d.renewal = afterContact(forLease(d.renewal, lease, schedule, d.rnd), now, 'renewed', schedule, d.rnd)
      d.dirty = true
    }

    const learnRevoked = (d: Device, receipt: string) => {
      d.status = receipt
      d.dirty = true
      d.learnedOnline = true
      d.renewal = afterContact(d.renewal, sysNow(d), 'revoked', schedule, d.rnd)
    }

    const noteOffline = (d: Device) => {
      if (d.renewal.offlineSince > 0) offlineDurations.push(sysNow(d) - d.renewal.offlineSince)
    }

    const online = (d: Device): boolean => {
      const rel = vnow - T0
      while (d.outage < d.outages.length && d.outages[d.outage]![1] <= rel) d.outage++
      const next = d.outages[d.outage]
      return !(next !== undefined && next[0] <= rel)
    }

    const activate = async (d: Device) => {
      let res = await activateOnce(d)
      if (res.status === 401 && res.json?.code === 'PROOF_INVALID') {
        // the client's withProofRetry/syncTime: aim proofs with an (unverified) server time, retry once
        const t = await inject('GET', `/v1/time?nonce=sim${d.index}`)
        try {
          const iat = decodeJws(String(t.json?.receipt), 'time').payload.iat
          if (typeof iat === 'number') d.proofSkew = iat - serverTimeEstimate(d.clock, sysNow(d), TOLERANCE)
        } catch {
          // keep the old aim
        }
        res = await activateOnce(d)
      }
      if (res.status === 200) adopt(d, res.json?.bundle)
      else if (process.env.SIM_DEBUG)
        process.stderr.write(`activate ${res.status} ${JSON.stringify(res.json)}\n`)
    }

    const activateOnce = async (d: Device) => {
      const lic = licenses[d.license]!
      const n = await inject('GET', '/v1/nonce')
      const nonce = String(n.json?.nonce ?? '')
      const body = JSON.stringify({
        product: PRODUCT,
        licenseKey: lic.key,
        deviceKey: d.key,
        fingerprint: d.components,
      })
      const proof = await d.prove({ method: 'POST', path: '/v1/activate', body: Buffer.from(body), nonce })
      return inject('POST', '/v1/activate', body, { 'tessera-proof': proof })
    }

    const renew = async (d: Device) => {
      renewals.attempts++
      const now = sysNow(d)
      if (!online(d)) {
        renewals.offline++
        const failure: Failure = { kind: 'offline', code: 'OFFLINE', retryAfter: null }
        d.renewal = afterFailure(d.renewal, now, failure, schedule, d.rnd)
        return
      }
      const v = d.verified
      const license = v ? v.lease.sub : licenses[d.license]!.id
      const body = JSON.stringify({ product: PRODUCT, license, ...(v ? { lease: v.lease.jti } : {}) })
      const proof = await d.prove({ method: 'POST', path: '/v1/renew', body: Buffer.from(body) })
      const res = await inject('POST', '/v1/renew', body, { 'tessera-proof': proof })
      if (res.status === 200) {
        renewals.succeeded++
        noteOffline(d)
        adopt(d, res.json?.bundle)
        return
      }
      const receipt = res.json?.statusReceipt
      if (res.status === 403 && typeof receipt === 'string' && v && isRevokedReceipt(receipt, v)) {
        renewals.refused++
        noteOffline(d)
        learnRevoked(d, receipt)
        return
      }
      renewals.refused++
      if (process.env.SIM_DEBUG && renewals.refused < 5)
        process.stderr.write(`renew ${res.status} ${JSON.stringify(res.json)}\n`)
      const retry = Number(res.json?.retryAfter ?? 0) || null
      const kind = res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'server_error' : 'rejected'
      d.renewal = afterFailure(
        d.renewal,
        now,
        { kind, code: String(res.json?.code ?? res.status), retryAfter: retry },
        schedule,
        d.rnd,
      )
    }

    const checkIn = async (d: Device) => {
      checkIns.attempts++
      const now = sysNow(d)
      const v = d.verified
      if (!online(d) || v === null) {
        missedCheckIn(d, now, true)
        return
      }
      const body = JSON.stringify({ product: PRODUCT, license: v.lease.sub })
      const proof = await d.prove({ method: 'POST', path: '/v1/status', body: Buffer.from(body) })
      const res = await inject('POST', '/v1/status', body, { 'tessera-proof': proof })
      const receipt = res.status === 200 ? res.json?.status : res.json?.statusReceipt
      if (typeof receipt !== 'string') {
        missedCheckIn(d, now, false)
        return
      }
      let claims: ReturnType<typeof verifyStatusReceipt>
      try {
        claims = verifyStatusReceipt(receipt, v.keyset, PRODUCT, nodeCrypto)
      } catch {
        missedCheckIn(d, now, false)
        return
      }
      checkIns.succeeded++
      noteOffline(d)
      if (claims.sts === 'revoked') {
        learnRevoked(d, receipt)
        return
      }
      d.clock = observeReceipt(d.clock, claims.iat, now)
      d.renewal = afterContact(d.renewal, now, null, schedule, d.rnd)
      d.dirty = true
    }

    // contact.ts's missedCheckIn is private: the same two lines.
    const missedCheckIn = (d: Device, now: number, offline: boolean) => {
      d.renewal = {
        ...d.renewal,
        nextCheckInAt: now + Math.min(schedule.checkInSeconds, schedule.maxBackoffSeconds),
        offlineSince: offline ? d.renewal.offlineSince || now : d.renewal.offlineSince,
      }
    }

    const adminToken = init.adminToken
    let nextRevocation = 0
    for (let h = 0; h < hours; h++) {
      const hourStart = T0 + h * HOUR
      const day = Math.floor(h / 24)
      vnow = hourStart
      while (nextRevocation < revocations.length && revocations[nextRevocation]!.at <= hourStart) {
        const { device: d } = revocations[nextRevocation]!
        // an operator whose request is refused (503, 429) tries again the next hour
        if (!(await revokeDevice(inject, adminToken, licenses[d.license]!.id, d.id))) break
        nextRevocation++
        d.revokedAt = hourStart
        const grc = d.verified?.lease.grc ?? hourStart
        d.revokedBoundHours = Math.max(0, grc - hourStart) / HOUR
      }
      hourRequests = 0
      for (const d of order) {
        vnow = hourStart + d.offset
        if (h === 0) await activate(d)
        let decision = decide(d)
        const now = sysNow(d)
        const attempt = plannedAttempt(stub(d), decision)
        const check = plannedCheckIn(stub(d), decision)
        if (attempt !== null && attempt <= now) {
          await renew(d)
          decision = decide(d)
        } else if (check !== null && check <= now) {
          await checkIn(d)
          decision = decide(d)
        }
        stateHours[decision.state] = (stateHours[decision.state] ?? 0) + 1
        if (d.revokedAt === null) {
          if (LOCKED.has(decision.state)) {
            d.lockedHours++
            daily.lockedOutHours[day]!++
          }
        } else if (ACCESS.has(decision.state)) {
          d.residualHours++
          daily.residualHours[day]!++
        }
      }
      peakHourRequests = Math.max(peakHourRequests, hourRequests)
      if (h % 24 === 23 || h === 0) {
        const seats = await storage.countActiveSeats()
        peakSeats = Math.max(peakSeats, seats)
        daily.seats[day] = Math.max(daily.seats[day] ?? 0, seats)
      }
    }

    const revoked = devices.filter((d) => d.revokedAt !== null)
    const wallSeconds = (performance.now() - started) / 1000
    const sorted = [...offlineDurations].sort((a, b) => a - b)
    const pct = (p: number) =>
      round2((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) / HOUR)
    return {
      policy,
      devices: options.devices,
      days: options.days,
      lockedOutDeviceHours: devices.reduce((a, d) => a + d.lockedHours, 0),
      devicesLockedOut: devices.filter((d) => d.lockedHours > 0).length,
      stateHours,
      revocations: {
        revoked: revoked.length,
        residualDeviceHours: revoked.reduce((a, d) => a + d.residualHours, 0),
        maxResidualHours: revoked.reduce((a, d) => Math.max(a, d.residualHours), 0),
        learnedOnline: revoked.filter((d) => d.learnedOnline).length,
        boundViolations: revoked.filter((d) => d.residualHours > d.revokedBoundHours + 1).length,
      },
      renewals: {
        ...renewals,
        successRate: ratio(renewals.succeeded, renewals.attempts),
        answeredSuccessRate: ratio(renewals.succeeded, renewals.attempts - renewals.offline),
      },
      checkIns,
      offlineDurations: {
        count: sorted.length,
        p50Hours: pct(0.5),
        p90Hours: pct(0.9),
        p99Hours: pct(0.99),
        maxHours: round2((sorted[sorted.length - 1] ?? 0) / HOUR),
        histogram: histogram(sorted),
      },
      server: {
        requests,
        byRoute,
        byStatusClass,
        requestsPerSecond: round4(requests / (options.days * DAY)),
        peakHourRequestsPerSecond: round4(peakHourRequests / HOUR),
        peakSeats,
      },
      daily,
      perf: {
        wallSeconds: round2(wallSeconds),
        cpuSeconds: round2((process.cpuUsage(cpuStart).user + process.cpuUsage(cpuStart).system) / 1e6),
        deviceDaysPerSecond: Math.round((options.devices * options.days) / wallSeconds),
        setupSeconds: round2(setupSeconds),
        serverSeconds: round2(serverMs / 1000),
        requests,
        msPerRequestByRoute: Object.fromEntries(
          Object.entries(routeMs).map(([r, ms]) => [r, round2(ms / (byRoute[r] ?? 1))]),
        ),
        evaluations,
        verifications,
      },
    }
  } finally {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
}

function isRevokedReceipt(receipt: string, v: VerifiedBundle): boolean {
  try {
    return verifyStatusReceipt(receipt, v.keyset, PRODUCT, nodeCrypto).sts === 'revoked'
  } catch {
    return false
  }
}

async function revokeDevice(
  inject: (m: 'POST', url: string, body: string, h: Record<string, string>) => Promise<{ status: number }>,
  token: string,
  license: string,
  device: string,
): Promise<boolean> {
  const res = await inject(
    'POST',
    `/v1/admin/licenses/${license}/devices/${device}/revoke`,
    '{"reason":"simulated"}',
    {
      authorization: `Bearer ${token}`,
    },
  )
  if (res.status === 200) return true
  if (res.status === 429 || res.status >= 500) return false
  throw new Error(`simulated revocation failed with HTTP ${res.status}`)
}

async function seedCatalog(
  storage: Storage,
  options: SimOptions,
  policy: SimPolicy,
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
  const count = Math.ceil(options.devices / options.seatsPerLicense)
  const out: LicenseSeed[] = []
  for (let i = 0; i < count; i++) {
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

function makeDevices(options: SimOptions, horizon: number, vnow: () => number): Device[] {
  const devices: Device[] = []
  for (let i = 0; i < options.devices; i++) {
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
      license: Math.floor(i / options.seatsPerLicense),
      key,
      id,
      components: [`fp${i}-a`, `fp${i}-b`, `fp${i}-c`, `fp${i}-d`],
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

/** Which devices are revoked and when (uniform after day 1), drawn independently of the policy. */
function planRevocations(options: SimOptions, devices: Device[]): { at: number; device: Device }[] {
  const rnd = prng(subSeed(options.seed, 0x7e70c))
  const out: { at: number; device: Device }[] = []
  const hours = options.days * 24
  for (const device of devices) {
    const pick = rnd()
    const when = rnd()
    if (pick < options.connectivity.revokeRate && hours > 25) {
      out.push({ at: T0 + (24 + Math.floor(when * (hours - 25))) * HOUR, device })
    }
  }
  return out.sort((a, b) => a.at - b.at || a.device.index - b.device.index)
}

function histogram(sorted: number[]): { bucket: string; count: number }[] {
  const counts = OFFLINE_BUCKETS.map(([bucket]) => ({ bucket, count: 0 }))
  for (const s of sorted) {
    const i = OFFLINE_BUCKETS.findIndex(([, max]) => s < max)
    counts[i]!.count++
  }
  return counts
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : Math.round((a / b) * 10_000) / 10_000
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}
