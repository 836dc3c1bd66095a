import { type TSchema, Type } from 'typebox';
/** A revocation reason code: short, printable, never personal data (it is published in lists). */
export declare const Reason: Type.TString;
export declare const FeatureList: Type.TArray<Type.TString>;
export declare const Nullable: <T extends TSchema>(schema: T) => Type.TUnion<[T, Type.TNull]>;
export declare const Scope: Type.TUnion<[Type.TLiteral<"read">, Type.TLiteral<"write">, Type.TLiteral<"revoke">, Type.TLiteral<"admin">]>;
/** Device ids are RFC 7638 thumbprints (base64url SHA-256). */
export declare const DeviceId: Type.TString;
/** The tunable rules of a policy version (seconds); checked again against the core schema. */
export declare const PolicyParamsSchema: Type.TObject<{
    offlineWindow: Type.TInteger;
    renewAfter: Type.TInteger;
    grace: Type.TInteger;
    fallback: Type.TUnion<[Type.TLiteral<"limited">, Type.TLiteral<"deny">]>;
    accessTokenTtl: Type.TInteger;
    maxDevices: Type.TInteger;
    fingerprintMatch: Type.TInteger;
    transfers: Type.TObject<{
        max: Type.TInteger;
        cooldown: Type.TInteger;
    }>;
    checkIn: Type.TInteger;
}>;
export declare const EditionSchema: Type.TObject<{
    productId: Type.TString;
    id: Type.TString;
    features: Type.TArray<Type.TString>;
}>;
export declare const ProductSchema: Type.TObject<{
    id: Type.TString;
    name: Type.TString;
    features: Type.TArray<Type.TString>;
    essential: Type.TArray<Type.TString>;
    createdAt: Type.TInteger;
    editions: Type.TOptional<Type.TArray<Type.TObject<{
        productId: Type.TString;
        id: Type.TString;
        features: Type.TArray<Type.TString>;
    }>>>;
}>;
export declare const RolloutSchema: Type.TObject<{
    policyId: Type.TString;
    fromVersion: Type.TInteger;
    toVersion: Type.TInteger;
    percent: Type.TInteger;
    state: Type.TUnion<[Type.TLiteral<"active">, Type.TLiteral<"rolled_back">, Type.TLiteral<"completed">]>;
    updatedAt: Type.TInteger;
}>;
export declare const PolicyVersionSchema: Type.TObject<{
    version: Type.TInteger;
    params: Type.TObject<{
        offlineWindow: Type.TInteger;
        renewAfter: Type.TInteger;
        grace: Type.TInteger;
        fallback: Type.TUnion<[Type.TLiteral<"limited">, Type.TLiteral<"deny">]>;
        accessTokenTtl: Type.TInteger;
        maxDevices: Type.TInteger;
        fingerprintMatch: Type.TInteger;
        transfers: Type.TObject<{
            max: Type.TInteger;
            cooldown: Type.TInteger;
        }>;
        checkIn: Type.TInteger;
    }>;
    createdAt: Type.TInteger;
    /** Non-revoked licenses that follow this version now (policy detail only). */
    licenses: Type.TOptional<Type.TInteger>;
}>;
export declare const PolicySchema: Type.TObject<{
    id: Type.TString;
    productId: Type.TString;
    name: Type.TString;
    createdAt: Type.TInteger;
    latestVersion: Type.TInteger;
    rollout: Type.TUnion<[Type.TObject<{
        policyId: Type.TString;
        fromVersion: Type.TInteger;
        toVersion: Type.TInteger;
        percent: Type.TInteger;
        state: Type.TUnion<[Type.TLiteral<"active">, Type.TLiteral<"rolled_back">, Type.TLiteral<"completed">]>;
        updatedAt: Type.TInteger;
    }>, Type.TNull]>;
    versions: Type.TOptional<Type.TArray<Type.TObject<{
        version: Type.TInteger;
        params: Type.TObject<{
            offlineWindow: Type.TInteger;
            renewAfter: Type.TInteger;
            grace: Type.TInteger;
            fallback: Type.TUnion<[Type.TLiteral<"limited">, Type.TLiteral<"deny">]>;
            accessTokenTtl: Type.TInteger;
            maxDevices: Type.TInteger;
            fingerprintMatch: Type.TInteger;
            transfers: Type.TObject<{
                max: Type.TInteger;
                cooldown: Type.TInteger;
            }>;
            checkIn: Type.TInteger;
        }>;
        createdAt: Type.TInteger;
        /** Non-revoked licenses that follow this version now (policy detail only). */
        licenses: Type.TOptional<Type.TInteger>;
    }>>>;
}>;
export declare const LicenseSchema: Type.TObject<{
    id: Type.TString;
    productId: Type.TString;
    policyId: Type.TString;
    keyHint: Type.TString;
    ownerRef: Type.TString;
    edition: Type.TString;
    features: Type.TArray<Type.TString>;
    seats: Type.TInteger;
    expiresAt: Type.TUnion<[Type.TInteger, Type.TNull]>;
    status: Type.TUnion<[Type.TLiteral<"active">, Type.TLiteral<"suspended">, Type.TLiteral<"revoked">]>;
    revokedReason: Type.TUnion<[Type.TString, Type.TNull]>;
    transfersUsed: Type.TInteger;
    lastTransferAt: Type.TUnion<[Type.TInteger, Type.TNull]>;
    createdAt: Type.TInteger;
}>;
export declare const DeviceSchema: Type.TObject<{
    deviceId: Type.TString;
    status: Type.TUnion<[Type.TLiteral<"active">, Type.TLiteral<"deactivated">, Type.TLiteral<"revoked">]>;
    fingerprintComponents: Type.TInteger;
    activatedAt: Type.TInteger;
    lastSeenAt: Type.TInteger;
    deactivatedAt: Type.TUnion<[Type.TInteger, Type.TNull]>;
    revokedReason: Type.TUnion<[Type.TString, Type.TNull]>;
}>;
export declare const LeaseSchema: Type.TObject<{
    jti: Type.TString;
    deviceId: Type.TString;
    policyId: Type.TString;
    policyVersion: Type.TInteger;
    issuedAt: Type.TInteger;
    /** End of grace of the lease. */
    expiresAt: Type.TInteger;
    revokedAt: Type.TUnion<[Type.TInteger, Type.TNull]>;
}>;
export declare const RevocationSchema: Type.TObject<{
    seq: Type.TInteger;
    kind: Type.TUnion<[Type.TLiteral<"license">, Type.TLiteral<"device">, Type.TLiteral<"lease">]>;
    targetId: Type.TString;
    licenseId: Type.TString;
    productId: Type.TString;
    reason: Type.TString;
    createdAt: Type.TInteger;
}>;
export declare const AdminTokenSchema: Type.TObject<{
    id: Type.TString;
    label: Type.TString;
    scopes: Type.TArray<Type.TString>;
    createdAt: Type.TInteger;
    revokedAt: Type.TUnion<[Type.TInteger, Type.TNull]>;
}>;
export declare const KeyEntrySchema: Type.TObject<{
    kid: Type.TString;
    use: Type.TArray<Type.TString>;
    nbf: Type.TInteger;
    exp: Type.TInteger;
}>;
export declare const KeysetSummarySchema: Type.TObject<{
    version: Type.TInteger;
    keys: Type.TArray<Type.TObject<{
        kid: Type.TString;
        use: Type.TArray<Type.TString>;
        nbf: Type.TInteger;
        exp: Type.TInteger;
    }>>;
}>;
/** For GETs that take no query parameters: unknown ones are refused like unknown body members. */
export declare const NoQuery: Type.TObject<{}>;
/** Problems every operator route can answer, plus the route's own. */
export declare const adminProblems: (...statuses: number[]) => Record<number, Type.TObject<{
    type: Type.TString;
    title: Type.TString;
    status: Type.TInteger;
    code: Type.TString;
    detail: Type.TString;
    instance: Type.TOptional<Type.TString>;
}>>;
/** OpenAPI: the admin bearer token. */
export declare const adminSecurity: {
    admin: string[];
}[];
//# sourceMappingURL=admin-schemas.d.ts.map