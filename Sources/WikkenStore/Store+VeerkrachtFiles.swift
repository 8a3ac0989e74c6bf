import SQLKit

/// An organisation's own data files for the veerkracht pages (its gemeente's CBS kerncijfers,
/// Leefbaarometer scores, …), kept as text so they can be read again exactly.
public struct StoredDataFile: Sendable, Equatable {
    public var name: String
    public var content: String
}

/// A stored file without its content: what a page lists and what tells whether it changed.
public struct DataFileInfo: Sendable, Equatable {
    public var name: String
    public var uploadedAt: String
    public var uploadedBy: String
}

extension Store {
    /// The organisation's files without their contents (cheap: for lists and cache keys).
    public func dataFileInfo(organisationID: String) async throws -> [DataFileInfo] {
        try await db.read { sql in
            try await sql.select()
                .column(SQLColumn("name", table: "veerkracht_files"), as: "name").column(SQLColumn("uploaded_at", table: "veerkracht_files"), as: "uploaded_at")
                .column(SQLColumn("name", table: "users"), as: "uploaded_by")
                .from("veerkracht_files").join("users", on: SQLColumn("uploaded_by", table: "veerkracht_files"), .equal, SQLColumn("id", table: "users"))
                .where(SQLColumn("organisation_id", table: "veerkracht_files"), .equal, SQLBind(organisationID)).orderBy(SQLColumn("name", table: "veerkracht_files")).all().map {
                    try Rows.decode($0, as: Rows.DataFileInfoRow.self).info
                }
        }
    }

    /// Stores a file (a file with the same name is replaced).
    public func saveDataFile(organisationID: String, name: String, content: String, by user: User) async throws {
        try await db.write { sql in
            try await sql.delete(from: "veerkracht_files").where("organisation_id", .equal, SQLBind(organisationID)).where("name", .equal, SQLBind(name)).run()
            try await sql.insert(into: "veerkracht_files").columns("organisation_id", "name", "content", "uploaded_at", "uploaded_by")
                .values(SQLBind(organisationID), SQLBind(name), SQLBind(content), SQLBind(Clock.now()), SQLBind(user.id)).run()
        }
    }

    public func dataFiles(organisationID: String) async throws -> [StoredDataFile] {
        try await db.read { sql in
            try await sql.select().columns("name", "content").from("veerkracht_files").where("organisation_id", .equal, SQLBind(organisationID)).orderBy("name").all().map {
                try Rows.decode($0, as: Rows.DataFileRow.self).file
            }
        }
    }

    public func deleteDataFile(organisationID: String, name: String) async throws {
        try await db.write { sql in
            try await sql.delete(from: "veerkracht_files").where("organisation_id", .equal, SQLBind(organisationID)).where("name", .equal, SQLBind(name)).run()
        }
    }
}

/// An organisation's saved veerkracht choices: the page's query, when and by whom.
public struct VeerkrachtSettings: Sendable, Equatable {
    public var choices: String
    public var savedAt: String
    public var savedBy: String
}

extension Store {
    /// Saves the organisation's veerkracht choices (replacing earlier ones). Audited.
    public func saveVeerkrachtChoices(organisationID: String, choices: String, by user: User) async throws {
        try await db.write { sql in
            try await sql.delete(from: "veerkracht_settings").where("organisation_id", .equal, SQLBind(organisationID)).run()
            try await sql.insert(into: "veerkracht_settings").columns("organisation_id", "choices", "saved_at", "saved_by")
                .values(SQLBind(organisationID), SQLBind(choices), SQLBind(Clock.now()), SQLBind(user.id)).run()
            try await Self.audit(sql, actor: user, action: "veerkracht", subject: user, detail: "keuzes voor de veerkracht bewaard: \(choices)")
        }
    }

    /// The organisation's saved veerkracht choices, with the name of who saved them.
    public func veerkrachtChoices(organisationID: String) async throws -> VeerkrachtSettings? {
        try await db.read { sql in
            try await sql.raw("""
                SELECT s.choices AS choices, s.saved_at AS saved_at, u.name AS name FROM veerkracht_settings s JOIN users u ON u.id = s.saved_by
                WHERE s.organisation_id = \(bind: organisationID)
                """).first().map { row in
                VeerkrachtSettings(choices: try row.decode(column: "choices", as: String.self), savedAt: try row.decode(column: "saved_at", as: String.self),
                                   savedBy: try row.decode(column: "name", as: String.self))
            }
        }
    }
}
