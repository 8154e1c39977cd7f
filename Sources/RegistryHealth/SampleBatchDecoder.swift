import JSONScanning
import Foundation

/// Turns a `POST` body of health samples into `HealthSample`s, all or nothing.
///
/// Body: `{"samples": [{region, model_id | profile_id, source_region?, observed_at, latency_ms,
/// ttft_ms?, outcome, http_status?, origin?}, …]}`. `observed_at` is RFC 3339 with any offset and
/// 0–9 fraction digits. `null` counts as absent. `model_id` may also be an inference profile id or
/// ARN (Bedrock accepts either as its `modelId`); a profile id is resolved to its model.
///
/// Validation is whole: the first problem is thrown and nothing is returned partially. Problems
/// rank as: the body is not JSON; the batch's shape (not an object, unknown or duplicate top-level
/// field, `samples` missing, not an array, empty or longer than `maxSamples`); then the sample with
/// the lowest index. Within a sample, field problems come in document order, then missing or
/// inconsistent fields in the order of the list above.
///
/// Hand-rolled over the bytes (see `JSONScanner`) because ingest speed matters: JSONDecoder's
/// containers and error paths, or JSONSerialization's boxing, cost several times more per sample.
public enum SampleBatchDecoder {
    public static let maxSamples = 10_000

    public static func decode(_ body: [UInt8], context: SampleValidationContext) throws(SampleBatchProblem) -> [HealthSample] {
        let result = body.withUnsafeBytes { bytes in
            var batch = BatchParser(scanner: JSONScanner(bytes), context: context)
            return batch.parse()
        }
        return try result.get()
    }
}

/// One pass over a batch body; keeps parsing (syntax only) after a problem so that a body that is
/// not JSON is always reported as such, whatever its first bad sample.
private struct BatchParser {
    var scanner: JSONScanner
    let context: SampleValidationContext
    var samples: [HealthSample] = []
    var batchProblem: SampleBatchProblem?
    var sampleProblem: SampleBatchProblem?

    init(scanner: JSONScanner, context: SampleValidationContext) {
        self.scanner = scanner
        self.context = context
    }

    mutating func parse() -> Result<[HealthSample], SampleBatchProblem> {
        do {
            try parseBody()
        } catch {
            return .failure(SampleBatchProblem(index: nil, field: "body", reason: "not valid JSON: \(error.message) at byte \(error.offset)"))
        }
        if let problem = batchProblem ?? sampleProblem { return .failure(problem) }
        return .success(samples)
    }

    private mutating func noteBatchProblem(_ field: String, _ reason: String) {
        if batchProblem == nil { batchProblem = SampleBatchProblem(index: nil, field: field, reason: reason) }
    }

    private mutating func parseBody() throws(JSONSyntaxError) {
        if scanner.peek() != UInt8(ascii: "{") {
            _ = try scanner.scanValue()
            try expectEnd()
            noteBatchProblem("body", #"must be a JSON object {"samples": [...]}"#)
            return
        }
        try scanner.expect(UInt8(ascii: "{"))
        var sawSamples = false
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected(expecting: "a field name") }
                let key = try scanner.scanString()
                try scanner.expect(UInt8(ascii: ":"))
                let isSamples = scanner.withBytes(key) { $0.elementsEqual("samples".utf8) }
                if !isSamples {
                    noteBatchProblem(scanner.withBytes(key) { String(decoding: $0, as: UTF8.self) }, "unknown field")
                    _ = try scanner.scanValue()
                } else if sawSamples {
                    noteBatchProblem("samples", "duplicate field")
                    _ = try scanner.scanValue()
                } else {
                    sawSamples = true
                    try parseSamples()
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"))
        }
        try expectEnd()
        if !sawSamples { noteBatchProblem("samples", "required") }
    }

    private mutating func expectEnd() throws(JSONSyntaxError) {
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw scanner.unexpected(expecting: "end of input") }
    }

    private mutating func parseSamples() throws(JSONSyntaxError) {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.scanValue()
            noteBatchProblem("samples", "must be an array of sample objects")
            return
        }
        try scanner.expect(UInt8(ascii: "["))
        samples.reserveCapacity(min(SampleBatchDecoder.maxSamples, scanner.bytes.count / 96))  // a sample is ≥ ~100 bytes
        var count = 0
        if !scanner.consume(UInt8(ascii: "]")) {
            repeat {
                if count < SampleBatchDecoder.maxSamples && sampleProblem == nil {
                    try parseSample(index: count)
                } else {
                    _ = try scanner.scanValue()
                }
                count += 1
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "]"))
        }
        if count == 0 { noteBatchProblem("samples", "must not be empty") }
        if count > SampleBatchDecoder.maxSamples {
            noteBatchProblem("samples", "at most \(SampleBatchDecoder.maxSamples) samples per batch (got \(count))")
        }
    }

    private mutating func parseSample(index: Int) throws(JSONSyntaxError) {
        guard scanner.peek() == UInt8(ascii: "{") else {
            _ = try scanner.scanValue()
            sampleProblem = SampleBatchProblem(index: index, field: "", reason: "must be an object")
            return
        }
        var fields = SampleFields()
        var problem: (field: String, reason: String)?
        try scanner.expect(UInt8(ascii: "{"))
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected(expecting: "a field name") }
                let key = try scanner.scanString()
                try scanner.expect(UInt8(ascii: ":"))
                let value = try scanner.scanValue()
                if problem == nil {
                    problem = fields.set(key: key, value: value, scanner: scanner)
                }
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"))
        }
        if problem == nil {
            switch fields.validate(context) {
            case .success(let sample): samples.append(sample)
            case .failure(let failure): problem = (failure.field, failure.reason)
            }
        }
        if let problem { sampleProblem = SampleBatchProblem(index: index, field: problem.field, reason: problem.reason) }
    }
}
