import RegionRegistry

/// Block-style YAML for a JSON value: what gateways' config files are written in. Every string is
/// double-quoted with JSON's escapes (valid YAML, and never read back as a number, a boolean or
/// `null`); keys are plain when they are safe words. Objects keep `keyOrder`'s order first, the
/// rest sorted, so the same value always renders the same bytes.
public enum YAMLText {
    public static func render(_ value: JSONValue, comments: [String] = [], keyOrder: [String] = []) -> String {
        // A line break inside a comment would make the rest live YAML: comments carry free text
        // (policy Sids, grant notes), so every control or line-separating character becomes a space.
        var out = comments.map { $0.isEmpty ? "#\n" : "# \(oneLine($0))\n" }.joined()
        switch value {
        case .object(let fields) where !fields.isEmpty:
            appendFields(fields, indent: 0, keyOrder: keyOrder, to: &out)
        case .array(let items) where !items.isEmpty:
            appendItems(items, indent: 0, keyOrder: keyOrder, to: &out)
        default:
            out += scalar(value) + "\n"
        }
        return out
    }

    private static func appendFields(_ fields: [String: JSONValue], indent: Int, keyOrder: [String], to out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in ordered(fields.keys, keyOrder) {
            let value = fields[key]!
            out += pad + plainOrQuoted(key) + ":"
            switch value {
            case .object(let inner) where !inner.isEmpty:
                out += "\n"
                appendFields(inner, indent: indent + 2, keyOrder: keyOrder, to: &out)
            case .array(let items) where !items.isEmpty:
                out += "\n"
                appendItems(items, indent: indent + 2, keyOrder: keyOrder, to: &out)
            default:
                out += " " + scalar(value) + "\n"
            }
        }
    }

    private static func appendItems(_ items: [JSONValue], indent: Int, keyOrder: [String], to out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .object(let fields) where !fields.isEmpty:
                // The first field shares the dash's line; the rest line up under it.
                var block = ""
                appendFields(fields, indent: indent + 2, keyOrder: keyOrder, to: &block)
                out += pad + "- " + block.dropFirst(indent + 2)
            case .array(let inner) where !inner.isEmpty:
                out += pad + "-\n"
                appendItems(inner, indent: indent + 2, keyOrder: keyOrder, to: &out)
            default:
                out += pad + "- " + scalar(item) + "\n"
            }
        }
    }

    private static func ordered(_ keys: Dictionary<String, JSONValue>.Keys, _ keyOrder: [String]) -> [String] {
        let first = keyOrder.filter { keys.contains($0) }
        return first + keys.filter { !first.contains($0) }.sorted()
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .object: "{}"
        case .array: "[]"
        default: escapingUnprintable(String(decoding: value.jsonBytes, as: UTF8.self))
        }
    }

    /// YAML readers refuse DEL and C1 controls in a document and fold U+0085/U+2028/U+2029:
    /// inside a double-quoted scalar they are written as escapes instead.
    private static func escapingUnprintable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029 ? " " : scalar
        }))
    }

    private static func plainOrQuoted(_ key: String) -> String {
        let safe = !key.isEmpty && key.first!.isLetter && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        return safe && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(key.lowercased()) ? key : scalar(.string(key))
    }
}
