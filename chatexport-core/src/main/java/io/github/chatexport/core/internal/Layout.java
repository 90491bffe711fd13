package io.github.chatexport.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the files of an export are: its root folder inside the source (exports are sometimes re-zipped under one
 * top folder), its conversation files in reading order, and {@code user.json}.
 *
 * @param prefix the root folder, ending with {@code /}, or empty
 * @param conversations the conversation files, in reading order
 * @param account {@code user.json}, or null
 */
public record Layout(String prefix, List<String> conversations, @Nullable String account) {
  private static final Pattern SHARD = Pattern.compile("conversations-(\\d+)\\.json");

  /** Finds the layout of {@code entries}; {@code conversations} is empty when there is no conversations file. */
  public static Layout of(List<String> entries, boolean singleFile) {
    if (singleFile) {
      return new Layout("", List.copyOf(entries), null);
    }
    String prefix = commonPrefix(entries);
    List<String> shards = new ArrayList<>();
    String single = null;
    String account = null;
    for (String entry : entries) {
      if (!entry.startsWith(prefix)) {
        continue;
      }
      String name = entry.substring(prefix.length());
      if (SHARD.matcher(name).matches()) {
        shards.add(entry);
      } else if (name.equals("conversations.json")) {
        single = entry;
      } else if (name.equals("user.json")) {
        account = entry;
      }
    }
    List<String> conversations;
    if (!shards.isEmpty()) {
      shards.sort(Comparator.comparing((String s) -> shardNumber(s.substring(prefix.length()))));
      conversations = List.copyOf(shards);
    } else if (single != null) {
      conversations = List.of(single);
    } else {
      conversations = List.of();
    }
    return new Layout(prefix, conversations, account);
  }

  private static java.math.BigInteger shardNumber(String name) {
    Matcher m = SHARD.matcher(name);
    return m.matches() ? new java.math.BigInteger(m.group(1)) : java.math.BigInteger.ZERO;
  }

  /** The one top folder that holds every entry, if there is one and nothing lies beside it. */
  private static String commonPrefix(List<String> entries) {
    String first = null;
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      if (slash < 0) {
        return "";
      }
      String top = entry.substring(0, slash + 1);
      if (first == null) {
        first = top;
      } else if (!first.equals(top)) {
        return "";
      }
    }
    return first == null ? "" : first;
  }
}
