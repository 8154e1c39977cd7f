import Foundation

/// ISO 8601's basic form, `20150830T123600Z`: SigV4's `X-Amz-Date` (whole seconds, UTC).
extension UTCDateTime {
    public var iso8601Basic: String {
        var text = ""
        text.reserveCapacity(16)
        for (value, width) in [(year, 4), (month, 2), (day, 2)] { Digits.append(value, width: width, to: &text) }
        text.append("T")
        for value in [hour, minute, second] { Digits.append(value, width: 2, to: &text) }
        text.append("Z")
        return text
    }

    /// Parses exactly `yyyyMMdd'T'HHmmss'Z'`; nil for anything else, impossible dates and leap seconds included.
    public init?(iso8601Basic text: String) {
        var text = text
        let parsed: UTCDateTime? = text.withUTF8 { buffer in
            var reader = Digits(bytes: UnsafeRawBufferPointer(buffer))
            guard let year = reader.number(4), let month = reader.number(2), let day = reader.number(2), reader.skip("T"),
                  let hour = reader.number(2), let minute = reader.number(2), let second = reader.number(2), second < 60,
                  reader.skip("Z"), reader.atEnd
            else { return nil }
            return UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
        guard let parsed else { return nil }
        self = parsed
    }
}
