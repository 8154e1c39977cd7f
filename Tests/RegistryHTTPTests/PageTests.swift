import Foundation
import Hummingbird
import HummingbirdTesting
import RegistryTestSupport
import Testing

/// The operator page as served: from the binary, under a policy that forbids inline script and
/// every other origin, with only relative URLs (it works behind a path prefix and offline).
@Suite struct PageTests {
    @Test func thePageAndItsFilesAreServedUnderTheContentSecurityPolicy() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"))
            #expect(!csp.contains("unsafe-inline") && !csp.contains("http"))
            let html = String(buffer: page.body)
            let sources = html.matches(of: /(?:src|href)="([^"]*)"/).map { String($0.output.1) }
            #expect(!sources.isEmpty)
            for source in sources where !source.hasPrefix("data:") {
                #expect(!source.hasPrefix("/") && !source.contains(":"), "\(source) is not relative to the page")
                if source.hasPrefix("#") { continue }
                let file = try await client.execute(uri: "/\(source)", method: .get)
                #expect(file.status == .ok, "\(source)")
                #expect(file.headers[.contentSecurityPolicy] == csp)
            }
            #expect(html.firstMatch(of: /<script(?![^>]*\ssrc=)[^>]*>/) == nil, "no inline script")
            #expect(html.firstMatch(of: /\son[a-z]+=|\sstyle=|<style/) == nil, "no inline handlers or styles")
            let etag = try #require(page.headers[.eTag])
            #expect(try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
        }
    }

    @Test func theScriptsCallTheAPIWithRelativeURLsAndNeverAToken() throws {
        let directory = PackageFiles.root().appending(path: "Sources/RegistryHTTP/Page")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".js") }
        #expect(!scripts.isEmpty)
        for name in scripts {
            let text = try String(contentsOf: directory.appending(path: name), encoding: .utf8)
            #expect(text.firstMatch(of: /["'`]\/v1\//) == nil, "\(name): absolute /v1 URL breaks behind a path prefix")
            #expect(text.firstMatch(of: /https?:\/\//) == nil, "\(name): no other origin")
            #expect(!text.contains("Authorization"), "\(name): the page never sends the write token")
        }
    }
}
