import RegionRegistry
import StoreInterface

/// Consecutive mutations of one kind, as JSON rows for one `jsonb_to_recordset` statement: a
/// large diff is a few hundred round trips to PostgreSQL instead of one per row, and the order of
/// the diff (regions before the routes that name them) is kept.
struct MutationBatch {
    enum Kind: CaseIterable {
        case upsertRegion, removeRegion, upsertModel, removeModel, upsertProfile, removeProfile
        case upsertRoute, removeRoute, upsertGrant, removeGrant
    }

    var kind: Kind
    var rows: [JSONValue] = []

    static let maxRows = 2_000

    static func batches(_ mutations: [RegistryDiff.Mutation]) -> [MutationBatch] {
        var batches: [MutationBatch] = []
        for mutation in mutations {
            let (kind, row) = describe(mutation)
            if batches.last?.kind != kind || batches[batches.count - 1].rows.count >= maxRows {
                batches.append(MutationBatch(kind: kind))
            }
            batches[batches.count - 1].rows.append(.object(row))
        }
        return batches
    }

    var json: String { JSONText.encode(.array(rows)) }

    private static func describe(_ mutation: RegistryDiff.Mutation) -> (Kind, [String: JSONValue]) {
        switch mutation {
        case .upsertRegion(let r):
            (.upsertRegion, ["code": .string(r.code), "name": .string(r.name), "geography": .string(r.geography),
                             "partition": .string(r.partition), "opt_in": JSONValue(r.optIn), "bedrock_endpoint": JSONValue(r.bedrockEndpoint)])
        case .removeRegion(let code): (.removeRegion, ["code": .string(code)])
        case .upsertModel(let m):
            (.upsertModel, ["id": .string(m.id), "provider": JSONValue(m.provider), "name": JSONValue(m.name),
                            "lifecycle_status": JSONValue(m.lifecycleStatus),
                            "lifecycle": m.lifecycle.map { .string(JSONText.encode(.object($0.summary))) } ?? .null])
        case .removeModel(let id): (.removeModel, ["id": .string(id)])
        case .upsertProfile(let p):
            (.upsertProfile, ["id": .string(p.id), "arn": JSONValue(p.arn), "name": .string(p.name), "description": JSONValue(p.description),
                              "type": .string(p.type.rawValue), "geo": .string(p.geo), "model_id": .string(p.modelId), "status": .string(p.status),
                              "aws_created_at": JSONValue(p.createdAt), "aws_updated_at": JSONValue(p.updatedAt),
                              "notes": .string(JSONText.encode(JSONValue(p.notes))),
                              "parent_profile_id": JSONValue(p.parentProfileId)])
        case .removeProfile(let id): (.removeProfile, ["id": .string(id)])
        case .upsertRoute(let profileId, let route):
            (.upsertRoute, ["profile_id": .string(profileId), "source_region": .string(route.sourceRegion),
                            "destinations": .string(route.destinationRegions.joined(separator: " ")), "destination_scope": .string(route.scope.rawValue),
                            "confidence": JSONValue(route.confidence), "evidence": .string(route.evidence.joined(separator: " "))])
        case .removeRoute(let profileId, let sourceRegion): (.removeRoute, ["profile_id": .string(profileId), "source_region": .string(sourceRegion)])
        case .upsertGrant(let g):
            (.upsertGrant, ["model_id": .string(g.modelId), "region": .string(g.region), "origin": .string(g.origin.rawValue),
                            "status": .string(g.status.rawValue), "state": .string(g.state.rawValue),
                            "authorization_status": JSONValue(g.authorizationStatus), "entitlement_availability": JSONValue(g.entitlementAvailability),
                            "region_availability": JSONValue(g.regionAvailability), "agreement_status": JSONValue(g.agreementStatus),
                            "note": JSONValue(g.note), "checked_at": .string(g.checkedAt)])
        case .removeGrant(let id):
            (.removeGrant, ["model_id": .string(id.key.modelId), "region": .string(id.key.region), "origin": .string(id.origin.rawValue)])
        }
    }
}
