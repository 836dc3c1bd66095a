import { Type } from 'typebox';
import { EpochSeconds, Id, ServerId } from '../../http/schemas.js';
import { createLicense, searchLicenses, showLicense } from '../../services/admin/licenses.js';
import { releaseDevice, revokeDevice, revokeLease, revokeLicense } from '../../services/admin/revocations.js';
import { emptyBodyAsObject, operatorOf, scope } from './admin-auth-hook.js';
import { adminProblems, adminSecurity, DeviceId, DeviceSchema, FeatureList, LeaseSchema, LicenseSchema, NoQuery, Reason, RevocationSchema, } from './admin-schemas.js';
const tags = ['admin: licenses'];
const LicenseParams = Type.Object({ id: ServerId }, { additionalProperties: false });
const DeviceParams = Type.Object({ id: ServerId, device: DeviceId }, { additionalProperties: false });
const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
const RevocationAnswer = Type.Object({ revocation: RevocationSchema });
/** Selling, finding and revoking licenses; operator-side device and lease actions. */
export function licenseRoutes(ctx) {
    return async (app) => {
        app.post('/v1/admin/licenses', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Sell a license: the activation key is in this answer only',
                security: adminSecurity,
                body: Type.Object({
                    product: Id,
                    policy: ServerId,
                    edition: Type.Optional(Id),
                    features: Type.Optional(FeatureList),
                    seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
                    ownerRef: Type.Optional(Type.String({
                        minLength: 1,
                        maxLength: 128,
                        pattern: '^[\\x21-\\x7e]+$',
                        description: 'opaque account id (never an e-mail or other personal data)',
                    })),
                    expiresAt: Type.Optional(EpochSeconds),
                }, { additionalProperties: false }),
                response: {
                    201: Type.Object({ id: ServerId, key: Type.String(), license: LicenseSchema }),
                    ...adminProblems(404),
                },
            },
        }, async (request, reply) => reply.code(201).send(await createLicense(ctx, operatorOf(request), request.body)));
        app.get('/v1/admin/licenses', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'Search licenses (q: a license key, a license id prefix or an owner reference)',
                security: adminSecurity,
                querystring: Type.Object({
                    product: Type.Optional(Id),
                    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')])),
                    q: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
                    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
                    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
                }, { additionalProperties: false }),
                response: {
                    200: Type.Object({
                        licenses: Type.Array(LicenseSchema),
                        total: Type.Integer(),
                        limit: Type.Integer(),
                        offset: Type.Integer(),
                    }),
                    ...adminProblems(),
                },
            },
        }, async (request) => searchLicenses(ctx, request.query));
        app.get('/v1/admin/licenses/:id', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'A license with its devices and newest leases',
                security: adminSecurity,
                querystring: NoQuery,
                params: LicenseParams,
                response: {
                    200: Type.Object({
                        ...LicenseSchema.properties,
                        policyVersion: Type.Integer(),
                        seatsInUse: Type.Integer(),
                        devices: Type.Array(DeviceSchema),
                        leases: Type.Array(LeaseSchema),
                    }),
                    ...adminProblems(404),
                },
            },
        }, async (request) => showLicense(ctx, request.params.id));
        app.post('/v1/admin/licenses/:id/revoke', {
            onRequest: scope(ctx, 'revoke'),
            schema: {
                tags,
                summary: 'Revoke a license (idempotent)',
                security: adminSecurity,
                params: LicenseParams,
                body: ReasonBody,
                response: { 200: RevocationAnswer, ...adminProblems(404) },
            },
        }, async (request) => revokeLicense(ctx, operatorOf(request), request.params.id, request.body.reason));
        app.post('/v1/admin/licenses/:id/devices/:device/revoke', {
            onRequest: scope(ctx, 'revoke'),
            schema: {
                tags,
                summary: 'Revoke a device of a license for good (idempotent)',
                security: adminSecurity,
                params: DeviceParams,
                body: ReasonBody,
                response: { 200: RevocationAnswer, ...adminProblems(404) },
            },
        }, async (request) => revokeDevice(ctx, operatorOf(request), request.params.id, request.params.device, request.body.reason));
        app.post('/v1/admin/licenses/:id/devices/:device/release', {
            onRequest: scope(ctx, 'write'),
            preValidation: emptyBodyAsObject,
            schema: {
                tags,
                summary: 'Free the seat of a device that cannot deactivate itself (its leases are revoked)',
                security: adminSecurity,
                params: DeviceParams,
                body: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
                response: {
                    200: Type.Object({ device: DeviceSchema, revocations: Type.Array(RevocationSchema) }),
                    ...adminProblems(404),
                },
            },
        }, async (request) => releaseDevice(ctx, operatorOf(request), request.params.id, request.params.device, request.body.reason ?? 'released'));
        app.post('/v1/admin/leases/:jti/revoke', {
            onRequest: scope(ctx, 'revoke'),
            schema: {
                tags,
                summary: 'Revoke one lease (idempotent)',
                security: adminSecurity,
                params: Type.Object({ jti: ServerId }, { additionalProperties: false }),
                body: ReasonBody,
                response: { 200: RevocationAnswer, ...adminProblems(404) },
            },
        }, async (request) => revokeLease(ctx, operatorOf(request), request.params.jti, request.body.reason));
    };
}
//# sourceMappingURL=license-routes.js.map