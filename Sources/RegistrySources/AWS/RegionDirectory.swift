import RegionRegistry

/// What is known about regions by name: the control plane has no call that lists them, so
/// names and geographies come from the catalog; a code the catalog lacks is still accepted.
struct RegionDirectory: Sendable {
    private let byCode: [String: Region]

    init(_ regions: [Region]) {
        byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var known: [Region] { byCode.values.sorted { $0.code < $1.code } }

    func region(_ code: String) -> Region {
        byCode[code] ?? Region(code: code, name: code, geography: Self.geography(of: code), partition: Self.partition(of: code),
                               optIn: nil, bedrockEndpoint: nil)
    }

    static func partition(of code: String) -> String {
        if code.hasPrefix("us-gov-") { return "aws-us-gov" }
        if code.hasPrefix("cn-") { return "aws-cn" }
        if code.hasPrefix("eusc-") { return "aws-eusc" }
        return "aws"
    }

    static func geography(of code: String) -> String {
        switch code.split(separator: "-").first ?? "" {
        case "us", "ca", "mx": "North America"
        case "eu", "il": "Europe"
        case "ap": "Asia Pacific"
        case "sa": "South America"
        case "me": "Middle East"
        case "af": "Africa"
        default: "Unknown"
        }
    }
}
