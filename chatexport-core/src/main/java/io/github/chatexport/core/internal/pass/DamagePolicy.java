package io.github.chatexport.core.internal.pass;

import io.github.chatexport.core.ChatExportException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pass does with damage to one file: in strict mode it is thrown at once; otherwise the
 * other files are still read, and the first damage is thrown at the end of the pass, the others
 * suppressed by it.
 */
final class DamagePolicy {
  private final boolean strict;
  private final List<ChatExportException> damage = new ArrayList<>();

  DamagePolicy(boolean strict) {
    this.strict = strict;
  }

  void note(ChatExportException e) {
    if (strict) {
      throw e;
    }
    damage.add(e);
  }

  void throwFirst() {
    if (!damage.isEmpty()) {
      ChatExportException first = damage.get(0);
      for (int i = 1; i < damage.size(); i++) {
        first.addSuppressed(damage.get(i));
      }
      damage.clear();
      throw first;
    }
  }
}
