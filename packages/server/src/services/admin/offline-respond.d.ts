import type { ServerContext } from '../../context.js';
import type { AdminToken } from '../../storage/index.js';
/**
 * Answers an air-gapped request file: the request proves possession of the device key it
 * carries; the license is found by the hash of its key (the key itself never travels in a file).
 * The device then gets a seat or a renewal through the same seat and lease rules as online, and
 * the bundle goes back inside a response signed by a status key, bound to the device and to the
 * request, so it is useless on any other machine or for any other request. No time checks on the
 * request: it may have been carried for days, and the machine's clock is not trusted.
 */
export declare function respondOffline(ctx: ServerContext, operator: AdminToken, token: string): Promise<string>;
//# sourceMappingURL=offline-respond.d.ts.map