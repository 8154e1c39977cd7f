import Foundation

/// A raw HTTP request from the official suite's `.req` / `.sreq` files.
///
/// The suite's request lines are raw: the path may contain spaces or UTF-8, so the target is
/// everything between the method and the trailing ` HTTP/1.1`. A line starting with whitespace
/// continues the previous header; the suite canonicalises each such line as one more value.
struct SigV4SuiteRequest {
    var method: String
    var path: String
    var rawQuery: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(parsing bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let (head, body) = text.range(of: "\n\n").map {
            (String(text[..<$0.lowerBound]), Array(text[$0.upperBound...].utf8))
        } ?? (text, [])
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        guard let firstSpace = requestLine.firstIndex(of: " "), requestLine.hasSuffix(" HTTP/1.1") else {
            throw ParseError(message: "bad request line: \(requestLine)")
        }
        let target = requestLine[requestLine.index(after: firstSpace)..<requestLine.index(requestLine.endIndex, offsetBy: -9)]
        method = String(requestLine[..<firstSpace])
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            rawQuery = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            rawQuery = ""
        }
        headers = []
        for line in lines {
            if line.first == " " || line.first == "\t" {
                guard let previous = headers.last else { throw ParseError(message: "continuation without header") }
                headers.append((name: previous.name, value: line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
            } else {
                throw ParseError(message: "bad header line: \(line)")
            }
        }
        self.body = body
    }

    func headerValue(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
