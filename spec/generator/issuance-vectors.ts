// issuance.json: the issuance-side personal-data guard (assertIssuable).
import { accessClaims, leaseClaims, statusClaims } from '../../packages/core/src/test-support/factory.js'
import { fail, ISSUER, ok, T0, type VectorFile, vector } from './common.js'

type ErrorCode = Parameters<typeof fail>[0]

const issue = (
  name: string,
  tokenKind: string,
  claims: object,
  expect: ErrorCode | 'ok',
  description?: string,
) =>
  vector({
    name,
    kind: 'issuance',
    ...(description ? { description } : {}),
    context: { tokenKind },
    claims,
    expect: expect === 'ok' ? ok() : fail(expect),
  })

export function issuanceFile(): VectorFile {
  const lease = leaseClaims()
  return {
    description:
      'The issuance guard: assertIssuable(context.tokenKind, claims). Claims must match the kind allow-list ' +
      'exactly (unknown member → CLAIM_NOT_ALLOWED, type/bound error → CLAIMS_INVALID) and no string value ' +
      'anywhere may look like an e-mail address (CLAIM_NOT_ALLOWED).',
    context: {},
    vectors: [
      issue('issuable-lease', 'lease', lease, 'ok'),
      issue('issuable-access-token', 'access', accessClaims(), 'ok'),
      issue('issuable-status-receipt', 'status', statusClaims(), 'ok'),
      issue('unknown-claim-email', 'lease', { ...lease, email: 'x' }, 'CLAIM_NOT_ALLOWED'),
      issue('unknown-claim-name', 'status', { ...statusClaims(), name: 'x' }, 'CLAIM_NOT_ALLOWED'),
      issue(
        'unknown-nested-member',
        'lease',
        { ...lease, cnf: { ...lease.cnf, mail: 'x' } },
        'CLAIM_NOT_ALLOWED',
      ),
      issue('email-like-subject', 'lease', { ...lease, sub: 'alice@example.com' }, 'CLAIM_NOT_ALLOWED'),
      issue(
        'email-like-feature',
        'lease',
        { ...lease, fts: ['view', 'bob@corp.example.org'] },
        'CLAIM_NOT_ALLOWED',
      ),
      issue(
        'email-like-in-free-form-limits',
        'lease',
        { ...lease, lim: { contact: 'c@d.io' } },
        'CLAIM_NOT_ALLOWED',
      ),
      issue(
        'email-like-time-receipt-jti',
        'time',
        { v: 1, iss: ISSUER, iat: T0, jti: 'x@y.zz' },
        'CLAIM_NOT_ALLOWED',
      ),
      issue(
        'not-email-like-without-dot',
        'lease',
        { ...lease, jti: 'lea@host' },
        'ok',
        'The e-mail heuristic is /[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}/: no dot after @, no match.',
      ),
      issue('not-email-like-one-letter-tld', 'lease', { ...lease, jti: 'lea@host.x' }, 'ok'),
      issue('type-error', 'lease', { ...lease, iat: String(T0) }, 'CLAIMS_INVALID'),
      issue('missing-required-claim', 'lease', { ...lease, hwf: undefined }, 'CLAIMS_INVALID'),
      issue('lease-has-no-version', 'lease', { v: 1, ...lease }, 'CLAIM_NOT_ALLOWED'),
      issue('lease-has-no-issuer', 'lease', { iss: ISSUER, ...lease }, 'CLAIM_NOT_ALLOWED'),
      issue('lease-has-no-policy', 'lease', { ...lease, pol: 'pol_Kq3vT8mWzR1x/1' }, 'CLAIM_NOT_ALLOWED'),
      issue('over-long-string', 'lease', { ...lease, jti: 'j'.repeat(129) }, 'CLAIMS_INVALID'),
    ],
  }
}
