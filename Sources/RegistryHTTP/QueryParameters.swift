import Foundation
import Hummingbird

/// Typed access to query parameters and path segments, with 400s that name the parameter.
struct QueryParameters {
    let request: Request

    /// A filter value; an empty one (`geo=`) means no filter.
    func string(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A typed value: absent is nil, but present and empty (`wait=`) is a mistake worth a 400.
    private func typed(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    func bool(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        guard let value = typed(name) else { return defaultValue }
        switch value.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.invalidParameter(name, "expected true or false, got \"\(value)\"")
        }
    }

    func int(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let value = typed(name) else { return nil }
        guard let number = Int64(value), range.contains(number) else {
            throw APIError.invalidParameter(name, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \"\(value)\"")
        }
        return number
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let value = typed(name) else { return nil }
        guard let parsed = T(rawValue: value) else {
            throw APIError.invalidParameter(name, "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(value)\"")
        }
        return parsed
    }
}

extension RequestContext {
    /// A path parameter, percent-decoded: Hummingbird routes on the raw path, so an encoded
    /// `/` (`%2F`, as in an ARN) stays inside its segment and is decoded only here.
    func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw APIError.badRequest("missing path parameter \(name)") }
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw APIError.invalidParameter(name, "not valid percent-encoding: \(raw)")
        }
        return decoded
    }
}
