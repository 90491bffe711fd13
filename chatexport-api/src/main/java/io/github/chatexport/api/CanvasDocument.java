package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A canvas document: one JSON file under {@code textdocs/}. Its shape is not documented, so it is
 * kept whole, with views of the fields seen so far.
 *
 * @param entry the file's name in the export, such as {@code textdocs/abc.json}
 * @param json the document as written
 */
public record CanvasDocument(String entry, RawJson json) {

  /** Checks the components. */
  public CanvasDocument {
    requireNonNull(entry, "entry");
    requireNonNull(json, "json");
  }

  /** The document's id ({@code id} or {@code textdoc_id}). */
  public Optional<String> id() {
    Optional<String> id = json.get("id").asString();
    return id.isPresent() ? id : json.get("textdoc_id").asString();
  }

  /** The document's title. */
  public Optional<String> title() {
    Optional<String> title = json.get("title").asString();
    return title.isPresent() ? title : json.get("name").asString();
  }

  /** The document's type ({@code document}, {@code code/python}, …). */
  public Optional<String> type() {
    Optional<String> type = json.get("textdoc_type").asString();
    return type.isPresent() ? type : json.get("type").asString();
  }

  /** The document's text. */
  public Optional<String> content() {
    Optional<String> content = json.get("content").asString();
    return content.isPresent() ? content : json.get("text").asString();
  }

  @Override
  public String toString() {
    return "CanvasDocument[" + entry + "]";
  }
}
