import AccessPolicy
import RegionRegistry

extension API {
    /// A route's access answer with everything judged about it: the identity and SCP gates (given
    /// when already evaluated), its residency under `residency`, its model's lifecycle today.
    func routeAccessAnswer(_ access: RouteAccess, in view: RegistryView, residency: ResidencyGuard,
                           gates: RouteGateStates? = nil) -> JSONValue {
        let day = ModelLifecycle.today()
        return Representation.routeAccess(access, gates: gates ?? accessPolicies.gates(for: access, in: view),
                                          residency: residency.residency(of: access, in: view),
                                          lifecycle: Representation.lifecycle(view.lifecycle(ofModel: access.modelId, on: day), on: day))
    }
}
