/** For `tessera simulate` only (the fleet simulator runs the client's real renewal code); not a stable API. */
export { observeReceipt, serverTimeEstimate } from './clock/trusted-clock.js'
export { createProver } from './device/proof.js'
export type { Engine } from './lease/engine.js'
export { plannedAttempt, plannedCheckIn } from './renewal/contact.js'
export { INITIAL_RENEWAL, type RenewalState } from './renewal/renewal-state.js'
export {
  afterContact,
  afterFailure,
  type Failure,
  forLease,
  type ScheduleOptions,
} from './renewal/schedule.js'
export type { Prover } from './transport/transport.js'
