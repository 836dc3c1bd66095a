import type { ServerContext } from '../../context.js';
/** Offline-duration histogram edges, seconds: 1 h, 6 h, 1 d, 3 d, 7 d, 14 d, 30 d, then open. */
export declare const OFFLINE_EDGES: number[];
/**
 * The operator dashboard's figures, from the server's own database.
 *
 * Renewal success comes from client telemetry (`renewal` events with their outcome), because
 * only the client sees the failures that matter most: a renewal that never reached the server
 * (network down, server unreachable, TLS broken) leaves no trace on the server, and the
 * server-side counters are per process and reset on restart. Telemetry arrives late (queued until
 * the device is online again), so the newest buckets fill in over time; `leasesIssued` (server
 * side: activations and renewals that succeeded, from the lease table) is given alongside as a
 * cross-check that does not depend on clients uploading.
 */
export declare function dashboardStats(ctx: ServerContext): Promise<{
    generatedAt: number;
    devices: {
        grace: number;
        limited: number;
        denied: number;
        truncated: boolean;
        active: number;
    };
    licenses: {
        active: number;
        suspended: number;
        revoked: number;
        total: number;
    };
    renewals: {
        source: "telemetry";
        last24h: {
            total: number;
            rate: number | null;
            offline: number;
            server_error: number;
            rejected: number;
            ok: number;
        };
        last7d: {
            total: number;
            rate: number | null;
            offline: number;
            server_error: number;
            rejected: number;
            ok: number;
        };
        series: {
            offline: number;
            server_error: number;
            rejected: number;
            ok: number;
            start: number;
        }[];
        leasesIssued: {
            last24h: number;
            last7d: number;
        };
    };
    anomalies: {
        code: string;
        count: number;
    }[];
    offline: {
        buckets: {
            from: number;
            to: number | null;
            count: number;
        }[];
    };
    revocations: {
        recent: {
            seq: number;
            kind: import("../../storage/licenses.js").RevocationKind;
            targetId: string;
            licenseId: string;
            productId: string;
            reason: string;
            createdAt: import("../../storage/common-types.js").EpochSeconds;
        }[];
    };
}>;
//# sourceMappingURL=stats.d.ts.map