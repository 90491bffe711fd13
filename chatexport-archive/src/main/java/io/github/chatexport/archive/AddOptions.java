package io.github.chatexport.archive;

import io.github.chatexport.core.ProgressListener;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ChatArchive#add(java.nio.file.Path, AddOptions)} treats an export. Immutable; start
 * from {@link #DEFAULT}.
 *
 * @param partial keep what a damaged or incomplete export holds instead of refusing it; such an
 *     export (and any export added this way) marks nothing deleted
 * @param otherAccount accept an export of another account than the archive's (mixing two people's
 *     data is refused otherwise)
 * @param progress told of the progress of reading the export's conversations, or null
 */
public record AddOptions(
    boolean partial, boolean otherAccount, @Nullable ProgressListener progress) {
  /** Refuse incomplete exports and other accounts; no progress. */
  public static final AddOptions DEFAULT = new AddOptions(false, false, null);

  /** A copy with {@link #partial()} set. */
  public AddOptions withPartial(boolean partial) {
    return new AddOptions(partial, otherAccount, progress);
  }

  /** A copy with {@link #otherAccount()} set. */
  public AddOptions withOtherAccount(boolean otherAccount) {
    return new AddOptions(partial, otherAccount, progress);
  }

  /** A copy with another progress listener. */
  public AddOptions withProgress(@Nullable ProgressListener progress) {
    return new AddOptions(partial, otherAccount, progress);
  }
}
