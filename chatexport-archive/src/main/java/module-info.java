/**
 * Many ChatGPT exports merged into one SQLite archive that only grows: {@code
 * io.github.chatexport.archive}.
 */
module io.github.chatexport.archive {
  requires transitive io.github.chatexport.core;
  requires transitive java.sql;
  requires org.xerial.sqlitejdbc;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.core;

  exports io.github.chatexport.archive;
}
