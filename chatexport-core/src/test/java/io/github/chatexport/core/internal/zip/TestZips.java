package io.github.chatexport.core.internal.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/** Writes ZIP archives byte by byte, with the variants java.util.zip does not produce. */
final class TestZips {
  private TestZips() {}

  /** One entry to write. */
  static final class Spec {
    final String name;
    final byte[] data;
    byte @Nullable [] rawName;
    byte @Nullable [] compressed;
    byte[] extra = new byte[0];
    int method = ZipSalvage.DEFLATED;
    @Nullable Integer declaredMethod;
    boolean descriptor;
    boolean descriptorSignature = true;
    boolean zip64Local;
    boolean zip64Descriptor;
    boolean utf8;
    boolean encrypted;
    long crcOverride = -1;
    long sizeOverride = -1;

    Spec(String name, byte[] data) {
      this.name = name;
      this.data = data;
    }

    Spec stored() {
      method = ZipSalvage.STORED;
      return this;
    }

    Spec descriptor(boolean withSignature) {
      descriptor = true;
      descriptorSignature = withSignature;
      return this;
    }

    Spec zip64Local() {
      zip64Local = true;
      return this;
    }

    Spec zip64Descriptor() {
      zip64Descriptor = true;
      return this;
    }

    Spec utf8() {
      utf8 = true;
      return this;
    }

    Spec encrypted() {
      encrypted = true;
      return this;
    }

    Spec declaredMethod(int value) {
      declaredMethod = value;
      return this;
    }

    Spec rawName(byte[] value) {
      rawName = value;
      return this;
    }

    Spec extra(byte[] value) {
      extra = value;
      return this;
    }

    Spec crc(long value) {
      crcOverride = value;
      return this;
    }

    /**
     * Writes these compressed bytes as the data, declaring {@code size} as the uncompressed size.
     */
    Spec precompressed(byte[] deflated, long size, long crc) {
      compressed = deflated;
      sizeOverride = size;
      crcOverride = crc;
      return this;
    }

    byte[] nameBytes() {
      return rawName != null ? rawName : name.getBytes(StandardCharsets.UTF_8);
    }
  }

