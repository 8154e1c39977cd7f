/// The OpenAPI 3.1 document of this API (`openapi.json` beside this file, compiled in).
enum OpenAPIDocumentText {
    static var text: String { EmbeddedOpenAPI.files.first?.text ?? "{}" }
}
