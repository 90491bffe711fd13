package io.github.chatexport.core.internal.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.ExportManifest;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Feedback;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.ModelComparison;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.SharedConversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.json.JsonPaths;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.json.RawReader;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads the export's files other than the conversations into records, each file read whole. */
public final class AuxiliaryFiles {
  private final ExportSource source;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final Consumer<Warning> warnings;

  /** Reader of the files of {@code source}; warnings go to {@code warnings}. */
  public AuxiliaryFiles(
      ExportSource source, ReaderConfig config, JsonFactory factory, Consumer<Warning> warnings) {
    this.source = source;
    this.config = config;
    this.factory = factory;
    this.warnings = warnings;
  }

  /** A JSON file read whole, with the problems (and first location) of its reading. */
  private record Read(RawJson json, Problems problems, JsonLocation at) {}

  private Read read(String entry) {
    return parse(
        entry,
        (p, problems) -> {
          if (p.nextToken() == null) {
            throw problems.error("the file is empty", p.currentLocation(), "$", null, null);
          }
          JsonLocation at = p.currentTokenLocation();
          RawJson json = new RawReader(p).read();
          if (p.nextToken() != null) {
            throw problems.error(
                "unexpected content after the JSON value",
                p.currentTokenLocation(),
                "$",
                null,
                null);
          }
          return new Read(json, problems, at);
        });
  }

  /** What is read from a file's parser, its problems collected in {@code problems}. */
  private interface Body<T> {
    T read(JsonParser p, Problems problems) throws IOException;
  }

