// Runs one language-neutral vector (spec/vectors/README.md) through core and returns the outcome in
// the shape of its `expect` member, so a test compares the two with one deep equality.
import {
  applyRevocationList,
  assertIssuable,
  assertLeaseUsable,
  type Bundle,
  type CryptoProvider,
  DEFAULT_CLOCK_TOLERANCE,
  type EvaluationInput,
  evaluate,
  isTesseraError,
  type OkpPublicJwk,
  type PublicJwk,
  type RevocationState,
  type TokenKind,
  type TrustState,
  type VerifiedKeyset,
  verifyAccessToken,
  verifyDeactivationReceipt,
  verifyDeviceProof,
  verifyKeyset,
  verifyLease,
  verifyOfflineRequest,
  verifyOfflineResponse,
  verifyPolicyDocument,
  verifyStatusReceipt,
  verifyTimeReceipt,
} from '../packages/core/src/index.js'

export interface JsonVector {
  name: string
  kind: string
  description?: string
  context?: Record<string, unknown>
  token?: unknown
  steps?: { token: unknown; expect: unknown }[]
  claims?: unknown
  expect: unknown
}

export interface JsonVectorFile {
  description: string
  context: Record<string, unknown>
  vectors: JsonVector[]
}

/** What a vector produced: its top-level outcome and, for step vectors, one outcome per step. */
export interface RunResult {
  outcome: unknown
  steps?: unknown[]
}

type Context = Record<string, unknown>
type Runner = (token: unknown, ctx: Context, crypto: CryptoProvider, keyset: () => VerifiedKeyset) => object

const str = (ctx: Context, name: string) => ctx[name] as string
const num = (ctx: Context, name: string) => ctx[name] as number
const opt = <T>(value: unknown): T | undefined =>
  value === null || value === undefined ? undefined : (value as T)

function trust(ctx: Context): TrustState {
  return {
    roots: ctx.roots as OkpPublicJwk[],
    keysetVersion: num(ctx, 'keysetVersion'),
    rootVersion: num(ctx, 'rootVersion'),
    ...(ctx.currentRoot ? { currentRoot: ctx.currentRoot as OkpPublicJwk } : {}),
  }
}

/** The verifier of each single-token kind, returning the members of a valid `expect`. */
const RUNNERS: Record<string, Runner> = {
  keyset: (token, ctx, crypto) => {
    const ks = verifyKeyset(ctx.chain as string[], token as string, trust(ctx), crypto)
    return { claims: ks.claims, rootKid: ks.rootKid, rootVersion: ks.rootVersion }
  },
  lease: (token, ctx, crypto, keyset) => {
    const claims = verifyLease(token, keyset(), crypto)
    assertLeaseUsable(
      claims,
      str(ctx, 'product'),
      num(ctx, 'now'),
      opt<number>(ctx.tolerance) ?? DEFAULT_CLOCK_TOLERANCE,
    )
    return { claims }
  },
  access: (token, ctx, crypto, keyset) => {
    const check = {
      audience: str(ctx, 'audience'),
      now: num(ctx, 'now'),
      deviceId: opt<string>(ctx.deviceId),
      tolerance: opt<number>(ctx.tolerance),
    }
    return { claims: verifyAccessToken(token, keyset(), check, crypto) }
  },
  status: (token, ctx, crypto, keyset) => ({
    claims: verifyStatusReceipt(token, keyset(), str(ctx, 'product'), crypto),
  }),
  time: (token, _ctx, crypto, keyset) => ({ claims: verifyTimeReceipt(token, keyset(), crypto) }),
  deactivation: (token, ctx, crypto, keyset) => ({
    claims: verifyDeactivationReceipt(token, keyset(), str(ctx, 'deviceId'), crypto),
  }),
  policy: (token, _ctx, crypto, keyset) => ({ claims: verifyPolicyDocument(token, keyset(), crypto) }),
  proof: (token, ctx, crypto) => {
    const check = {
      method: str(ctx, 'method'),
      path: str(ctx, 'path'),
      bodyHash: str(ctx, 'bodyHash'),
      now: num(ctx, 'now'),
      maxSkew: opt<number>(ctx.maxSkew),
      nonce: opt<string>(ctx.nonce),
    }
    return { claims: verifyDeviceProof(token, ctx.deviceKey as PublicJwk, check, crypto) }
  },
  offlineRequest: (token, _ctx, crypto) => {
    const r = verifyOfflineRequest(token, crypto)
    return { claims: r.claims, deviceKey: r.deviceKey, deviceId: r.deviceId }
  },
  offlineResponse: (token, ctx, crypto) => {
    const expected = { deviceId: str(ctx, 'deviceId'), requestId: str(ctx, 'requestId') }
    const r = verifyOfflineResponse(token, trust(ctx), expected, crypto)
    return { claims: r.claims, bundle: r.bundle }
  },
}

/** The kinds this runner knows; a vector of any other kind is an error of the vector file. */
export const KINDS = [...Object.keys(RUNNERS), 'revocations', 'issuance', 'evaluate']

/** Valid: `{ valid: true, ...members }`; a coded failure: `{ valid: false, error }`; anything else throws. */
function attempt(f: () => object): object {
  try {
    return { valid: true, ...f() }
  } catch (err) {
    if (isTesseraError(err)) return { valid: false, error: err.code }
    throw err
  }
}

export function runVector(file: JsonVectorFile, v: JsonVector, crypto: CryptoProvider): RunResult {
  const ctx: Context = { ...file.context, ...v.context }
  let cached: VerifiedKeyset | undefined
  // The context key set is a precondition, not the subject: if it fails, the vector itself is wrong.
  const keyset = () => {
    cached ??= verifyKeyset(ctx.chain as string[], str(ctx, 'keyset'), trust(ctx), crypto)
    return cached
  }
  const runner = RUNNERS[v.kind]
  if (runner) return { outcome: attempt(() => runner(v.token, ctx, crypto, keyset)) }
  switch (v.kind) {
    case 'revocations':
      return runRevocationSteps(v, ctx, crypto, keyset)
    case 'issuance': {
      const issue = () => {
        assertIssuable(str(ctx, 'tokenKind') as TokenKind, v.claims as object)
        return {}
      }
      return { outcome: attempt(issue) }
    }
    case 'evaluate':
      return { outcome: { decision: evaluate(evaluationInput(ctx), crypto) } }
    default:
      throw new Error(`unknown vector kind ${v.kind}`)
  }
}

function runRevocationSteps(
  v: JsonVector,
  ctx: Context,
  crypto: CryptoProvider,
  keyset: () => VerifiedKeyset,
) {
  let state = (ctx.state ?? null) as RevocationState | null
  const steps = (v.steps ?? []).map((step) =>
    attempt(() => {
      state = applyRevocationList(state, step.token, keyset(), str(ctx, 'product'), crypto)
      return { state }
    }),
  )
  return { outcome: { valid: true }, steps }
}

function evaluationInput(ctx: Context): EvaluationInput {
  return {
    now: num(ctx, 'now'),
    store: ctx.store as EvaluationInput['store'],
    bundle: ctx.bundle as Bundle | null,
    trust: trust(ctx),
    device: ctx.device as EvaluationInput['device'],
    clock: ctx.clock as EvaluationInput['clock'],
    app: ctx.app as EvaluationInput['app'],
    status: opt<string>(ctx.status),
    revocations: opt<RevocationState>(ctx.revocations),
    clockTolerance: opt<number>(ctx.clockTolerance),
  }
}
