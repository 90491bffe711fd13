package io.github.chatexport.core;

import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Warning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a caller can ask of an export through the public API, gathered into one comparable
 * value: the conversations (records, with their warnings), what each yields (active branch, every
 * branch, texts, citation spans, asset references), the account and the other files, the export's
 * warnings, and how the pass ended.
 *
 * <p>Only {@link ChatExportException} and {@link IOException} (or its unchecked wrapper) may escape
 * the API: they end the read and are part of the result; anything else propagates, which is what a
 * fuzz target reports.
 */
final class WholeRead {
  // A class, not a record: Jazzer's instrumentation of a record's fields fails on the module path.
  private final List<Conversation> conversations;
  private final List<Object> all;

  private WholeRead(
      List<Conversation> conversations,
      List<String> derived,
      List<String> others,
      List<Warning> exportWarnings,
      @Nullable String failure) {
    this.conversations = conversations;
    this.all = java.util.Arrays.asList(conversations, derived, others, exportWarnings, failure);
  }

  /** The conversations delivered, in order. */
  List<Conversation> conversations() {
    return conversations;
  }

  /** Where this read and {@code other} first differ, or null when they are equal. */
  @Nullable String firstDifference(WholeRead other) {
    String[] names = {"conversations", "derived", "others", "export warnings", "failure"};
    for (int i = 0; i < all.size(); i++) {
      Object a = all.get(i);
      Object b = other.all.get(i);
      if (java.util.Objects.equals(a, b)) {
        continue;
      }
      if (a instanceof List<?> la && b instanceof List<?> lb) {
        for (int k = 0; k < Math.min(la.size(), lb.size()); k++) {
          if (!java.util.Objects.equals(la.get(k), lb.get(k))) {
            Object x = la.get(k);
            Object y = lb.get(k);
            if (x instanceof Conversation cx && y instanceof Conversation cy) {
              return names[i] + "[" + k + "]: " + Conversations.difference(cx, cy);
            }
            return names[i] + "[" + k + "]: " + x + "\n  against " + y;
          }
        }
        return names[i] + ": " + la.size() + " against " + lb.size() + " elements";
      }
      return names[i] + ": " + a + "\n  against " + b;
    }
    return null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WholeRead w && all.equals(w.all);
  }

  @Override
  public int hashCode() {
    return all.hashCode();
  }

  @Override
  public String toString() {
    return all.toString();
  }

  /**
   * The most branch nodes walked per read: a comb of n leaves has n^2 of them, which is the
   * caller's choice.
   */
  private static final int MAX_BRANCH_NODES = 200_000;

  static WholeRead of(ExportReader.Builder builder, Path path) {
    List<Conversation> conversations = new ArrayList<>();
    List<String> derived = new ArrayList<>();
    List<String> others = new ArrayList<>();
    List<Warning> exportWarnings = new ArrayList<>();
    String failure = null;
    try (ExportReader export = builder.open(path)) {
      try {
        others.add(String.valueOf(export.layout()));
        others.add(String.valueOf(export.account()));
        others.add(String.valueOf(export.manifest()));
        others.add(String.valueOf(export.feedback()));
        others.add(String.valueOf(export.sharedConversations()));
        others.add(String.valueOf(export.modelComparisons()));
        others.add(String.valueOf(export.libraryFiles()));
        others.add(String.valueOf(export.assetFileNames()));
        others.add(String.valueOf(export.canvasDocuments()));
        for (String file : export.files()) {
          others.add(file);
          try (java.io.InputStream in = export.openFile(file)) {
            others.add(Long.toString(in.transferTo(java.io.OutputStream.nullOutputStream())));
          }
          if (file.endsWith(".json")) {
            others.add(String.valueOf(export.json(file).map(j -> j.toJson().length())));
          }
        }
        others.add(String.valueOf(export.assets().all()));
      } catch (ChatExportException | IOException | UncheckedIOException e) {
        others.add(describe(e));
      }
      int[] budget = {MAX_BRANCH_NODES};
      try {
        Iterator<Conversation> it = export.iterator();
        while (it.hasNext()) {
          Conversation c = it.next();
          conversations.add(c);
          derived.add(derive(c, export, budget));
        }
      } catch (ChatExportException | UncheckedIOException e) {
        failure = describe(e);
      }
      exportWarnings.addAll(export.warnings());
    } catch (ChatExportException | IOException | UncheckedIOException e) {
      failure = describe(e);
    }
    return new WholeRead(conversations, derived, others, exportWarnings, failure);
  }

  private static String derive(Conversation c, ExportReader export, int[] budget) {
    StringBuilder out = new StringBuilder();
    Branch active = c.activeBranch();
    out.append(active.messages().size()).append('/').append(active.visibleMessages().size());
    for (Message m : active.messages()) {
      out.append(' ').append(m.text().length()).append(':').append(m.citationSpans().size());
    }
    List<Branch> branches = c.branches();
    out.append(" branches ").append(branches.size());
    for (Branch b : branches) {
      int size = b.nodes().size();
      if (budget[0] < size) {
        break;
      }
      budget[0] -= size;
      out.append(' ').append(size);
    }
    for (AssetReference ref : export.assets().references(c)) {
      out.append(' ').append(ref);
    }
    return out.toString();
  }

  private static String describe(Exception e) {
    if (e instanceof ChatExportException x) {
      return "ChatExportException " + x.getMessage() + " at " + x.location();
    }
    return e.getClass().getSimpleName();
  }
}
