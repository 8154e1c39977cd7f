/// One element of a small XML document, such as STS's Query-protocol answers.
///
/// A reader of our own rather than Foundation's `XMLParser`: on Linux that lives in
/// FoundationXML, which needs libxml2 at run time, and these answers use a sliver of XML.
/// It reads elements, character data, CDATA, comments, processing instructions and the five
/// predefined and numeric entities; it refuses DTDs (no entity expansion to worry about) and
/// anything not well formed. Attributes are skipped; namespace prefixes are dropped.
struct AWSXMLElement: Sendable, Equatable {
    /// The local name (`Credentials` for `<sts:Credentials>`).
    var name: String
    var children: [AWSXMLElement] = []
    /// The character data directly inside this element, entities decoded.
    var text = ""

    /// The first child named `name`.
    func child(_ name: String) -> AWSXMLElement? {
        children.first { $0.name == name }
    }

    /// The element at a path of child names below this one.
    func descendant(_ path: String...) -> AWSXMLElement? {
        path.reduce(Optional(self)) { element, name in element?.child(name) }
    }

    /// Parses a whole document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(AWSXMLError) -> AWSXMLElement {
        var reader = AWSXMLReader(bytes: bytes)
        return try reader.document()
    }
}

/// Why a document could not be read; the text names the problem, never the content.
struct AWSXMLError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private struct AWSXMLReader {
    let bytes: [UInt8]
    var index = 0
    var open: [AWSXMLElement] = []
    var root: AWSXMLElement?

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(AWSXMLError) -> AWSXMLElement {
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                try markup()
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                try addText(try Self.decodeEntities(bytes[index..<end]))
                index = end
            }
        }
        guard open.isEmpty, let root else { throw AWSXMLError("the document ends before its root element is closed") }
        return root
    }

    private mutating func markup() throws(AWSXMLError) {
        if skip(over: "<?", to: "?>") || skip(over: "<!--", to: "-->") { return }
        if starts(with: "<![CDATA[") {
            let start = index + 9
            guard let end = find("]]>", from: start) else { throw AWSXMLError("unterminated CDATA section") }
            try addText(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end + 3
            return
        }
        if starts(with: "<!") { throw AWSXMLError("document type declarations are not accepted") }
        guard let close = tagEnd() else { throw AWSXMLError("unterminated tag") }
        let tag = bytes[(index + 1)..<close]
        index = close + 1
        if tag.first == UInt8(ascii: "/") {
            let name = Self.localName(tag.dropFirst())
            guard var element = open.popLast(), element.name == name else {
                throw AWSXMLError("closing tag </\(name.prefix(40))> does not match the open element")
            }
            element.text = element.text.trimmingXMLWhitespace()
            try attach(element)
            return
        }
        let selfClosing = tag.last == UInt8(ascii: "/")
        let name = Self.localName(selfClosing ? tag.dropLast() : tag)
        guard !name.isEmpty else { throw AWSXMLError("a tag without a name") }
        if root != nil && open.isEmpty { throw AWSXMLError("more than one root element") }
        if selfClosing { try attach(AWSXMLElement(name: name)) } else { open.append(AWSXMLElement(name: name)) }
    }

    private mutating func attach(_ element: AWSXMLElement) throws(AWSXMLError) {
        if open.isEmpty { root = element } else { open[open.count - 1].children.append(element) }
    }

    private mutating func addText(_ text: String) throws(AWSXMLError) {
        if open.isEmpty {
            guard text.trimmingXMLWhitespace().isEmpty else { throw AWSXMLError("text outside the root element") }
            return
        }
        open[open.count - 1].text += text
    }

    /// The `>` ending the tag at `index`, skipping quoted attribute values.
    private func tagEnd() -> Int? {
        var quote: UInt8?
        for position in (index + 1)..<bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return position
            }
        }
        return nil
    }

    private func starts(with prefix: String) -> Bool {
        bytes[index...].starts(with: prefix.utf8)
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard start <= bytes.count - needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Skips `<?…?>` or `<!--…-->` when one starts here.
    private mutating func skip(over opening: String, to closing: String) -> Bool {
        guard starts(with: opening), let end = find(closing, from: index + opening.utf8.count) else { return false }
        index = end + closing.utf8.count
        return true
    }

    /// The tag's name without attributes or a namespace prefix.
    private static func localName(_ tag: ArraySlice<UInt8>) -> String {
        let name = tag.prefix { ![UInt8(ascii: " "), 9, 10, 13].contains($0) }
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
        return String(decoding: local, as: UTF8.self)
    }

    private static func decodeEntities(_ raw: ArraySlice<UInt8>) throws(AWSXMLError) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { throw AWSXMLError("unterminated entity") }
            let entity = rest[rest.index(after: ampersand)..<semicolon]
            guard let decoded = decode(entity) else { throw AWSXMLError("unknown entity &\(entity.prefix(12));") }
            out.append(decoded)
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    private static func decode(_ entity: Substring) -> Character? {
        switch entity {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}

extension String {
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
