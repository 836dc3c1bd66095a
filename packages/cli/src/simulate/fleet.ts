/**
 * The fleet simulator's core: one shard of the fleet (whole licenses and their devices) over D
 * days in virtual time, each device running the client's real renewal schedule (schedule.ts /
 * contact.ts of @tessera/client) and the core `evaluate`, against a real in-process server
 * (SQLite in a temp directory, the real routes and services, driven through `app.inject` with an
 * injected `now`). Nothing listens on a socket.
 *
 * Time advances hour by hour; within an hour each device acts at its own fixed offset, so server
 * requests are spread over the hour and processed in virtual-time order. A device takes its turn
 * only in hours where something can happen to it: its decision is a pure function of inputs that
 * only its own contacts change, so it stays the same until its deadline, and the client's own
 * plannedAttempt/plannedCheckIn say when it next contacts the server. The hours in between are
 * counted in bulk in the state it was left in. Every bundle is verified on arrival (its key set
 * once per distinct key set document: the same bytes verify the same way).
 */
import {
  afterContact,
  afterFailure,
  type Engine,
  type Failure,
  forLease,
  observeReceipt,
  plannedAttempt,
  plannedCheckIn,
  type ScheduleOptions,
  serverTimeEstimate,
} from '@tessera/client/simulation'
import {
  type Decision,
  type DecisionState,
  decodeJws,
  evaluate,
  type RecordedBundle,
  type VerifiedBundle,
  type VerifiedKeyset,
  verifyBundleTokens,
  verifyKeyset,
  verifyStatusReceipt,
} from '@tessera/core'
import { nodeCrypto } from '@tessera/crypto-node'
import {
  type Device,
  ESSENTIAL,
  makeDevices,
  PRODUCT,
  planRevocations,
  T0,
  TOLERANCE,
} from './fleet-setup.js'
import { DAY, HOUR, type ShardTask } from './model.js'
import { type Answer, SimServer } from './sim-server.js'
import { addSpread, emptyTally, type ShardTally } from './tally.js'

const ACCESS: ReadonlySet<DecisionState> = new Set(['active', 'renewal_due', 'offline_grace'])
const LOCKED: ReadonlySet<DecisionState> = new Set(['limited', 'expired', 'invalid'])

/** Runs one policy over one shard of the fleet the seed describes. */
export async function simulateShard(task: ShardTask): Promise<ShardTally> {
  const started = performance.now()
  const tally = emptyTally(task.options.days)
  tally.devices = task.shard.devices
  const server = await SimServer.open(task, tally)
  try {
    const shard = new Shard(task, server)
    tally.perf.setupSeconds = (performance.now() - started) / 1000
    await shard.run()
    return tally
  } finally {
    await server.close()
  }
}

class Shard {
  readonly tally: ShardTally
  readonly #schedule: ScheduleOptions
  readonly #devices: Device[]
  /** Verified key sets by their exact chain and document: verified once, not once per bundle. */
  readonly #keysets = new Map<string, VerifiedKeyset>()