  static Spec entry(String name, String text) {
    return new Spec(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Spec entry(String name, byte[] data) {
    return new Spec(name, data);
  }

  /** An archive of {@code specs}, with a central directory if {@code central}. */
  static byte[] zip(boolean central, Spec... specs) {
    Out out = new Out();
    List<long[]> offsets = new ArrayList<>();
    for (Spec s : specs) {
      byte[] compressed =
          s.compressed != null
              ? s.compressed
              : s.method == ZipSalvage.DEFLATED ? deflate(s.data) : s.data;
      long size = s.sizeOverride >= 0 ? s.sizeOverride : s.data.length;
      long crc = s.crcOverride >= 0 ? s.crcOverride : crc(s.data);
      offsets.add(new long[] {out.size(), crc, compressed.length, size});
      byte[] name = s.nameBytes();
      byte[] extra =
          s.zip64Local
              ? concat(
                  zip64Extra(s.descriptor ? 0 : size, s.descriptor ? 0 : compressed.length),
                  s.extra)
              : s.extra;
      out.u32(ZipSalvage.LOCAL);
      out.u16(s.zip64Local ? 45 : 20);
      out.u16(flags(s));
      out.u16(s.declaredMethod != null ? s.declaredMethod : s.method);
      out.u16(0);
      out.u16(0x21);
      out.u32(s.descriptor ? 0 : crc);
      out.u32(s.descriptor ? 0 : s.zip64Local ? 0xffffffffL : compressed.length);
      out.u32(s.descriptor ? 0 : s.zip64Local ? 0xffffffffL : size);
      out.u16(name.length);
      out.u16(extra.length);
      out.bytes(name);
      out.bytes(extra);
      out.bytes(compressed);
      if (s.descriptor) {
        if (s.descriptorSignature) {
          out.u32(ZipSalvage.DESCRIPTOR);
        }
        out.u32(crc);
        if (s.zip64Descriptor) {
          out.u64(compressed.length);
          out.u64(size);
        } else {
          out.u32(compressed.length);
          out.u32(size);
        }
      }
    }
    if (!central) {
      return out.toByteArray();
    }
    long cdStart = out.size();
    for (int i = 0; i < specs.length; i++) {
      Spec s = specs[i];
      long[] o = offsets.get(i);
      byte[] name = s.nameBytes();
      byte[] extra = s.zip64Local ? concat(zip64Extra(o[3], o[2]), s.extra) : s.extra;
      out.u32(ZipSalvage.CENTRAL);
      out.u16(45);
      out.u16(s.zip64Local ? 45 : 20);
      out.u16(flags(s));
      out.u16(s.declaredMethod != null ? s.declaredMethod : s.method);
      out.u16(0);
      out.u16(0x21);
      out.u32(o[1]);
      out.u32(s.zip64Local ? 0xffffffffL : o[2]);
      out.u32(s.zip64Local ? 0xffffffffL : o[3]);
      out.u16(name.length);
      out.u16(extra.length);
      out.u16(0);
      out.u16(0);
      out.u16(0);
      out.u32(0);
      out.u32(o[0]);
      out.bytes(name);
      out.bytes(extra);
    }
    long cdSize = out.size() - cdStart;
    out.u32(ZipSalvage.END);
    out.u16(0);
    out.u16(0);
    out.u16(specs.length);
    out.u16(specs.length);
    out.u32(cdSize);
    out.u32(cdStart);
    out.u16(0);
    return out.toByteArray();
  }

  private static int flags(Spec s) {
    return (s.descriptor ? ZipSalvage.FLAG_DESCRIPTOR : 0)
        | (s.utf8 ? ZipSalvage.FLAG_UTF8 : 0)
        | (s.encrypted ? ZipSalvage.FLAG_ENCRYPTED : 0);
  }

  private static byte[] zip64Extra(long size, long compressedSize) {
    Out out = new Out();
    out.u16(1);
    out.u16(16);
    out.u64(size);
    out.u64(compressedSize);
    return out.toByteArray();
  }

  /** An Info-ZIP Unicode path extra field (0x7075) for a header name of {@code headerName}. */
  static byte[] unicodePathExtra(byte[] headerName, String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    Out out = new Out();
    out.u16(0x7075);
    out.u16(5 + utf8.length);
    out.write(1);
    out.u32(crc(headerName));
    out.bytes(utf8);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static long crc(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * {@code size} zero bytes (a multiple of 1 MiB), raw-deflated without ever holding them: the
   * classic ZIP bomb, about 1 KB per MiB. One MiB is deflated once, with a full flush so that its
   * output stands alone, and repeated; an empty final block ends the stream.
   */
  static byte[] deflatedZeros(long size) {
    if (size % MIB != 0) {
      throw new IllegalArgumentException("not a multiple of 1 MiB: " + size);
    }
    ByteArrayOutputStream segment = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(new byte[(int) MIB]);
      byte[] buf = new byte[1 << 16];
      int n;
      do {
        n = deflater.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        segment.write(buf, 0, n);
      } while (n == buf.length || !deflater.needsInput());
    } finally {
      deflater.end();
    }
    byte[] one = segment.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; i < size / MIB; i++) {
      out.write(one, 0, one.length);
    }
    out.write(deflate(new byte[0]), 0, 2);
    return out.toByteArray();
  }

  static final long MIB = 1 << 20;

  /**
   * An archive written by {@link ZipOutputStream}, which gives deflated entries a data descriptor.
   */
  static byte[] javaZip(Spec... specs) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Spec s : specs) {
        ZipEntry e = new ZipEntry(s.name);
        if (s.method == ZipSalvage.STORED) {
          e.setMethod(ZipEntry.STORED);
          e.setSize(s.data.length);
          e.setCompressedSize(s.data.length);
          e.setCrc(crc(s.data));
        }
        zip.putNextEntry(e);
        zip.write(s.data);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A little-endian writer. */
  static final class Out extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      bytes.write(b);
    }

    void u16(int v) {
      write(v);
      write(v >>> 8);
    }

    void u32(long v) {
      u16((int) (v & 0xffff));
      u16((int) (v >>> 16 & 0xffff));
    }

    void u64(long v) {
      u32(v & 0xffffffffL);
      u32(v >>> 32);
    }

    void bytes(byte[] b) {
      bytes.write(b, 0, b.length);
    }

    long size() {
      return bytes.size();
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
