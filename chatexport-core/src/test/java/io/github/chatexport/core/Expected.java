package io.github.chatexport.core;

import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Warning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expected-result format of the fixtures (see chatexport-testdata/FIXTURES.md): renders what
 * the reader produced, and normalizes a hand-written expectation so that the two compare whole,
 * line by line.
 */
final class Expected {
  private static final int LONG_TEXT = 100_000;

  private Expected() {}

  /** A conversation with more nodes than this is written in the reduced form (FIXTURES.md). */
  static final int BIG = 1000;

  /**
   * The conversation blocks (from a {@code conversation …} line to its {@code end}) the reader
   * delivered.
   */
  static List<String> render(List<Conversation> conversations) {
    List<String> out = new ArrayList<>();
    for (Conversation c : conversations) {
      boolean big = c.nodes().size() > BIG;
      out.add(c.id().isEmpty() ? "conversation" : "conversation " + c.id());
      out.add("title " + (c.title() == null ? "null" : quote(c.title())));
      out.add("create_time " + c.createTime());
      out.add("update_time " + c.updateTime());
      out.add("current_node " + (c.currentNode() == null ? "null" : quote(c.currentNode())));
      out.add("nodes " + c.nodes().size());
      Branch active = c.activeBranch();
      out.add(join("active", active.nodeIds()));
      List<Branch> branches = c.branches();
      if (big) {
        out.add("branch_count " + branches.size());
      } else {
        for (Branch b : branches) {
          out.add(join("branch", b.nodeIds()));
        }
      }
      out.add(join("visible", active.visibleMessages().stream().map(Message::id).toList()));
      for (MessageNode node : c.nodes().values()) {
        Message m = node.message();
        if (m != null && !big) {
          String text = m.text();
          out.add(
              "message "
                  + node.id()
                  + " "
                  + m.author().role()
                  + " "
                  + m.content().contentType()
                  + " "
                  + m.content().getClass().getSimpleName()
                  + " "
                  + (text.length() > LONG_TEXT ? "<length " + text.length() + ">" : quote(text)));
        }
      }
      for (Warning w : c.warnings()) {
        out.add("warning " + w.kind() + " " + w.location().jsonPath());
      }
      out.add("end");
    }
    return out;
  }

  /** The {@code error} line of a reader's exception. */
  static String error(Location at) {
    return "error " + at.line() + ":" + at.column() + " " + at.jsonPath();
  }

  private static String join(String key, List<String> ids) {
    return ids.isEmpty() ? key : key + " " + String.join(" ", ids);
  }

  /** The expectation's meaningful lines, with strings and instants in one canonical form. */
  static List<String> normalize(String expected) {
    List<String> out = new ArrayList<>();
    for (String raw : expected.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.add(canonical(line));
    }
    return out;
  }

  private static String key(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }

  private static String canonical(String line) {
    String key = key(line);
    String rest = line.length() > key.length() ? line.substring(key.length() + 1).strip() : "";
    switch (key) {
      case "title":
      case "current_node":
        return key + " " + (rest.equals("null") ? "null" : quote(unquote(rest)));
      case "create_time":
      case "update_time":
        return key + " " + (rest.equals("null") ? "null" : Instant.parse(rest).toString());
      case "message":
        {
          String[] f = rest.split(" ", 5);
          if (f.length < 5) {
            return line;
          }
          String text = f[4].startsWith("<length") ? f[4] : quote(unquote(f[4]));
          return key + " " + f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " " + text;
        }
      case "active":
      case "branch":
      case "visible":
        return rest.isEmpty() ? key : key + " " + String.join(" ", rest.split("\\s+"));
      default:
        return key + (rest.isEmpty() ? "" : " " + rest);
    }
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String unquote(String literal) {
    if (literal.length() < 2
        || literal.charAt(0) != '"'
        || literal.charAt(literal.length() - 1) != '"') {
      throw new IllegalArgumentException("not a JSON string literal: " + literal);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = literal.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
