/**
 * The streaming reader for ChatGPT data exports: {@link io.github.chatexport.core.ExportReader}.
 */
module io.github.chatexport.core {
  requires transitive io.github.chatexport.api;
  requires com.fasterxml.jackson.core;
  requires static transitive org.jspecify;

  exports io.github.chatexport.core;
}
