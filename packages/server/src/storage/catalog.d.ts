import type { EpochSeconds, JsonObject } from './common-types.js';
/** A product the vendor sells: its feature names and the essential ones kept in `limited` mode. */
export interface Product {
    id: string;
    name: string;
    features: string[];
    essential: string[];
    createdAt: EpochSeconds;
}
/** A named feature bundle of a product (e.g. "pro"). */
export interface Edition {
    productId: string;
    id: string;
    features: string[];
}
export interface Policy {
    id: string;
    productId: string;
    name: string;
    createdAt: EpochSeconds;
}
/** An immutable version of a policy's parameters; versions count up from 1. */
export interface PolicyVersion {
    policyId: string;
    version: number;
    params: JsonObject;
    createdAt: EpochSeconds;
}
export type RolloutState = 'active' | 'rolled_back' | 'completed';
/** The one current rollout of a policy: `percent` (0..100) of the cohort moves from → to. */
export interface Rollout {
    policyId: string;
    fromVersion: number;
    toVersion: number;
    percent: number;
    state: RolloutState;
    updatedAt: EpochSeconds;
}
export type ProductPatch = Partial<Pick<Product, 'name' | 'features' | 'essential'>>;
export interface NewPolicyVersion {
    policyId: string;
    params: JsonObject;
    createdAt: EpochSeconds;
}
export interface RolloutInput {
    policyId: string;
    fromVersion: number;
    toVersion: number;
    percent: number;
    /** Default 'active'. */
    state?: RolloutState;
    updatedAt: EpochSeconds;
}
/** Products and their editions. */
export interface ProductStorage {
    /** STORAGE_CONFLICT when the id exists. */
    createProduct(product: Product): Promise<Product>;
    getProduct(id: string): Promise<Product | undefined>;
    listProducts(): Promise<Product[]>;
    /** STORAGE_NOT_FOUND when the product does not exist. */
    updateProduct(id: string, patch: ProductPatch): Promise<Product>;
    /** Creates or replaces an edition. STORAGE_NOT_FOUND when the product does not exist. */
    putEdition(edition: Edition): Promise<Edition>;
    getEdition(productId: string, id: string): Promise<Edition | undefined>;
    listEditions(productId: string): Promise<Edition[]>;
}
/** Policies, their immutable versions and rollouts. */
export interface PolicyStorage {
    /** STORAGE_NOT_FOUND when the product does not exist. */
    createPolicy(policy: Policy): Promise<Policy>;
    getPolicy(id: string): Promise<Policy | undefined>;
    listPolicies(productId?: string): Promise<Policy[]>;
    /**
     * Appends version max+1 atomically (concurrent calls get distinct, gap-free versions).
     * There is deliberately no update: a version, once referenced by a lease, must never change.
     */
    createPolicyVersion(input: NewPolicyVersion): Promise<PolicyVersion>;
    getPolicyVersion(policyId: string, version: number): Promise<PolicyVersion | undefined>;
    latestPolicyVersion(policyId: string): Promise<PolicyVersion | undefined>;
    listPolicyVersions(policyId: string): Promise<PolicyVersion[]>;
    /** Creates or replaces the policy's current rollout. Both versions must exist. */
    setRollout(input: RolloutInput): Promise<Rollout>;
    getRollout(policyId: string): Promise<Rollout | undefined>;
    /** Marks the current rollout rolled back. STORAGE_NOT_FOUND when there is none. */
    rollbackRollout(policyId: string, now: EpochSeconds): Promise<Rollout>;
}
//# sourceMappingURL=catalog.d.ts.map