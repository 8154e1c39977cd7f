/// The OpenAPI 3.1 document of this API (`openapi.json` beside this file, compiled in).
enum OpenAPIDocumentText {
    /// - Throws: when the build embedded no document: the daemon must not start and serve `{}`
    ///   as its contract (nor answer 404 where it should say 405).
    static func load() throws -> String {
        guard let text = EmbeddedHTTPFiles.files.first(where: { $0.name == "openapi.json" })?.text, !text.isEmpty else {
            throw MissingOpenAPIDocument()
        }
        return text
    }
}

struct MissingOpenAPIDocument: Error, CustomStringConvertible {
    var description: String { "this regiond binary was built without its OpenAPI document (Sources/RegistryHTTP/openapi.json)" }
}
