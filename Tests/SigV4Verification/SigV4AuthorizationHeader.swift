import AWSCore

/// The parts of a received `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct SigV4AuthorizationHeader {
    var scope: SigV4CredentialScope
    var signedHeaders: [String]
    var signature: String

    /// Parses the header value; throws with a reason naming the first part that is missing or malformed.
    init(parsing value: String) throws(SigV4VerificationError) {
        let trimmed = value.drop(while: { $0 == " " })
        guard let space = trimmed.firstIndex(of: " ") else {
            throw .init(.incompleteSignature, "Authorization header is malformed")
        }
        let algorithm = trimmed[..<space]
        guard algorithm == SigV4Canonical.algorithm else {
            throw .init(.incompleteSignature, "unsupported signing algorithm \(algorithm)")
        }

        var fields: [String: String] = [:]
        for part in trimmed[space...].split(separator: ",") {
            let field = part.trimmingSpaces()
            guard let equals = field.firstIndex(of: "=") else {
                throw .init(.incompleteSignature, "Authorization field '\(field)' has no '='")
            }
            let key = String(field[..<equals])
            guard fields[key] == nil else { throw .init(.incompleteSignature, "Authorization repeats \(key)") }
            fields[key] = String(field[field.index(after: equals)...])
        }
        guard let credential = fields["Credential"] else { throw .init(.incompleteSignature, "Credential missing") }
        guard let signedHeaders = fields["SignedHeaders"] else {
            throw .init(.incompleteSignature, "SignedHeaders missing")
        }
        guard let signature = fields["Signature"], !signature.isEmpty else {
            throw .init(.incompleteSignature, "Signature missing")
        }

        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, !scope[0].isEmpty else {
            throw .init(.incompleteSignature, "Credential is not accessKeyID/date/region/service/aws4_request")
        }
        guard scope[4] == "aws4_request" else {
            throw .init(.incompleteSignature, "credential scope terminator \(scope[4]) != aws4_request")
        }

        let names = signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let isCanonicalList = zip(names, names.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            && names.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() }
        guard isCanonicalList else {
            throw .init(.incompleteSignature, "SignedHeaders must be lowercase, sorted and unique")
        }

        self.scope = SigV4CredentialScope(accessKeyID: scope[0], date: scope[1], region: scope[2], service: scope[3])
        self.signedHeaders = names
        self.signature = signature
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var trimmed = self
        while trimmed.first == " " { trimmed.removeFirst() }
        while trimmed.last == " " { trimmed.removeLast() }
        return trimmed
    }
}
