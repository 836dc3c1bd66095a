import { type TSchema, Type } from 'typebox'
import { EpochSeconds, Id, problems, ServerId } from '../../http/schemas.js'

/** A revocation reason code: short, printable, never personal data (it is published in lists). */
export const Reason = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9 _.,:()/-]*$',
  description: 'reason code, e.g. refund, chargeback, stolen',
})
export const FeatureList = Type.Array(Id, { maxItems: 64, uniqueItems: true })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
export const Scope = Type.Union([
  Type.Literal('read'),
  Type.Literal('write'),
  Type.Literal('revoke'),
  Type.Literal('admin'),
])
/** Device ids are RFC 7638 thumbprints (base64url SHA-256). */
export const DeviceId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })

/** The tunable rules of a policy version (seconds); checked again against the core schema. */
export const PolicyParamsSchema = Type.Object(
  {
    offlineWindow: Type.Integer({ minimum: 60, maximum: 5 * 365 * 86_400 }),
    renewAfter: Type.Integer({ minimum: 0 }),
    grace: Type.Integer({ minimum: 0, maximum: 5 * 365 * 86_400 }),
    fallback: Type.Union([Type.Literal('limited'), Type.Literal('deny')]),
    accessTokenTtl: Type.Integer({ minimum: 60, maximum: 30 * 86_400 }),
    maxDevices: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    fingerprintMatch: Type.Integer({ minimum: 1, maximum: 16 }),
    transfers: Type.Object(
      { max: Type.Integer({ minimum: 0 }), cooldown: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false },
    ),
    checkIn: Type.Integer({ minimum: 60 }),
  },
  { additionalProperties: false },
)

export const EditionSchema = Type.Object({ productId: Id, id: Id, features: Type.Array(Type.String()) })
export const ProductSchema = Type.Object({
  id: Id,
  name: Type.String(),
  features: Type.Array(Type.String()),
  essential: Type.Array(Type.String()),
  createdAt: EpochSeconds,
  editions: Type.Optional(Type.Array(EditionSchema)),
})

export const RolloutSchema = Type.Object({
  policyId: ServerId,
  fromVersion: Type.Integer(),
  toVersion: Type.Integer(),
  percent: Type.Integer(),
  state: Type.Union([Type.Literal('active'), Type.Literal('rolled_back'), Type.Literal('completed')]),
  updatedAt: EpochSeconds,
})
export const PolicyVersionSchema = Type.Object({
  version: Type.Integer(),
  params: PolicyParamsSchema,
  createdAt: EpochSeconds,
  /** Non-revoked licenses that follow this version now (policy detail only). */
  licenses: Type.Optional(Type.Integer()),
})
export const PolicySchema = Type.Object({
  id: ServerId,
  productId: Id,
  name: Type.String(),
  createdAt: EpochSeconds,
  latestVersion: Type.Integer(),
  rollout: Nullable(RolloutSchema),
  versions: Type.Optional(Type.Array(PolicyVersionSchema)),
})

export const LicenseSchema = Type.Object({
  id: ServerId,
  productId: Id,
  policyId: ServerId,
  keyHint: Type.String(),
  ownerRef: Type.String(),
  edition: Type.String(),
  features: Type.Array(Type.String()),
  seats: Type.Integer(),
  expiresAt: Nullable(EpochSeconds),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')]),
  revokedReason: Nullable(Type.String()),
  transfersUsed: Type.Integer(),
  lastTransferAt: Nullable(EpochSeconds),
  createdAt: EpochSeconds,
})
export const DeviceSchema = Type.Object({
  deviceId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('deactivated'), Type.Literal('revoked')]),
  fingerprintComponents: Type.Integer(),
  activatedAt: EpochSeconds,
  lastSeenAt: EpochSeconds,
  deactivatedAt: Nullable(EpochSeconds),
  revokedReason: Nullable(Type.String()),
})
export const LeaseSchema = Type.Object({
  jti: Type.String(),
  deviceId: Type.String(),
  policyId: Type.String(),
  policyVersion: Type.Integer(),
  issuedAt: EpochSeconds,
  /** End of grace of the lease. */
  expiresAt: EpochSeconds,
  revokedAt: Nullable(EpochSeconds),
})
export const RevocationSchema = Type.Object({
  seq: Type.Integer(),
  kind: Type.Union([Type.Literal('license'), Type.Literal('device'), Type.Literal('lease')]),
  targetId: Type.String(),
  licenseId: Type.String(),
  productId: Type.String(),
  reason: Type.String(),
  createdAt: EpochSeconds,
})
export const AdminTokenSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: EpochSeconds,
  revokedAt: Nullable(EpochSeconds),
})
export const KeyEntrySchema = Type.Object({
  kid: Type.String(),
  use: Type.Array(Type.String()),
  nbf: EpochSeconds,
  exp: EpochSeconds,
})
export const KeysetSummarySchema = Type.Object({ version: Type.Integer(), keys: Type.Array(KeyEntrySchema) })

/** For GETs that take no query parameters: unknown ones are refused like unknown body members. */
export const NoQuery = Type.Object({}, { additionalProperties: false })

/** Problems every operator route can answer, plus the route's own. */
export const adminProblems = (...statuses: number[]) =>
  problems(...new Set([400, 401, 403, 503, ...statuses]))

/** OpenAPI: the admin bearer token. */
export const adminSecurity = [{ admin: [] as string[] }]
