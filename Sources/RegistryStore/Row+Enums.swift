import GRDB
import StoreInterface

extension Row {
    /// A text column holding an enum's raw value. An unknown value (a row written by a newer
    /// regiond, or edited by hand) is an error naming the row, never a silent default.
    func enumValue<T: RawRepresentable>(_ column: String, table: String, key: @autoclosure () -> String) throws -> T
    where T.RawValue == String {
        let text: String = self[column]
        guard let value = T(rawValue: text) else {
            throw StoreError.unreadableRow(table: table, key: key(), column: column, value: text)
        }
        return value
    }

    /// Like `enumValue`, for a nullable column.
    func optionalEnumValue<T: RawRepresentable>(_ column: String, table: String, key: @autoclosure () -> String) throws -> T?
    where T.RawValue == String {
        guard let _: String = self[column] else { return nil }
        return try enumValue(column, table: table, key: key())
    }
}
