/**
 * What the operator API shows of stored records. Deliberately omitted: key hashes, admin token
 * hashes and device public keys (nothing an operator needs, nothing to leak).
 */
export const licenseView = (l) => ({
    id: l.id,
    productId: l.productId,
    policyId: l.policyId,
    keyHint: l.keyHint,
    ownerRef: l.ownerRef,
    edition: l.edition,
    features: l.features,
    seats: l.seats,
    expiresAt: l.expiresAt,
    status: l.status,
    revokedReason: l.revokedReason,
    transfersUsed: l.transfersUsed,
    lastTransferAt: l.lastTransferAt,
    createdAt: l.createdAt,
});
export const deviceView = (d) => ({
    deviceId: d.deviceId,
    status: d.status,
    fingerprintComponents: d.fingerprint.length,
    activatedAt: d.activatedAt,
    lastSeenAt: d.lastSeenAt,
    deactivatedAt: d.deactivatedAt,
    revokedReason: d.revokedReason,
});
export const leaseView = (l) => ({
    jti: l.jti,
    deviceId: l.deviceId,
    policyId: l.policyId,
    policyVersion: l.policyVersion,
    issuedAt: l.issuedAt,
    expiresAt: l.expiresAt,
    revokedAt: l.revokedAt,
});
export const revocationView = (r) => ({ ...r });
export const tokenView = (t) => ({
    id: t.id,
    label: t.label,
    scopes: t.scopes,
    createdAt: t.createdAt,
    revokedAt: t.revokedAt,
});
export const rolloutView = (r) => (r ? { ...r } : null);
export const versionView = (v, licenses) => ({
    version: v.version,
    params: v.params,
    createdAt: v.createdAt,
    ...(licenses !== undefined ? { licenses } : {}),
});
export const policyView = (p, latestVersion, rollout) => ({
    id: p.id,
    productId: p.productId,
    name: p.name,
    createdAt: p.createdAt,
    latestVersion,
    rollout: rolloutView(rollout),
});
//# sourceMappingURL=views.js.map