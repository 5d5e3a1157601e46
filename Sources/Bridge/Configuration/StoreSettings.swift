/// Where Crossdock keeps its state.
public enum StoreSettings: Sendable, Hashable {
    /// An absolute path of the SQLite database file. (`postgres:` is accepted by the schema and refused
    /// at load until the PostgreSQL store exists.)
    case sqlite(path: String)
}
