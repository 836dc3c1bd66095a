/** Stable problem codes of the HTTP API (spec/HTTP-API.md). Clients branch on these. */
export type ProblemCode = 'VALIDATION_FAILED' | 'MALFORMED_JSON' | 'LICENSE_KEY_MALFORMED' | 'PROOF_INVALID' | 'NONCE_INVALID' | 'UNAUTHORIZED' | 'FORBIDDEN_SCOPE' | 'LICENSE_REVOKED' | 'DEVICE_REVOKED' | 'LEASE_REVOKED' | 'LICENSE_SUSPENDED' | 'LICENSE_EXPIRED' | 'LICENSE_NOT_FOUND' | 'DEVICE_NOT_FOUND' | 'NOT_FOUND' | 'SEATS_EXHAUSTED' | 'TRANSFER_LIMIT' | 'CONFLICT' | 'ROOT_KEY_OFFLINE' | 'KEYSET_INVALID' | 'OFFLINE_REQUEST_INVALID' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'METHOD_NOT_ALLOWED' | 'RATE_LIMITED' | 'OVERLOADED' | 'STORAGE_UNAVAILABLE' | 'SIGNER_UNAVAILABLE' | 'INTERNAL';
/**
 * An RFC 9457 problem to send: thrown by services and routes, rendered by the error handler.
 * `detail` must never contain a license key, token or other secret.
 */
export declare class HttpProblem extends Error {
    readonly code: ProblemCode;
    readonly status: number;
    readonly extensions: Record<string, unknown>;
    /** Seconds, sent as Retry-After (429, 503). */
    readonly retryAfter: number | undefined;
    constructor(code: ProblemCode, detail: string, options?: {
        extensions?: Record<string, unknown>;
        retryAfter?: number;
        cause?: unknown;
    });
    body(instance?: string): Record<string, unknown>;
}
export declare function problemStatus(code: ProblemCode): number;
//# sourceMappingURL=problem.d.ts.map