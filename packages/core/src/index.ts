/**
 * @tessera/core — pure, I/O-free: token formats, signature verification, key sets with root
 * rotation, revocation lists and the offline decision. Crypto is injected (CryptoProvider).
 */
export type { Bundle, RecordedBundle } from './bundle/bundle.js'
export { MAX_BUNDLE_LENGTH, MAX_CHAIN_LINKS, parseBundle } from './bundle/bundle.js'
export type { VerifiedBundle } from './bundle/verify-bundle.js'
export { isVerifiedBundle, verifyBundle, verifyBundleTokens } from './bundle/verify-bundle.js'
export type { AccessClaims } from './claims/access-claims.js'
export type { OfflineRequestClaims, OfflineResponseClaims, ProofClaims } from './claims/device-claims.js'
export type { KeysetClaims, KeysetEntry, RootRotationClaims } from './claims/keyset-claims.js'
export type { LeaseClaims } from './claims/lease-claims.js'
export { leaseFallback, leaseNotBefore, leaseOfflineWindow } from './claims/lease-claims.js'
export { assertIssuable } from './claims/personal-data-guard.js'
export type { PolicyClaims, PolicyParams } from './claims/policy-claims.js'
export { POLICY_PARAMS_SCHEMA } from './claims/policy-claims.js'
export type {
  DeactivationClaims,
  RevocationKind,
  StatusClaims,
  TimeClaims,
} from './claims/receipt-claims.js'
export type { RevocationEntry, RevocationListClaims } from './claims/revocation-claims.js'
export type { ClaimsSchema, FieldSpec } from './claims/schema.js'
export { validateSchema } from './claims/schema.js'
export { CLAIMS_SCHEMAS } from './claims/schemas.js'
export { hasCanonicalS } from './crypto/ed25519-canonical.js'
export { hasLowS, toLowS } from './crypto/p256-low-s.js'
export type { CryptoProvider } from './crypto/provider.js'
export { compareVersions } from './decision/app-version.js'
export { assessClock, INITIAL_CLOCK, observeFreshTime, observeTrustedTime } from './decision/clock.js'
export { evaluate } from './decision/evaluate.js'
export { essentialFeatures, grantedFeatures } from './decision/features.js'
export type {
  AppContext,
  ClockState,
  CompatibilityMap,
  Decision,
  DecisionState,
  EvaluationInput,
  LicenseSummary,
  ReasonCode,
  StepName,
  TraceEntry,
} from './decision/types.js'
export { DECISION_STATES, REASON_CODES } from './decision/types.js'
export {
  assertComponents,
  COMPONENT_HASH_LENGTH,
  componentHash,
  countMatches,
  fingerprintMatches,
  isComponentHash,
  MAX_COMPONENTS,
  packComponents,
  unpackComponents,
} from './device/fingerprint.js'
export type { VerifiedOfflineRequest } from './device/offline-request.js'
export { verifyOfflineRequest } from './device/offline-request.js'
export { verifyOfflineResponse } from './device/offline-response.js'
export type { ProofCheck } from './device/proof.js'
export { verifyDeviceProof } from './device/proof.js'
export { decodeBase64url, encodeBase64url } from './encoding/base64url.js'
export type { EcPublicJwk, OkpPublicJwk, PublicJwk } from './encoding/jwk.js'
export { ed25519Jwk, jwkThumbprint, parsePublicJwk, publicKeyBytes } from './encoding/jwk.js'
export type { JsonObject, JsonValue } from './encoding/strict-json.js'
export { parseJsonObject, parseStrictJson } from './encoding/strict-json.js'
export { utf8Decode, utf8Encode } from './encoding/utf8.js'
export type { ErrorCode } from './errors.js'
export { isTesseraError, TesseraError } from './errors.js'
export type { DecodedJws } from './jws/decode.js'
export { decodeJws } from './jws/decode.js'
export type { SignFunction } from './jws/sign.js'
export { signJws } from './jws/sign.js'
export type { Alg, KeyPurpose, TokenKind, TokenType } from './jws/token-types.js'
export { MAX_TOKEN_LENGTH, REQUIRED_PURPOSE, TOKEN_TYPES } from './jws/token-types.js'
export { verifyJwsSignature } from './jws/verify-signature.js'
export type { CurrentRoot } from './keyset/root-chain.js'
export type { TrustState } from './keyset/trust-state.js'
export type { VerifiedKeyset } from './keyset/verify-keyset.js'
export { isKeysetExpired, verifyKeyset } from './keyset/verify-keyset.js'
export { verifyServerToken } from './keyset/verify-server-token.js'
export { formatLicenseKey, licenseKeyHash, normalizeLicenseKey } from './license/license-key.js'
export type { RevocationState } from './revocation/revocation-list.js'
export { applyRevocationList, findRevocation } from './revocation/revocation-list.js'
export type { AccessTokenCheck } from './tokens/access-token.js'
export { verifyAccessToken } from './tokens/access-token.js'
export { assertLeaseUsable, verifyLease } from './tokens/lease.js'
export { assertPolicyParams, verifyPolicyDocument } from './tokens/policy-document.js'
export { verifyDeactivationReceipt, verifyStatusReceipt, verifyTimeReceipt } from './tokens/receipts.js'
export { assertWithin, DEFAULT_CLOCK_TOLERANCE } from './tokens/time-window.js'