  constructor(
    readonly task: ShardTask,
    readonly server: SimServer,
  ) {
    const { options, policy } = task
    this.tally = server.tally
    this.#schedule = {
      jitterSeconds: options.jitterSeconds,
      initialBackoffSeconds: options.initialBackoffSeconds,
      maxBackoffSeconds: options.maxBackoffSeconds,
      checkInSeconds: policy.checkIn,
    }
    this.#devices = makeDevices(options, task.shard, options.days * DAY, () => server.vnow)
  }

  get vnow(): number {
    return this.server.vnow
  }

  async run(): Promise<void> {
    const { days } = this.task.options
    const hours = days * 24
    const order = [...this.#devices].sort((a, b) => a.offset - b.offset || a.index - b.index)
    const revocations = planRevocations(this.task.options, this.#devices)
    let nextRevocation = 0
    for (let h = 0; h < hours; h++) {
      const hourStart = T0 + h * HOUR
      this.server.vnow = hourStart
      while (nextRevocation < revocations.length && revocations[nextRevocation]!.at <= hourStart) {
        const { device: d } = revocations[nextRevocation]!
        // an operator whose request is refused (503, 429) tries again the next hour
        if (!(await this.#revoke(d))) break
        nextRevocation++
        this.#count(d, h)
        d.revokedAt = hourStart
        const grc = d.verified?.lease.grc ?? hourStart
        d.revokedBoundHours = Math.max(0, grc - hourStart) / HOUR
        d.wake = h
      }
      this.server.hourRequests = 0
      for (const d of order) {
        if (d.wake > h) continue
        this.server.vnow = hourStart + d.offset
        await this.#turn(d, h)
      }
      this.tally.hourlyRequests[h] = this.server.hourRequests
      if (h % 24 === 23 || h === 0) {
        this.tally.seatSamples[h === 0 ? 0 : 1 + Math.floor(h / 24)] = await this.server.countSeats()
      }
    }
    for (const d of this.#devices) this.#count(d, hours)
    this.#finish()
  }

  /** One device's turn in hour `h`: decide, renew or check in when the client would, note when next. */
  async #turn(d: Device, h: number): Promise<void> {
    if (h === 0) await this.#activate(d)
    this.#count(d, h)
    let decision = this.#decide(d)
    const now = this.#sysNow(d)
    const attempt = plannedAttempt(this.#engine(d), decision)
    const check = plannedCheckIn(this.#engine(d), decision)
    if (attempt !== null && attempt <= now) {
      await this.#renew(d)
      decision = this.#decide(d)
    } else if (check !== null && check <= now) {
      await this.#checkIn(d)
      decision = this.#decide(d)
    }
    d.countedState = decision.state
    d.countedFrom = h
    d.wake = this.task.everyHour ? h + 1 : this.#nextTurn(d, decision, h)
  }

  /**
   * The first hour after `h` in which the device may contact the server or its decision may
   * change. Until then every hour would take the cached decision (same state) and find neither a
   * renewal nor a check-in due: with the decision's time moving in step with the system clock,
   * the client's planned attempt and check-in are fixed system times, or only move later.
   */
  #nextTurn(d: Device, decision: Decision, h: number): number {
    const hourOf = (virtual: number) => Math.ceil((virtual - T0 - d.offset) / HOUR)
    let next = Number.POSITIVE_INFINITY
    if (Number.isFinite(d.evalAt)) next = hourOf(d.evalAt)
    const attempt = plannedAttempt(this.#engine(d), decision)
    if (attempt !== null) next = Math.min(next, hourOf(attempt - d.skew))
    const check = plannedCheckIn(this.#engine(d), decision)
    if (check !== null) next = Math.min(next, hourOf(check - d.skew))
    return Math.max(h + 1, next)
  }

  /** Tallies the device's hours from its last turn up to hour `h` (exclusive), all in one state. */
  #count(d: Device, h: number): void {
    const n = h - d.countedFrom
    const state = d.countedState
    if (state === null || n <= 0) return
    const t = this.tally
    t.stateHours[state] = (t.stateHours[state] ?? 0) + n
    if (d.revokedAt === null) {
      if (LOCKED.has(state)) {
        d.lockedHours += n
        addSpread(t.daily.lockedOutHours, d.countedFrom, n, 24)
      }
    } else if (ACCESS.has(state)) {
      d.residualHours += n
      addSpread(t.daily.residualHours, d.countedFrom, n, 24)
    }
    d.countedFrom = h
  }

  #finish(): void {
    const t = this.tally
    const revoked = this.#devices.filter((d) => d.revokedAt !== null)
    t.lockedOutDeviceHours = this.#devices.reduce((a, d) => a + d.lockedHours, 0)
    t.devicesLockedOut = this.#devices.filter((d) => d.lockedHours > 0).length
    t.revocations = {
      revoked: revoked.length,
      residualDeviceHours: revoked.reduce((a, d) => a + d.residualHours, 0),
      maxResidualHours: revoked.reduce((a, d) => Math.max(a, d.residualHours), 0),
      learnedOnline: revoked.filter((d) => d.learnedOnline).length,
      boundViolations: revoked.filter((d) => d.residualHours > d.revokedBoundHours + 1).length,
    }
  }

  #sysNow(d: Device): number {
    return this.vnow + d.skew
  }

  /** The slice of the client's Engine that plannedAttempt and plannedCheckIn read. */
  #engine(d: Device): Engine {
    return {
      state: {
        licenseId: () => (d.verified ? d.verified.lease.sub : this.server.licenses[d.license]!.id),
        leaseTimes: () =>
          d.verified
            ? { jti: d.verified.lease.jti, ren: d.verified.lease.ren, exp: d.verified.lease.exp }
            : null,
        record: { renewal: d.renewal },
      },
      now: () => this.#sysNow(d),
      options: { renewal: this.#schedule },
    } as unknown as Engine
  }

  #decide(d: Device): Decision {
    const now = this.#sysNow(d)
    if (!d.dirty && d.decision !== null && this.vnow < d.evalAt) {
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
        trust: this.server.trust,
        device: { id: d.id, components: d.components },
        clock: d.clock,
        app: { product: PRODUCT, essential: ESSENTIAL },
        clockTolerance: TOLERANCE,
        ...(d.status !== null ? { status: d.status } : {}),
      },
      nodeCrypto,
    )
    this.tally.perf.evaluations++
    d.clock = decision.clock
    d.decision = decision
    d.evalSys = now
    d.dirty = false
    d.evalAt =
      decision.deadline === null
        ? Number.POSITIVE_INFINITY
        : this.vnow + Math.max(0, decision.deadline - decision.time)
    return decision
  }

  /** verifyBundle, with the key set (identical in every bundle of a run) verified once per document. */
  #verify(bundle: RecordedBundle): VerifiedBundle {
    const id = `${bundle.chain.join('\n')}\n\n${bundle.keyset}`
    let keyset = this.#keysets.get(id)
    if (keyset === undefined) {
      keyset = verifyKeyset(bundle.chain, bundle.keyset, this.server.trust, nodeCrypto)
      this.#keysets.set(id, keyset)
    }
    return verifyBundleTokens(bundle, keyset, nodeCrypto)
  }

  #adopt(d: Device, bundle: unknown): void {
    const verified = this.#verify(bundle as RecordedBundle)
    this.tally.perf.verifications++
    const now = this.#sysNow(d)
    d.verified = verified
    d.status = null
    d.proofSkew = 0
    d.clock = observeReceipt(d.clock, verified.status.iat, now)
    const lease = { jti: verified.lease.jti, ren: verified.lease.ren, exp: verified.lease.exp }
    d.renewal = afterContact(
      forLease(d.renewal, lease, this.#schedule, d.rnd),
      now,
      'renewed',
      this.#schedule,
      d.rnd,
    )
    d.dirty = true
  }

  #learnRevoked(d: Device, receipt: string): void {
    d.status = receipt
    d.dirty = true
    d.learnedOnline = true
    d.renewal = afterContact(d.renewal, this.#sysNow(d), 'revoked', this.#schedule, d.rnd)
  }

  #noteOffline(d: Device): void {
    if (d.renewal.offlineSince > 0) this.tally.offlineSeconds.push(this.#sysNow(d) - d.renewal.offlineSince)
  }

  #online(d: Device): boolean {
    const rel = this.vnow - T0
    while (d.outage < d.outages.length && d.outages[d.outage]![1] <= rel) d.outage++
    const next = d.outages[d.outage]
    return !(next !== undefined && next[0] <= rel)
  }

  async #activate(d: Device): Promise<void> {
    let res = await this.#activateOnce(d)
    if (res.status === 401 && res.json?.code === 'PROOF_INVALID') {
      // the client's withProofRetry/syncTime: aim proofs with an (unverified) server time, retry once
      const t = await this.server.request('GET', `/v1/time?nonce=sim${d.index}`)
      try {
        const iat = decodeJws(String(t.json?.receipt), 'time').payload.iat
        if (typeof iat === 'number')
          d.proofSkew = iat - serverTimeEstimate(d.clock, this.#sysNow(d), TOLERANCE)
      } catch {
        // keep the old aim
      }
      res = await this.#activateOnce(d)
    }
    if (res.status === 200) this.#adopt(d, res.json?.bundle)
    else if (process.env.SIM_DEBUG)
      process.stderr.write(`activate ${res.status} ${JSON.stringify(res.json)}\n`)
  }

  async #activateOnce(d: Device): Promise<Answer> {
    const lic = this.server.licenses[d.license]!
    const n = await this.server.request('GET', '/v1/nonce')
    const nonce = String(n.json?.nonce ?? '')
    const body = JSON.stringify({
      product: PRODUCT,
      licenseKey: lic.key,
      deviceKey: d.key,
      fingerprint: d.components,
    })
    const proof = await d.prove({ method: 'POST', path: '/v1/activate', body: Buffer.from(body), nonce })
    return this.server.request('POST', '/v1/activate', body, { 'tessera-proof': proof })
  }

  async #renew(d: Device): Promise<void> {
    const { renewals } = this.tally
    renewals.attempts++
    const now = this.#sysNow(d)
    if (!this.#online(d)) {
      renewals.offline++
      const failure: Failure = { kind: 'offline', code: 'OFFLINE', retryAfter: null }
      d.renewal = afterFailure(d.renewal, now, failure, this.#schedule, d.rnd)
      return
    }
    const v = d.verified
    const license = v ? v.lease.sub : this.server.licenses[d.license]!.id
    const body = JSON.stringify({ product: PRODUCT, license, ...(v ? { lease: v.lease.jti } : {}) })
    const proof = await d.prove({ method: 'POST', path: '/v1/renew', body: Buffer.from(body) })
    const res = await this.server.request('POST', '/v1/renew', body, { 'tessera-proof': proof })
    if (res.status === 200) {
      renewals.succeeded++
      this.#noteOffline(d)
      this.#adopt(d, res.json?.bundle)
      return
    }
    const receipt = res.json?.statusReceipt
    if (res.status === 403 && typeof receipt === 'string' && v && isRevokedReceipt(receipt, v)) {
      renewals.refused++
      this.#noteOffline(d)
      this.#learnRevoked(d, receipt)
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
      this.#schedule,
      d.rnd,
    )
  }

  async #checkIn(d: Device): Promise<void> {
    const { checkIns } = this.tally
    checkIns.attempts++
    const now = this.#sysNow(d)
    const v = d.verified
    if (!this.#online(d) || v === null) {
      this.#missedCheckIn(d, now, true)
      return
    }
    const body = JSON.stringify({ product: PRODUCT, license: v.lease.sub })
    const proof = await d.prove({ method: 'POST', path: '/v1/status', body: Buffer.from(body) })
    const res = await this.server.request('POST', '/v1/status', body, { 'tessera-proof': proof })
    const receipt = res.status === 200 ? res.json?.status : res.json?.statusReceipt
    if (typeof receipt !== 'string') {
      this.#missedCheckIn(d, now, false)
      return
    }
    let claims: ReturnType<typeof verifyStatusReceipt>
    try {
      claims = verifyStatusReceipt(receipt, v.keyset, PRODUCT, nodeCrypto)
    } catch {
      this.#missedCheckIn(d, now, false)
      return
    }
    checkIns.succeeded++
    this.#noteOffline(d)
    if (claims.sts === 'revoked') {
      this.#learnRevoked(d, receipt)
      return
    }
    d.clock = observeReceipt(d.clock, claims.iat, now)
    d.renewal = afterContact(d.renewal, now, null, this.#schedule, d.rnd)
    d.dirty = true
  }

  // contact.ts's missedCheckIn is private: the same two lines.
  #missedCheckIn(d: Device, now: number, offline: boolean): void {
    const schedule = this.#schedule
    d.renewal = {
      ...d.renewal,
      nextCheckInAt: now + Math.min(schedule.checkInSeconds, schedule.maxBackoffSeconds),
      offlineSince: offline ? d.renewal.offlineSince || now : d.renewal.offlineSince,
    }
  }

  async #revoke(d: Device): Promise<boolean> {
    const license = this.server.licenses[d.license]!.id
    const res = await this.server.request(
      'POST',
      `/v1/admin/licenses/${license}/devices/${d.id}/revoke`,
      '{"reason":"simulated"}',
      { authorization: `Bearer ${this.server.adminToken}` },
    )
    if (res.status === 200) return true
    if (res.status === 429 || res.status >= 500) return false
    throw new Error(`simulated revocation failed with HTTP ${res.status}`)
  }
}

function isRevokedReceipt(receipt: string, v: VerifiedBundle): boolean {
  try {
    return verifyStatusReceipt(receipt, v.keyset, PRODUCT, nodeCrypto).sts === 'revoked'
  } catch {
    return false
  }
}
