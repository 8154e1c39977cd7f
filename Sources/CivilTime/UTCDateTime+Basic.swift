import Foundation

/// ISO 8601's basic form, `20150830T123600Z`: SigV4's `X-Amz-Date` (whole seconds, UTC).
extension UTCDateTime {
    public var iso8601Basic: String {
        "\(Digits.padded(year, 4))\(Digits.padded(month, 2))\(Digits.padded(day, 2))T"
            + "\(Digits.padded(hour, 2))\(Digits.padded(minute, 2))\(Digits.padded(second, 2))Z"
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
