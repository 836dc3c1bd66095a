import type { Command } from '../command.js'
import { deviceListCommand, deviceReleaseCommand, deviceRevokeCommand } from './admin-device.js'
import { licenseCreateCommand, licenseListCommand, licenseShowCommand } from './admin-license.js'
import { auditVerifyCommand, offlineRespondCommand, tokenCreateCommand } from './admin-misc.js'
import {
  policyCreateCommand,
  policyRollbackCommand,
  policyRolloutCommand,
  policyVersionCommand,
} from './admin-policy.js'
import { productCreateCommand } from './admin-product.js'
import { leaseRevokeCommand, licenseRevokeCommand } from './admin-revoke.js'
import { activateCommand } from './device-activate.js'
import { deactivateCommand } from './device-deactivate.js'
import { leaseCommand, privacyCommand } from './device-info.js'
import { offlineImportCommand, offlineRequestCommand } from './device-offline.js'
import { renewCommand } from './device-renew.js'
import { statusCommand } from './device-status.js'
import { initCommand } from './init.js'
import { keysImportCommand, keysNextCommand, keysRotateCommand, keysSignCommand } from './keys.js'
import { keysPkcs11GenerateCommand } from './keys-pkcs11.js'
import { serveCommand } from './serve.js'
import { simulateCommand } from './simulate.js'
import { startCommand } from './start.js'

/** Every verb, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  serveCommand,
  startCommand,
  productCreateCommand,
  policyCreateCommand,
  policyVersionCommand,
  policyRolloutCommand,
  policyRollbackCommand,
  licenseCreateCommand,
  licenseShowCommand,
  licenseListCommand,
  licenseRevokeCommand,
  leaseRevokeCommand,
  deviceListCommand,
  deviceRevokeCommand,
  deviceReleaseCommand,
  auditVerifyCommand,
  offlineRespondCommand,
  tokenCreateCommand,
  activateCommand,
  statusCommand,
  renewCommand,
  deactivateCommand,
  privacyCommand,
  leaseCommand,
  offlineRequestCommand,
  offlineImportCommand,
  keysRotateCommand,
  keysNextCommand,
  keysSignCommand,
  keysImportCommand,
  keysPkcs11GenerateCommand,
  simulateCommand,
]
