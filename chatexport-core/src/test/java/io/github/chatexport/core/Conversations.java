package io.github.chatexport.core;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.MessageNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Names the first component in which two conversations differ, for fuzz findings that can be read.
 */
final class Conversations {
  private Conversations() {}

  static String difference(Conversation a, Conversation b) {
    if (!a.warnings().equals(b.warnings())) {
      for (int i = 0; i < Math.min(a.warnings().size(), b.warnings().size()); i++) {
        if (!a.warnings().get(i).equals(b.warnings().get(i))) {
          return "warning " + i + ": " + a.warnings().get(i) + "\n  against " + b.warnings().get(i);
        }
      }
      return "warnings: " + a.warnings().size() + " against " + b.warnings().size();
    }
    List<String> parts = new ArrayList<>();
    check(parts, "id", a.id(), b.id());
    check(parts, "title", a.title(), b.title());
    check(parts, "createTime", a.createTime(), b.createTime());
    check(parts, "updateTime", a.updateTime(), b.updateTime());
    check(parts, "currentNode", a.currentNode(), b.currentNode());
    check(parts, "extras", a.extras(), b.extras());
    if (!a.nodes().equals(b.nodes())) {
      List<String> keysA = new ArrayList<>(a.nodes().keySet());
      List<String> keysB = new ArrayList<>(b.nodes().keySet());
      if (!keysA.equals(keysB)) {
        parts.add("node keys " + keysA + " against " + keysB);
      } else {
        for (String k : keysA) {
          MessageNode x = a.nodes().get(k);
          MessageNode y = b.nodes().get(k);
          if (!Objects.equals(x, y)) {
            parts.add("node " + k + ": " + describe(x) + "\n  against " + describe(y));
            break;
          }
        }
      }
    }
    return parts.isEmpty() ? "equal components, unequal records" : String.join("; ", parts);
  }

  private static String describe(MessageNode n) {
    return "parent="
        + n.parentId()
        + " children="
        + n.childIds()
        + " extras="
        + n.extras()
        + " message="
        + (n.message() == null
            ? null
            : n.message().content()
                + " "
                + n.message().metadata()
                + " "
                + n.message().extras()
                + " "
                + n.message().createTime()
                + " "
                + n.message().weight());
  }

  private static void check(List<String> parts, String name, Object a, Object b) {
    if (!Objects.equals(a, b)) {
      parts.add(name + " " + a + " against " + b);
    }
  }
}
