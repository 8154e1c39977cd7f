/// Short, locale-free number texts for reasons ("31%", "0.4%", "820 ms", "1.2 s").
enum Formatting {
    /// A rate as a percentage: whole from 10 % up, else one decimal ("0.4%", "5%", "31%").
    static func percent(_ rate: Double) -> String {
        let value = rate * 100
        if value >= 10 { return "\(Int(value.rounded()))%" }
        return "\(oneDecimal(value))%"
    }

    /// Milliseconds as "820 ms", "1.2 s", "20 s" or "125 s".
    static func duration(milliseconds: Double) -> String {
        if milliseconds < 999.5 { return "\(Int(milliseconds.rounded())) ms" }
        let seconds = milliseconds / 1000
        if seconds >= 99.95 { return "\(Int(seconds.rounded())) s" }
        return "\(oneDecimal(seconds)) s"
    }

    /// One decimal, without a trailing ".0".
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func samples(_ count: Int) -> String {
        count == 1 ? "1 sample" : "\(count) samples"
    }
}
