import type { TokenKind } from '../jws/token-types.js'
import { ACCESS_SCHEMA } from './access-claims.js'
import { OFFLINE_REQUEST_SCHEMA, OFFLINE_RESPONSE_SCHEMA, PROOF_SCHEMA } from './device-claims.js'
import { KEYSET_SCHEMA, ROOT_ROTATION_SCHEMA } from './keyset-claims.js'
import { LEASE_SCHEMA } from './lease-claims.js'
import { POLICY_SCHEMA } from './policy-claims.js'
import { DEACTIVATION_SCHEMA, STATUS_SCHEMA, TIME_SCHEMA } from './receipt-claims.js'
import { REVOCATION_LIST_SCHEMA } from './revocation-claims.js'
import type { ClaimsSchema } from './schema.js'

/** The claims allow-list of every kind: a claim not named here is never issued nor accepted. */
export const CLAIMS_SCHEMAS: Readonly<Record<TokenKind, ClaimsSchema>> = Object.freeze({
  keyset: KEYSET_SCHEMA,
  root: ROOT_ROTATION_SCHEMA,
  lease: LEASE_SCHEMA,
  access: ACCESS_SCHEMA,
  status: STATUS_SCHEMA,
  time: TIME_SCHEMA,
  revocations: REVOCATION_LIST_SCHEMA,
  policy: POLICY_SCHEMA,
  proof: PROOF_SCHEMA,
  offlineRequest: OFFLINE_REQUEST_SCHEMA,
  offlineResponse: OFFLINE_RESPONSE_SCHEMA,
  deactivation: DEACTIVATION_SCHEMA,
})
