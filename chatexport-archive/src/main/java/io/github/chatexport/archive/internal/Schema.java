package io.github.chatexport.archive.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The archive's tables, and the one place where the schema's version lives: SQLite's {@code PRAGMA
 * user_version}. A newer version adds a step to {@link #STEPS}; {@link #migrate} runs the steps an
 * older file lacks, in the caller's transaction.
 */
public final class Schema {
  /** The version this library writes. */
  public static final int VERSION = 3;

  /** The statements that take a file from version {@code i} to {@code i + 1}. */
  private static final List<List<String>> STEPS =
      List.of(
          List.of(
              """
      CREATE TABLE export (
        number INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        account_id TEXT,
        export_time TEXT,
        export_time_us INTEGER,
        added_at TEXT NOT NULL,
        partial INTEGER NOT NULL,
        layout TEXT NOT NULL,
        conversation_files TEXT NOT NULL,
        conversations INTEGER NOT NULL,
        new INTEGER NOT NULL,
        changed INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        reappeared INTEGER NOT NULL,
        assets_added INTEGER NOT NULL)""",
              """
      CREATE TABLE node (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        node_id TEXT NOT NULL,
        json TEXT NOT NULL)""",
              """
      CREATE TABLE version (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL,
        title TEXT,
        update_time TEXT,
        shell TEXT NOT NULL,
        nodes TEXT NOT NULL)""",
              "CREATE INDEX version_by_conversation ON version(conversation_id)",
              """
      CREATE TABLE export_version (
        export INTEGER NOT NULL REFERENCES export(number),
        position INTEGER NOT NULL,
        file TEXT NOT NULL,
        version INTEGER NOT NULL REFERENCES version(id),
        PRIMARY KEY (export, position))""",
              "CREATE INDEX export_version_by_version ON export_version(version)",
              """
      CREATE TABLE conversation (
        id TEXT PRIMARY KEY,
        top_version INTEGER NOT NULL REFERENCES version(id),
        first_seen INTEGER NOT NULL REFERENCES export(number),
        last_seen INTEGER NOT NULL REFERENCES export(number),
        deleted_since INTEGER REFERENCES export(number),
        title TEXT,
        update_time TEXT,
        update_time_us INTEGER,
        merged_sha256 TEXT NOT NULL,
        shell TEXT NOT NULL,
        nodes TEXT NOT NULL)""",
              """
      CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL)""",
              """
      CREATE TABLE blob_chunk (
        sha256 TEXT NOT NULL REFERENCES blob(sha256),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (sha256, seq)) WITHOUT ROWID""",
              """
      CREATE TABLE export_file (
        export INTEGER NOT NULL REFERENCES export(number),
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blob(sha256),
        PRIMARY KEY (export, path))""",
              "CREATE INDEX export_file_by_path ON export_file(path)"),
          // 2: which version the bytes of a conversation in an export were (SourceListener's hash),
          // so that an add recognises a conversation it met before without writing it back to JSON
          List.of(
              """
      CREATE TABLE version_source (
        sha256 TEXT PRIMARY KEY,
        version INTEGER NOT NULL REFERENCES version(id)) WITHOUT ROWID"""),
          // 3: which stored file an export's file was, by its path and stamp
          // (ExportReader.fileStamp), so that an add does not read and hash again the assets it
          // stored before; and which export a file added was, by its path, size and modification
          // time, so that adding it again does not hash it whole to say that it is there
          List.of(
              """
      CREATE TABLE file_stamp (
        path TEXT NOT NULL,
        stamp TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blob(sha256),
        PRIMARY KEY (path, stamp)) WITHOUT ROWID""",
              """
      CREATE TABLE export_stamp (
        path TEXT NOT NULL,
        stamp TEXT NOT NULL,
        export INTEGER NOT NULL REFERENCES export(number),
        PRIMARY KEY (path, stamp)) WITHOUT ROWID"""));

  private Schema() {}

  /** The version of the file {@code connection} is open on (0 for a new, empty file). */
  public static int version(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("PRAGMA user_version")) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  /**
   * Brings the file to {@link #VERSION}; returns whether it was created (version 0 before).
   *
   * @throws IllegalStateException if the file was written by a newer version, or is not an archive
   */
  public static boolean migrate(Connection connection) throws SQLException {
    int version = version(connection);
    if (version > VERSION) {
      throw new IllegalStateException(
          "the archive has schema version "
              + version
              + ", newer than this chatexport knows ("
              + VERSION
              + "): use a newer chatexport");
    }
    if (version == 0) {
      try (Statement s = connection.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        if (r.next() && r.getInt(1) > 0) {
          throw new IllegalStateException(
              "this SQLite file is not a chatexport archive (it has other tables)");
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      for (int v = version; v < VERSION; v++) {
        for (String sql : STEPS.get(v)) {
          s.execute(sql);
        }
      }
      if (version < VERSION) {
        s.execute("PRAGMA user_version = " + VERSION);
      }
    }
    return version == 0;
  }
}
