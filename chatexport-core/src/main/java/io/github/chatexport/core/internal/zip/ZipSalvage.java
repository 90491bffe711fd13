package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.core.internal.zip.ZipDamageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Reads a ZIP archive front to back from its local file headers, without its central directory: for
 * an archive whose end is missing or damaged (an interrupted download), or one that arrives as a
 * stream.
 *
 * <pre>{@code
 * try (ZipSalvage zip = ZipSalvage.over(in, ArchiveLimits.DEFAULTS)) {
 *   for (SalvagedEntry e; (e = zip.next()) != null; ) {
 *     consume(e.name(), e.data());
 *   }
 * } catch (ZipDamageException e) {
 *   // every entry before e.entry() was delivered intact
 * }
 * }</pre>
 *
 * <p>Handles stored (0) and deflated (8) entries; sizes in the header or in a data descriptor after
 * the data (general-purpose bit 3: a deflated entry's end is found by the inflater, a stored one's
 * by scanning for the descriptor's signature and checking its CRC and size), with or without the
 * descriptor's signature, with 32- or 64-bit sizes; ZIP64 extra fields (0x0001) in local headers;
 * the Info-ZIP Unicode path field (0x7075); directory entries. It stops at the first central
 * directory (or end of central directory) record, or at the end of the input between two entries;
 * {@link #endedAtCentralDirectory()} tells which.
 *
 * <p>Damage is thrown as a {@link ZipDamageException} naming the entry and byte offset, after every
 * earlier entry was delivered intact: a cut-off archive, a bad header, bad deflate data, a CRC-32
 * or size mismatch, an encrypted entry or an unknown method. When the damaged entry's compressed
 * size was in its header, the next call of {@link #next()} goes on with the entry after it;
 * otherwise (or when the input ended) the damage is final and every further call throws the same
 * exception. A {@link ZipBombException} is handled the same way.
 *
 * <p>An entry not read to its end is skipped by {@link #next()}: by its compressed size when known
 * (without checking its CRC), else by inflating it. Not thread-safe. Never closes the stream it
 * reads.
 */
public final class ZipSalvage implements AutoCloseable {
  static final long LOCAL = 0x04034b50L;
  static final long CENTRAL = 0x02014b50L;
  static final long END = 0x06054b50L;
  static final long ZIP64_END = 0x06064b50L;
  static final long ZIP64_LOCATOR = 0x07064b50L;
  static final long DESCRIPTOR = 0x08074b50L;
  static final long DIGITAL_SIGNATURE = 0x05054b50L;
  static final long ARCHIVE_EXTRA_DATA = 0x08064b50L;

  /** Written at the very start of some single-segment "spanned" archives. */
  static final long SPANNED_SINGLE = 0x30304b50L;

  static final int FLAG_ENCRYPTED = 1;
  static final int FLAG_DESCRIPTOR = 1 << 3;
  static final int FLAG_UTF8 = 1 << 11;
  static final int STORED = 0;
  static final int DEFLATED = 8;
  private static final long MAX32 = 0xffffffffL;
  private static final int EXTRA_ZIP64 = 0x0001;
  private static final int EXTRA_UNICODE_PATH = 0x7075;

  private final ByteSource src;
  private final ArchiveLimits limits;
  private @Nullable Inflater inflater;
  private @Nullable Data current;
  private @Nullable IOException fatal;

  /** Where the entry after a damaged one starts, or -1. */
  private long resumeAt = -1;

  private @Nullable String lastName;
  private boolean ended;
  private boolean atCentralDirectory;
  private boolean closed;

  private ZipSalvage(InputStream in, ArchiveLimits limits) {
    this.src = new ByteSource(in);
    this.limits = requireNonNull(limits, "limits");
  }

  /** Reads the archive in {@code in} (not closed by this reader; buffering it is not needed). */
  public static ZipSalvage over(InputStream in, ArchiveLimits limits) {
    return new ZipSalvage(requireNonNull(in, "in"), limits);
  }

  /** Reads the archive in {@code in} with {@link ArchiveLimits#DEFAULTS}. */
  static ZipSalvage over(InputStream in) {
    return over(in, ArchiveLimits.DEFAULTS);
  }

  /**
   * The next entry, or null at the end (the central directory, or the end of the input between two
   * entries). Invalidates the previous entry's data stream, skipping what was left of it.
   *
   * @throws ZipDamageException at damage; see the class description for what follows
   * @throws ZipBombException if skipping the rest of an entry without a known size inflates beyond
   *     the limits
   * @throws IOException if the stream fails
   */
  public @Nullable SalvagedEntry next() throws IOException {
    if (closed) {
      throw new IllegalStateException("this ZipSalvage is closed");
    }
    if (fatal != null) {
      throw fatal;
    }
    try {
      return advance();
    } catch (IOException e) {
      if (resumeAt < 0 && fatal == null) {
        fatal = e;
      }
      throw e;
    }
  }

  /**
   * Whether the read ended at a central directory record (the archive's end is present), rather
   * than at the end of the input or at damage. Meaningful once {@link #next()} returned null.
   */
  public boolean endedAtCentralDirectory() {
    return atCentralDirectory;
  }

  /** Releases the inflater; does not close the input. Idempotent; throws nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (current != null) {
        current.detached = true;
        current = null;
      }
      if (inflater != null) {
        inflater.end();
      }
    }
  }

  private @Nullable SalvagedEntry advance() throws IOException {
    leaveCurrent();
    if (resumeAt >= 0) {
      long gap = resumeAt - src.position();
      resumeAt = -1;
      if (gap > 0 && src.skip(gap) < gap) {
        throw damage(
            Reason.TRUNCATED, "the archive ends inside the data", lastName, src.position());
      }
    }
    if (ended) {
      return null;
    }
    long headerOffset = src.position();
    int avail = src.fill(30);
    if (avail == 0) {
      ended = true;
      return null;
    }
    if (avail < 4) {
      throw damage(
          Reason.TRUNCATED, "the archive ends inside a header signature", null, headerOffset);
    }
    long sig = src.peek32(0);
    if (headerOffset == 0 && (sig == DESCRIPTOR || sig == SPANNED_SINGLE)) {
      src.advance(4);
      return advance();
    }
    if (sig == CENTRAL
        || sig == END
        || sig == ZIP64_END
        || sig == ZIP64_LOCATOR
        || sig == DIGITAL_SIGNATURE
        || sig == ARCHIVE_EXTRA_DATA) {
      ended = true;
      atCentralDirectory = true;
      return null;
    }
    if (sig != LOCAL) {
      String after =
          lastName == null ? "at the start" : "after entry " + ArchiveException.quoted(lastName);
      throw damage(Reason.BAD_HEADER, "no local file header " + after, null, headerOffset);
    }
    if (avail < 30) {
      throw damage(
          Reason.TRUNCATED, "the archive ends inside a local file header", null, headerOffset);
    }
    int flags = src.peek16(6);
    int method = src.peek16(8);
    long crc = src.peek32(14);
    long csize = src.peek32(18);
    long usize = src.peek32(22);
    byte[] rawName = new byte[src.peek16(26)];
    byte[] extra = new byte[src.peek16(28)];
    src.advance(30);
    if (src.readFully(rawName) < rawName.length) {
      throw damage(
          Reason.TRUNCATED, "the archive ends inside a local file header", null, headerOffset);
    }
    if (src.readFully(extra) < extra.length) {
      throw damage(
          Reason.TRUNCATED,
          "the archive ends inside a local file header",
          ZipNames.decode(rawName, (flags & FLAG_UTF8) != 0),
          headerOffset);
    }
    String name = name(rawName, flags, extra);
    lastName = name;
    long dataStart = src.position();
    byte[] zip64 = field(extra, EXTRA_ZIP64);
    if (zip64 != null) {
      int i = 0;
      boolean both = zip64.length >= 16;
      if ((usize == MAX32 || both) && i + 8 <= zip64.length) {
        usize = usize == MAX32 ? le64(zip64, i) : usize;
        i += 8;
      }
      if ((csize == MAX32 || both) && i + 8 <= zip64.length) {
        csize = csize == MAX32 ? le64(zip64, i) : csize;
      }
    }
    boolean descriptor = (flags & FLAG_DESCRIPTOR) != 0;
    if (descriptor) {
      crc = -1;
      csize = -1;
      usize = -1;
    } else if (csize < 0 || usize < 0) {
      throw damage(Reason.BAD_HEADER, "the ZIP64 sizes are out of range", name, headerOffset);
    }
    if ((flags & FLAG_ENCRYPTED) != 0) {
      resumeAt = descriptor ? -1 : dataStart + csize;
      throw damage(Reason.ENCRYPTED, "the entry is encrypted", name, headerOffset);
    }
    if (method != STORED && method != DEFLATED) {
      resumeAt = descriptor ? -1 : dataStart + csize;
      throw damage(
          Reason.UNSUPPORTED_METHOD,
          "compression method " + method + " is not supported",
          name,
          headerOffset);
    }
    if (method == STORED && !descriptor && csize != usize) {
      resumeAt = dataStart + csize;
      throw damage(
          Reason.BAD_HEADER,
          "a stored entry's compressed size " + csize + " differs from its size " + usize,
          name,
          headerOffset);
    }
    SalvagedEntry entry = new SalvagedEntry(name, method, flags, headerOffset, csize, usize);
    Data data = new Data(entry, dataStart, crc);
    if (method == DEFLATED) {
      inflater().reset();
    }
    entry.data(
        new InflationGuard(data, name, () -> data.csize >= 0 ? data.csize : data.consumed, limits));
    current = data;
    return entry;
  }

  /** Skips what is left of the current entry, by its size when known, else by reading it. */
  private void leaveCurrent() throws IOException {
    Data data = current;
    if (data == null) {
      return;
    }
    if (!data.finished && !data.failed) {
      if (data.csize >= 0) {
        long gap = data.dataStart + data.csize - src.position();
        if (gap > 0 && src.skip(gap) < gap) {
          throw damage(
              Reason.TRUNCATED,
              "the archive ends inside the data",
              data.entry.name(),
              src.position());
        }
      } else {
        data.closed = false; // the caller may have closed it; it must still be read to its end
        InputStream in = data.entry.data();
        byte[] scratch = new byte[8192];
        while (in.read(scratch, 0, scratch.length) >= 0) {
          // drained to find where the entry ends
        }
      }
    }
    data.detached = true;
    current = null;
  }

  private Inflater inflater() {
    if (inflater == null) {
      inflater = new Inflater(true);
    }
    return inflater;
  }

  private static String name(byte[] rawName, int flags, byte[] extra) {
    byte[] unicode = field(extra, EXTRA_UNICODE_PATH);
    if (unicode != null && unicode.length > 5 && unicode[0] == 1) {
      CRC32 crc = new CRC32();
      crc.update(rawName);
      if (crc.getValue() == (le64(unicode, 1) & MAX32)) {
        return ZipNames.decode(Arrays.copyOfRange(unicode, 5, unicode.length), true);
      }
    }
    return ZipNames.decode(rawName, (flags & FLAG_UTF8) != 0);
  }

  /**
   * The data of the first extra field with this id, or null; a malformed extra block ends the
   * search.
   */
  private static byte @Nullable [] field(byte[] extra, int id) {
    int i = 0;
    while (i + 4 <= extra.length) {
      int fieldId = (extra[i] & 0xff) | (extra[i + 1] & 0xff) << 8;
      int size = (extra[i + 2] & 0xff) | (extra[i + 3] & 0xff) << 8;
      if (i + 4 + size > extra.length) {
        return null;
      }
      if (fieldId == id) {
        return Arrays.copyOfRange(extra, i + 4, i + 4 + size);
      }
      i += 4 + size;
    }
    return null;
  }

  /** Up to 8 little-endian bytes from {@code i} (fewer at the end of the array). */
  private static long le64(byte[] b, int i) {
    long v = 0;
    for (int k = Math.min(7, b.length - 1 - i); k >= 0; k--) {
      v = v << 8 | (b[i + k] & 0xff);
    }
    return v;
  }

  private static ZipDamageException damage(
      Reason reason, String problem, @Nullable String entry, long offset) {
    return new ZipDamageException(reason, problem, entry, offset, null);
  }

  /**
   * The data of the current entry, unbounded (the caller sees it through an {@link
   * InflationGuard}).
   */
  private final class Data extends BlockInputStream {
    final SalvagedEntry entry;
    final long dataStart;
    final int method;
    final boolean descriptor;

    /** From the header, or -1 when they follow the data. */
    final long csize;

    final long usize;
    final long crcExpected;
    final CRC32 crc = new CRC32();

    /** Compressed bytes consumed, uncompressed bytes delivered. */
    long consumed;

    long produced;
    boolean finished;
    boolean failed;
    @Nullable IOException failure;
    boolean detached;
    boolean closed;

    Data(SalvagedEntry entry, long dataStart, long crcExpected) {
      this.entry = entry;
      this.dataStart = dataStart;
      this.method = entry.method();
      this.descriptor = entry.hasDataDescriptor();
      this.csize = entry.compressedSize();
      this.usize = entry.size();
      this.crcExpected = crcExpected;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (detached || closed) {
        throw new IOException(
            "the data of entry "
                + ArchiveException.quoted(entry.name())
                + (closed
                    ? " is closed"
                    : " is no longer readable: ZipSalvage.next() moved past it"));
      }
      if (failure != null) {
        throw failure;
      }
      if (finished) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        if (method == DEFLATED) {
          return inflate(b, off, len);
        }
        return descriptor ? readStoredUntilDescriptor(b, off, len) : readStored(b, off, len);
      } catch (IOException e) {
        failed = true;
        failure = e;
        boolean resumable =
            e instanceof ZipDamageException damage
                && damage.reason() != Reason.TRUNCATED
                && csize >= 0;
        if (resumable) {
          resumeAt = dataStart + csize;
        } else {
          fatal = e;
        }
        throw e;
      }
    }

    @Override
    public void close() {
      closed = true;
    }

    private int readStored(byte[] b, int off, int len) throws IOException {
      long left = csize - consumed;
      if (left == 0) {
        finish();
        return -1;
      }
      int n = src.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw damage(
            Reason.TRUNCATED, "the archive ends inside the data", entry.name(), src.position());
      }
      deliver(b, off, n);
      if (consumed == csize) {
        finish();
      }
      return n;
    }

    /**
     * A stored entry of unknown size: its end is a data descriptor, with signature, matching the
     * data.
     */
    private int readStoredUntilDescriptor(byte[] b, int off, int len) throws IOException {
      int avail = src.fill(28);
      if (avail == 0) {
        throw damage(
            Reason.TRUNCATED, "the archive ends inside the data", entry.name(), src.position());
      }
      if (avail >= 16 && src.peek32(0) == DESCRIPTOR) {
        int length = descriptorLength(4, produced, produced, crc.getValue(), avail);
        if (length > 0) {
          src.advance(length);
          finish();
          return -1;
        }
      }
      int limit = Math.min(avail, len);
      int n = 1;
      while (n < limit && !(src.peek(n) == 'P' && (n + 4 > avail || src.peek32(n) == DESCRIPTOR))) {
        n++;
      }
      System.arraycopy(src.buf, src.pos, b, off, n);
      src.advance(n);
      deliver(b, off, n);
      return n;
    }

    private void deliver(byte[] b, int off, int n) {
      crc.update(b, off, n);
      produced += n;
      if (method == STORED) {
        consumed += n;
      }
    }

    private int inflate(byte[] b, int off, int len) throws IOException {
      Inflater inf = inflater();
      while (true) {
        long left = csize >= 0 ? csize - inf.getBytesRead() : Long.MAX_VALUE;
        if (left > 0 && src.available() == 0) {
          src.fill(1);
        }
        int feed = (int) Math.max(0, Math.min(src.available(), left));
        inf.setInput(src.buf, src.pos, feed);
        int n;
        try {
          n = inf.inflate(b, off, len);
        } catch (DataFormatException e) {
          consumed = inf.getBytesRead();
          throw new ZipDamageException(
              Reason.BAD_DATA,
              "the deflate data is invalid",
              entry.name(),
              dataStart + consumed,
              e);
        }
        int used = feed - inf.getRemaining();
        src.advance(used);
        consumed = inf.getBytesRead();
        if (n > 0) {
          deliver(b, off, n);
          if (usize >= 0 && produced > usize) {
            throw damage(
                Reason.BAD_DATA,
                "the data inflates to more than the " + usize + " bytes of its header",
                entry.name(),
                dataStart + consumed);
          }
          if (inf.finished()) {
            finish();
          }
          return n;
        }
        if (inf.finished()) {
          finish();
          return -1;
        }
        if (inf.needsDictionary()) {
          throw damage(
              Reason.BAD_DATA,
              "the deflate data needs a preset dictionary",
              entry.name(),
              dataStart + consumed);
        }
        if (left <= 0) {
          throw damage(
              Reason.BAD_DATA,
              "the deflate data does not end within the compressed size of " + csize + " bytes",
              entry.name(),
              dataStart + consumed);
        }
        if (feed == 0) {
          throw damage(
              Reason.TRUNCATED, "the archive ends inside the data", entry.name(), src.position());
        }
        if (used == 0) {
          throw damage(
              Reason.BAD_DATA, "the deflate data makes no progress", entry.name(), src.position());
        }
      }
    }

    /** At the end of the data: checks sizes and CRC, reads the data descriptor. */
    private void finish() throws IOException {
      finished = true;
      long crcValue = crc.getValue();
      if (method == STORED && descriptor) {
        entry.sizes(consumed, produced);
        return;
      }
      if (descriptor) {
        int avail = src.fill(24);
        int withSignature =
            avail >= 4 && src.peek32(0) == DESCRIPTOR
                ? descriptorLength(4, consumed, produced, crcValue, avail)
                : -3;
        int length =
            withSignature > 0
                ? withSignature
                : descriptorLength(0, consumed, produced, crcValue, avail);
        if (length <= 0) {
          int problem = withSignature == -3 ? length : withSignature;
          long at = src.position();
          finished = false;
          if (problem == -1) {
            throw damage(
                Reason.TRUNCATED, "the archive ends inside the data descriptor", entry.name(), at);
          }
          if (problem == 0) {
            throw damage(
                Reason.CRC_MISMATCH, "the data does not match its CRC-32", entry.name(), at);
          }
          throw damage(
              Reason.BAD_HEADER,
              "the data descriptor's sizes do not match the data",
              entry.name(),
              at);
        }
        src.advance(length);
        entry.sizes(consumed, produced);
        return;
      }
      if (consumed < csize) {
        // The deflate stream ended before its compressed size: skip the slack.
        long gap = csize - consumed;
        if (src.skip(gap) < gap) {
          finished = false;
          throw damage(
              Reason.TRUNCATED, "the archive ends inside the data", entry.name(), src.position());
        }
        consumed = csize;
      }
      if (produced != usize) {
        finished = false;
        throw damage(
            Reason.BAD_DATA,
            "the data inflates to " + produced + " bytes, not the " + usize + " of its header",
            entry.name(),
            src.position());
      }
      if (crcValue != crcExpected) {
        finished = false;
        throw damage(
            Reason.CRC_MISMATCH,
            "the data does not match its CRC-32",
            entry.name(),
            src.position());
      }
    }

    /**
     * The length of a data descriptor starting {@code start} bytes ahead (4 after a signature, else
     * 0), or: -1 if the input ends first, 0 if its CRC differs, -2 if its sizes (64-bit tried
     * first) differ.
     */
    private int descriptorLength(int start, long c, long u, long crcValue, int avail) {
      if (avail < start + 12) {
        return -1;
      }
      if (src.peek32(start) != crcValue) {
        return 0;
      }
      if (avail >= start + 20 && src.peek64(start + 4) == c && src.peek64(start + 12) == u) {
        return start + 20;
      }
      if (src.peek32(start + 4) == (c & MAX32) && src.peek32(start + 8) == (u & MAX32)) {
        return start + 12;
      }
      return -2;
    }
  }
}
