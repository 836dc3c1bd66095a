import { sql } from 'kysely';
import { pageOf } from './common-types.js';
import { fromJson, lockLicense, toJson } from './context.js';
import { StorageError } from './errors.js';
import { findRevocation, insertRevocation, revocationQueries } from './revocation-queries.js';
export const toLicense = (r) => ({
    id: r.id,
    productId: r.product_id,
    policyId: r.policy_id,
    keyHash: r.key_hash,
    keyHint: r.key_hint,
    ownerRef: r.owner_ref,
    edition: r.edition,
    features: fromJson(r.features),
    seats: r.seats,
    expiresAt: r.expires_at,
    status: r.status,
    revokedReason: r.revoked_reason,
    transfersUsed: r.transfers_used,
    lastTransferAt: r.last_transfer_at,
    createdAt: r.created_at,
});
const notFound = () => new StorageError('STORAGE_NOT_FOUND', 'license not found');
/** The filtered license set; the prefix test uses substr so it is exact and case-sensitive on both dialects. */
function matching(db, q) {
    return db
        .selectFrom('licenses')
        .$if(q.productId !== undefined, (b) => b.where('product_id', '=', q.productId))
        .$if(q.status !== undefined, (b) => b.where('status', '=', q.status))
        .$if(q.ownerRef !== undefined, (b) => b.where('owner_ref', '=', q.ownerRef))
        .$if(q.policyId !== undefined, (b) => b.where('policy_id', '=', q.policyId))
        .$if(!!q.idPrefix, (b) => b.where(sql `substr(id, 1, ${sql.lit([...(q.idPrefix ?? '')].length)}) = ${q.idPrefix}`));
}
export function licenseQueries(ctx) {
    const byColumn = (column, value) => ctx.read(async (db) => {
        const row = await db.selectFrom('licenses').selectAll().where(column, '=', value).executeTakeFirst();
        return row && toLicense(row);
    });
    return {
        async createLicense(l) {
            const row = {
                id: l.id,
                product_id: l.productId,
                policy_id: l.policyId,
                key_hash: l.keyHash,
                key_hint: l.keyHint,
                owner_ref: l.ownerRef,
                edition: l.edition,
                features: toJson(l.features),
                seats: l.seats,
                expires_at: l.expiresAt,
                status: l.status ?? 'active',
                revoked_reason: null,
                transfers_used: 0,
                last_transfer_at: null,
                created_at: l.createdAt,
            };
            await ctx.write((db) => db.insertInto('licenses').values(row).execute());
            return toLicense(row);
        },
        getLicense: (id) => byColumn('id', id),
        findLicenseByKeyHash: (keyHash) => byColumn('key_hash', keyHash),
        listLicenses: (query = {}) => ctx.read(async (db) => {
            const { limit, offset } = pageOf(query);
            const rows = await matching(db, query)
                .selectAll()
                .orderBy('created_at', 'desc')
                .orderBy('id', 'desc')
                .limit(limit)
                .offset(offset)
                .execute();
            return rows.map(toLicense);
        }),
        countLicenses: (query = {}) => ctx.read(async (db) => {
            const row = await matching(db, query)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirst();
            return Number(row?.n ?? 0);
        }),
        async updateLicense(id, patch) {
            const set = {
                ...(patch.policyId !== undefined && { policy_id: patch.policyId }),
                ...(patch.edition !== undefined && { edition: patch.edition }),
                ...(patch.features !== undefined && { features: toJson(patch.features) }),
                ...(patch.seats !== undefined && { seats: patch.seats }),
                ...(patch.expiresAt !== undefined && { expires_at: patch.expiresAt }),
                ...(patch.ownerRef !== undefined && { owner_ref: patch.ownerRef }),
            };
            const row = Object.keys(set).length === 0
                ? await byColumn('id', id)
                : await ctx.write(async (db) => {
                    const r = await db
                        .updateTable('licenses')
                        .set(set)
                        .where('id', '=', id)
                        .returningAll()
                        .executeTakeFirst();
                    return r && toLicense(r);
                });
            if (!row)
                throw notFound();
            return row;
        },
        setLicenseStatus: (id, status) => ctx.atomic(async (tx) => {
            const current = await lockLicense(tx, id);
            if (!current)
                throw notFound();
            if (current.status === 'revoked')
                throw new StorageError('STORAGE_CONFLICT', 'license is revoked');
            const row = await tx.db
                .updateTable('licenses')
                .set({ status })
                .where('id', '=', id)
                .returningAll()
                .executeTakeFirstOrThrow();
            return toLicense(row);
        }),
        revokeLicense: ({ licenseId, reason, now }) => ctx.atomic(async (tx) => {
            const license = await lockLicense(tx, licenseId);
            if (!license)
                throw notFound();
            if (license.status === 'revoked') {
                const existing = await findRevocation(tx, 'license', licenseId, licenseId);
                if (existing)
                    return existing;
            }
            await tx.db
                .updateTable('licenses')
                .set({ status: 'revoked', revoked_reason: reason })
                .where('id', '=', licenseId)
                .execute();
            return insertRevocation(tx, {
                kind: 'license',
                targetId: licenseId,
                licenseId,
                productId: license.product_id,
                reason,
                createdAt: now,
            });
        }),
        ...revocationQueries(ctx),
    };
}
//# sourceMappingURL=license-queries.js.map