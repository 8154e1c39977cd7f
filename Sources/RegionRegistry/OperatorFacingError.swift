/// An error whose description is written for operators and safe to show through the API: it names
/// files, JSON paths and reasons, never credentials or SQL.
public protocol OperatorFacingError: Error, CustomStringConvertible {}

extension InvalidSnapshot: OperatorFacingError {}
