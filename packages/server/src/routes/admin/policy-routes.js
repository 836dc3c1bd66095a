import { Type } from 'typebox';
import { EpochSeconds, Id, ServerId } from '../../http/schemas.js';
import { addPolicyVersion, createPolicy, listPolicies, showPolicy } from '../../services/admin/policies.js';
import { rollBack, startRollout } from '../../services/admin/policy-rollout.js';
import { emptyBodyAsObject, operatorOf, scope } from './admin-auth-hook.js';
import { adminProblems, adminSecurity, NoQuery, PolicyParamsSchema, PolicySchema, PolicyVersionSchema, RolloutSchema, } from './admin-schemas.js';
const tags = ['admin: policies'];
const PolicyParams = Type.Object({ id: ServerId }, { additionalProperties: false });
/** Policies as immutable versions, rollouts to a deterministic cohort, rollbacks. */
export function policyRoutes(ctx) {
    return async (app) => {
        app.post('/v1/admin/policies', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Create a policy with its version 1',
                security: adminSecurity,
                body: Type.Object({ product: Id, name: Type.String({ minLength: 1, maxLength: 128 }), params: PolicyParamsSchema }, { additionalProperties: false }),
                response: {
                    201: Type.Object({
                        id: ServerId,
                        productId: Id,
                        name: Type.String(),
                        createdAt: EpochSeconds,
                        version: Type.Integer(),
                    }),
                    ...adminProblems(404),
                },
            },
        }, async (request, reply) => reply.code(201).send(await createPolicy(ctx, operatorOf(request), request.body)));
        app.post('/v1/admin/policies/:id/versions', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Add an immutable version (licenses move to it through a rollout)',
                security: adminSecurity,
                params: PolicyParams,
                body: Type.Object({ params: PolicyParamsSchema }, { additionalProperties: false }),
                response: {
                    201: Type.Object({ policyId: ServerId, ...PolicyVersionSchema.properties }),
                    ...adminProblems(404),
                },
            },
        }, async (request, reply) => reply
            .code(201)
            .send(await addPolicyVersion(ctx, operatorOf(request), request.params.id, request.body)));
        app.get('/v1/admin/policies', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'List policies (optionally of one product)',
                security: adminSecurity,
                querystring: Type.Object({ product: Type.Optional(Id) }, { additionalProperties: false }),
                response: { 200: Type.Object({ policies: Type.Array(PolicySchema) }), ...adminProblems() },
            },
        }, async (request) => ({ policies: await listPolicies(ctx, request.query.product) }));
        app.get('/v1/admin/policies/:id', {
            onRequest: scope(ctx, 'read'),
            schema: {
                tags,
                summary: 'A policy: versions (with the licenses each covers now) and the current rollout',
                security: adminSecurity,
                querystring: NoQuery,
                params: PolicyParams,
                response: { 200: PolicySchema, ...adminProblems(404) },
            },
        }, async (request) => showPolicy(ctx, request.params.id));
        app.post('/v1/admin/policies/:id/rollout', {
            onRequest: scope(ctx, 'write'),
            schema: {
                tags,
                summary: 'Move a deterministic share of licenses to a version (percent 100 + complete: all, for good)',
                security: adminSecurity,
                params: PolicyParams,
                body: Type.Object({
                    version: Type.Integer({ minimum: 1 }),
                    percent: Type.Integer({ minimum: 0, maximum: 100 }),
                    complete: Type.Optional(Type.Boolean()),
                }, { additionalProperties: false }),
                response: { 200: RolloutSchema, ...adminProblems(404, 409) },
            },
        }, async (request) => startRollout(ctx, operatorOf(request), request.params.id, request.body));
        app.post('/v1/admin/policies/:id/rollback', {
            onRequest: scope(ctx, 'write'),
            preValidation: emptyBodyAsObject,
            schema: {
                tags,
                summary: 'Return every license to the version before the rollout',
                security: adminSecurity,
                params: PolicyParams,
                body: Type.Object({}, { additionalProperties: false }),
                response: { 200: RolloutSchema, ...adminProblems(404) },
            },
        }, async (request) => rollBack(ctx, operatorOf(request), request.params.id));
    };
}
//# sourceMappingURL=policy-routes.js.map