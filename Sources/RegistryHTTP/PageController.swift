import Hummingbird
import HTTPTypes

/// The operator page at `GET /` and its files, compiled into the binary (`Page/`): it reads only
/// the public v1 API with relative URLs, so it works on a machine without internet and behind a
/// path prefix. The policy forbids inline script and every other origin.
struct PageController {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// File name → encoded body with its media type.
    static let files: [String: EncodedBody] = Dictionary(uniqueKeysWithValues: EmbeddedHTTPFiles.files.compactMap { file in
        guard let type = mediaType(of: file.name) else { return nil }
        return (file.name, EncodedBody(bytes: Array(file.text.utf8), contentType: type))
    })

    static func mediaType(of name: String) -> String? {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: nil
        }
    }

    func addRoutes(to router: Router<BasicRequestContext>) {
        guard let index = Self.files["index.html"] else { return }
        router.get("/") { request, _ in Self.serve(index, request) }
        for (name, body) in Self.files where name != "index.html" {
            router.get(RouterPath(name)) { request, _ in Self.serve(body, request) }
        }
    }

    static func serve(_ body: EncodedBody, _ request: Request) -> Response {
        var response = JSONBody.conditional(body, request: request)
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        // Always revalidated (the ETag makes that cheap), so an upgraded daemon serves its own page.
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