  /**
   * Opens {@code entry}, reads it with {@code body} and closes it; a failure to read becomes the
   * located error of {@link Json#translate}.
   */
  private <T> T parse(String entry, Body<T> body) {
    Problems problems = new Problems(source.file(), source.locationEntry(entry), config.strict());
    JsonParser p = null;
    try (InputStream in = source.open(entry)) {
      p = factory.createParser(in);
      return body.read(p, problems);
    } catch (IOException e) {
      throw Json.translate(e, p, problems, null);
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException e) {
          // read-only
        }
      }
    }
  }

  /** Any JSON file, whole. */
  public RawJson json(String entry) {
    return read(entry).json();
  }

  private List<RawJson.JsonObject> rows(Read r, String what) {
    RawJson json = r.json();
    if (!(json instanceof RawJson.JsonArray array)) {
      r.problems()
          .warn(
              Warning.Kind.TYPE_MISMATCH,
              what
                  + " is "
                  + ContentReader.article(json.kind())
                  + ", not an array; it is readable with json()",
              r.at(),
              "$");
      flush(r);
      return List.of();
    }
    List<RawJson.JsonObject> out = new ArrayList<>();
    List<RawJson> elements = array.elements();
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) instanceof RawJson.JsonObject o) {
        out.add(o);
      } else {
        r.problems()
            .warn(
                Warning.Kind.TYPE_MISMATCH,
                "a row of "
                    + what
                    + " is "
                    + ContentReader.article(elements.get(i).kind())
                    + ", not an object; skipped",
                r.at(),
                "$[" + i + "]");
      }
    }
    return out;
  }

  private void flush(Read r) {
    r.problems().drain(null).forEach(warnings);
  }

  private ObjectFields fields(Read r, RawJson.JsonObject o, int index) {
    return new ObjectFields(r.problems(), o, Mark.of(r.at()), LazyPath.of("$").index(index));
  }

  /**
   * The rows of a file that is an array of objects, each turned into a record by {@code row}; rows
   * that are not objects are skipped with a warning.
   */
  private <T> List<T> table(String entry, String what, Function<ObjectFields, T> row) {
    Read r = read(entry);
    List<T> out = new ArrayList<>();
    List<RawJson.JsonObject> rows = rows(r, what);
    for (int i = 0; i < rows.size(); i++) {
      out.add(row.apply(fields(r, rows.get(i), i)));
    }
    flush(r);
    return List.copyOf(out);
  }

  /** {@code message_feedback.json}. */
  public List<Feedback> feedback(String entry) {
    return table(
        entry,
        "message_feedback.json",
        f -> {
          String id = f.string("id");
          String messageId = f.string("message_id");
          String conversationId = f.string("conversation_id");
          String userId = f.string("user_id");
          String rating = f.string("rating");
          var createTime = f.instant("create_time");
          RawJson content = f.raw("content");
          RawJson decoded = content;
          if (content instanceof RawJson.JsonString s && looksLikeJson(s.value())) {
            decoded = decode(s.value());
          }
          return new Feedback(
              id,
              messageId,
              conversationId,
              userId,
              rating,
              createTime,
              content,
              decoded,
              f.extras());
        });
  }

  private static boolean looksLikeJson(String s) {
    String t = s.strip();
    return t.startsWith("{") || t.startsWith("[");
  }

  private @Nullable RawJson decode(String text) {
    try (JsonParser p = factory.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      RawJson json = new RawReader(p).read();
      return p.nextToken() == null ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code shared_conversations.json}. */
  public List<SharedConversation> sharedConversations(String entry) {
    return table(
        entry,
        "shared_conversations.json",
        f -> {
          String id = f.string("id");
          String conversationId = f.string("conversation_id");
          String title = f.string("title");
          var create = f.instant("create_time");
          var update = f.instant("update_time");
          Boolean anonymous = f.bool("is_anonymous");
          return new SharedConversation(
              id == null ? "" : id, conversationId, title, create, update, anonymous, f.extras());
        });
  }

  /** {@code model_comparisons.json}. */
  public List<ModelComparison> modelComparisons(String entry) {
    return table(
        entry,
        "model_comparisons.json",
        f -> {
          String id = f.string("id");
          String userId = f.string("user_id");
          RawJson input = f.raw("input");
          RawJson output = f.raw("output");
          var create = f.instant("create_time");
          return new ModelComparison(
              id == null ? "" : id, userId, input, output, create, f.extras());
        });
  }

  /** {@code library_files.json}. */
  public List<LibraryFile> libraryFiles(String entry) {
    return table(
        entry,
        "library_files.json",
        f -> {
          String fileId = f.string("file_id");
          String name = f.string("file_name");
          String mime = f.string("mime_type");
          String message = f.string("origination_message_id");
          String thread = f.string("origination_thread_id");
          return new LibraryFile(
              fileId == null ? "" : fileId, name, mime, message, thread, f.extras());
        });
  }

  /**
   * {@code conversation_asset_file_names.json}: entry name ({@code file_….dat}) to display name.
   */
  public Map<String, String> assetFileNames(String entry) {
    Read r = read(entry);
    Map<String, String> out = new LinkedHashMap<>();
    if (r.json() instanceof RawJson.JsonObject o) {
      for (Map.Entry<String, RawJson> e : o.members().entrySet()) {
        if (e.getValue() instanceof RawJson.JsonString s) {
          out.put(e.getKey(), s.value());
        } else {
          r.problems()
              .warn(
                  Warning.Kind.TYPE_MISMATCH,
                  "a display name is "
                      + ContentReader.article(e.getValue().kind())
                      + ", not a string",
                  r.at(),
                  JsonPaths.child("$", e.getKey()));
        }
      }
    } else {
      r.problems()
          .warn(
              Warning.Kind.TYPE_MISMATCH,
              "conversation_asset_file_names.json is "
                  + ContentReader.article(r.json().kind())
                  + ", not an object",
              r.at(),
              "$");
    }
    flush(r);
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * chat.html's {@code assetsJson}: asset pointer to the file's path in the export. The object may
   * be a JavaScript literal rather than strict JSON (single quotes, unquoted names, trailing
   * commas, HTML entities); each value is a path or a descriptor with {@code file_path}. A literal
   * that cannot be read gives an export warning and an empty map.
   */
  public Map<String, String> assetsJson(String text, String entry) {
    RawJson json = lenient(text);
    if (json == null) {
      json =
          lenient(
              text.replace("&quot;", "\"")
                  .replace("&#39;", "'")
                  .replace("&lt;", "<")
                  .replace("&gt;", ">")
                  .replace("&amp;", "&"));
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (!(json instanceof RawJson.JsonObject o)) {
      warnings.accept(
          new Warning(
              Warning.Kind.OTHER,
              "chat.html's assetsJson is not an object that can be read",
              new io.github.chatexport.api.Location(
                  source.file(), source.locationEntry(entry), -1, -1, -1, "assetsJson", null)));
      return out;
    }
    for (Map.Entry<String, RawJson> e : o.members().entrySet()) {
      RawJson v = e.getValue();
      RawJson path = v instanceof RawJson.JsonString ? v : v.get("file_path");
      path.asString().ifPresent(p -> out.put(e.getKey(), p));
    }
    return out;
  }

  private @Nullable RawJson lenient(String text) {
    JsonFactory lenient =
        JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .streamReadConstraints(factory.streamReadConstraints())
            .build();
    try (JsonParser p = lenient.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      return new RawReader(p).read();
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code user.json}. */
  public Account account(String entry) {
    return parse(
        entry,
        (p, problems) -> {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            throw problems.error(
                "expected an object in user.json", p.currentTokenLocation(), "$", null, null);
          }
          Account account = new AccountParser(p, problems).read();
          problems.drain(null).forEach(warnings);
          return account;
        });
  }

  /** {@code export_manifest.json}. */
  public ExportManifest manifest(String entry) {
    Read r = read(entry);
    if (!(r.json() instanceof RawJson.JsonObject o)) {
      r.problems()
          .warn(
              Warning.Kind.TYPE_MISMATCH,
              "export_manifest.json is "
                  + ContentReader.article(r.json().kind())
                  + ", not an object",
              r.at(),
              "$");
      flush(r);
      return new ExportManifest(null, List.of(), Extras.NONE);
    }
    ObjectFields f = new ObjectFields(r.problems(), o, Mark.of(r.at()), LazyPath.of("$"));
    BigDecimal version = f.number("version");
    List<ExportManifest.File> out = new ArrayList<>();
    // The real shape (2026): export_files [{path, size_bytes}], logical_files {name: {files: [...],
    // sharded}}.
    RawJson.JsonArray exportFiles = f.array("export_files");
    if (exportFiles != null) {
      List<RawJson> elements = exportFiles.elements();
      for (int i = 0; i < elements.size(); i++) {
        if (!(elements.get(i) instanceof RawJson.JsonObject file)) {
          continue;
        }
        ObjectFields ff =
            new ObjectFields(
                r.problems(), file, Mark.of(r.at()), LazyPath.of("$").key("export_files").index(i));
        String name = ff.string("path");
        Long size = ff.longValue("size_bytes");
        if (name != null) {
          out.add(new ExportManifest.File(name, size, List.of(), ff.extras()));
        }
      }
    }
    Map<String, List<String>> logical = new LinkedHashMap<>();
    // Kept whole in the extras too (with each entry's "sharded"): only the file lists are typed.
    if (o.get("logical_files") instanceof RawJson.JsonObject logicalFiles) {
      for (Map.Entry<String, RawJson> e : logicalFiles.members().entrySet()) {
        List<String> names = new ArrayList<>();
        if (e.getValue().get("files") instanceof RawJson.JsonArray members) {
          for (RawJson member : members.elements()) {
            member.asString().ifPresent(names::add);
          }
        }
        logical.put(e.getKey(), names);
      }
    }
    // The synthetic shape: files [{name, size, shards: [{name}]}].
    RawJson.JsonArray files = f.array("files");
    if (files != null) {
      List<RawJson> elements = files.elements();
      for (int i = 0; i < elements.size(); i++) {
        if (!(elements.get(i) instanceof RawJson.JsonObject file)) {
          continue;
        }
        ObjectFields ff =
            new ObjectFields(
                r.problems(), file, Mark.of(r.at()), LazyPath.of("$").key("files").index(i));
        String name = ff.string("name");
        Long size = ff.longValue("size");
        RawJson.JsonArray shards = ff.array("shards");
        List<String> shardNames = new ArrayList<>();
        if (shards != null) {
          for (RawJson shard : shards.elements()) {
            RawJson shardName = shard instanceof RawJson.JsonString ? shard : shard.get("name");
            shardName.asString().ifPresent(shardNames::add);
          }
        }
        if (name != null) {
          out.add(new ExportManifest.File(name, size, shardNames, ff.extras()));
        }
      }
    }
    Integer v = null;
    if (version != null) {
      try {
        v = version.intValueExact();
      } catch (ArithmeticException e) {
        v = null;
      }
    }
    flush(r);
    return new ExportManifest(v, out, logical, f.extras());
  }
}
