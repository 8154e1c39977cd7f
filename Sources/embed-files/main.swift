import Foundation

// Usage: embed-files TYPE_NAME OUTPUT.swift INPUT...
// Writes `enum TYPE_NAME { static let files: [(name: String, text: String)] }`, each file's text
// base64-encoded so any content (quotes, backslashes, `"""`) survives as a plain string literal.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: embed-files TYPE_NAME OUTPUT.swift INPUT...\n".utf8))
    exit(2)
}
let typeName = arguments[1]
let output = URL(fileURLWithPath: arguments[2])
var entries: [String] = []
for path in arguments.dropFirst(3) {
    let url = URL(fileURLWithPath: path)
    let data = try Data(contentsOf: url)
    guard String(data: data, encoding: .utf8) != nil else {
        FileHandle.standardError.write(Data("embed-files: \(path) is not UTF-8\n".utf8))
        exit(1)
    }
    entries.append("        (name: \"\(url.lastPathComponent)\", base64: \"\(data.base64EncodedString())\"),")
}
let source = """
    // Generated at build time by embed-files. Do not edit.
    import Foundation

    enum \(typeName) {
        /// (file name, UTF-8 text), sorted by file name.
        static let files: [(name: String, text: String)] = encoded.map { entry in
            (entry.name, String(decoding: Data(base64Encoded: entry.base64)!, as: UTF8.self))
        }

        private static let encoded: [(name: String, base64: String)] = [
    \(entries.joined(separator: "\n"))
        ]
    }

    """
try Data(source.utf8).write(to: output, options: .atomic)
