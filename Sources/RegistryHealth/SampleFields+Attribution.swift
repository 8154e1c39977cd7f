extension SampleFields {
    /// Where a sample that does not say where it ran is counted. Bedrock does not tell a caller
    /// which destination served a cross-region request, so: the destination when the route has
    /// only one; otherwise the source region, whose endpoint took the request and answered.
    func attributedRegion(profileId: String?, _ context: SampleValidationContext) throws(SampleFieldProblem) -> String {
        guard let profileId, let sourceRegion else {
            throw .init("region", "required (or profile_id with source_region, and regiond attributes the sample)")
        }
        guard let destinations = context.routeDestinations(profileId, sourceRegion) else {
            if context.acceptUnknown { return sourceRegion }
            throw .init("source_region", "profile \(profileId) has no route from \(sourceRegion)")
        }
        return destinations.count == 1 ? destinations[0] : sourceRegion
    }
}
