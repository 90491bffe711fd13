package io.github.chatexport.core.internal.zip;

import static io.github.chatexport.core.internal.zip.TestZips.entry;
import static io.github.chatexport.core.internal.zip.TestZips.javaZip;
import static io.github.chatexport.core.internal.zip.TestZips.zip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.chatexport.core.internal.zip.TestZips.Spec;
import io.github.chatexport.core.internal.zip.ZipDamageException.Reason;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipSalvageTest {
  @TempDir Path tmp;

  /** Text that must never appear in an exception message. */
  private static final String SECRET = "my bank password is hunter2";

  private static Spec[] sample() {
    return new Spec[] {
      entry("conversations.json", "[{\"title\":\"" + SECRET + "\"}]".repeat(40)),
      entry("user.json", "{\"id\":\"user-1\"}"),
      entry("dir/", new byte[0]),
      entry("dalle-generations/file-1.webp", random(3000, 1)).stored(),
      entry("Résumé 日本語.txt", "héllo wörld"),
      entry("empty.json", new byte[0]),
    };
  }

  @Test
  void readsEveryEntryOfAnArchiveWrittenByZipOutputStream() throws IOException {
    Spec[] specs = sample();
    byte[] archive = javaZip(specs);

    Map<String, byte[]> read = new LinkedHashMap<>();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        read.put(e.name(), e.data().readAllBytes());
        assertThat(e.size()).isEqualTo(read.get(e.name()).length);
        assertThat(e.compressedSize()).isNotNegative();
      }
      assertThat(zip.endedAtCentralDirectory()).isTrue();
      assertThat(zip.next()).isNull();
    }
    assertThat(read.keySet())
        .containsExactly(Arrays.stream(specs).map(s -> s.name).toArray(String[]::new));
    for (Spec s : specs) {
      assertThat(read.get(s.name)).as(s.name).isEqualTo(s.data);
    }
  }

  @Test
  void reportsMethodSizesOffsetsAndDirectories() throws IOException {
    byte[] archive =
        javaZip(
            entry("a.txt", "aaaa"), entry("d/", new byte[0]), entry("s.bin", "stored").stored());
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry a = zip.next();
      assertThat(a).isNotNull();
      assertThat(a.offset()).isZero();
      assertThat(a.method()).isEqualTo(8);
      assertThat(a.hasDataDescriptor()).isTrue();
      assertThat(a.size()).isEqualTo(-1);
      assertThat(a.isDirectory()).isFalse();
      assertThat(a.data().readAllBytes()).isEqualTo("aaaa".getBytes(UTF_8));
      assertThat(a.size()).isEqualTo(4);

      SalvagedEntry d = zip.next();
      assertThat(d).isNotNull();
      assertThat(d.isDirectory()).isTrue();
      assertThat(d.offset()).isPositive();
      assertThat(d.data().readAllBytes()).isEmpty();

      SalvagedEntry s = zip.next();
      assertThat(s).isNotNull();
      assertThat(s.method()).isZero();
      assertThat(s.hasDataDescriptor()).isFalse();
      assertThat(s.size()).isEqualTo(6);
      assertThat(s.compressedSize()).isEqualTo(6);
      assertThat(s.toString()).contains("s.bin");
      assertThat(archive[(int) s.offset()]).isEqualTo((byte) 'P');
    }
  }

  @Test
  void readsEntriesWhenTheCentralDirectoryIsCutOff() throws IOException {
    Spec[] specs = sample();
    byte[] archive = javaZip(specs);
    int cd = indexOf(archive, new byte[] {'P', 'K', 1, 2});
    Path cut = tmp.resolve("cut.zip");
    Files.write(cut, Arrays.copyOf(archive, cd));
    assertThatThrownBy(() -> new ZipFile(cut.toFile()).close()).isInstanceOf(ZipException.class);

    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(cut);
        ZipSalvage zip = ZipSalvage.over(in)) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        names.add(e.name());
        e.data().readAllBytes();
      }
      assertThat(zip.endedAtCentralDirectory()).isFalse();
    }
    assertThat(names).hasSize(specs.length);
  }

  @Test
  void truncationAnywhereDeliversEarlierEntriesIntactThenReportsIt() throws IOException {
    Spec[] specs = {
      entry("a.json", "[1,2,3]".repeat(30)),
      entry("b/", new byte[0]),
      entry("c.bin", random(200, 2)).stored(),
      entry("d.json", "{\"k\":\"" + SECRET + "\"}")
    };
    byte[] archive = javaZip(specs);
    int cd = indexOf(archive, new byte[] {'P', 'K', 1, 2});
    List<Long> boundaries = new ArrayList<>();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        boundaries.add(e.offset());
      }
    }
    boundaries.add((long) cd);
    for (int cut = 0; cut < archive.length; cut++) {
      List<String> intact = new ArrayList<>();
      ZipDamageException damage = null;
      boolean atCentralDirectory;
      try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive, 0, cut))) {
        try {
          for (SalvagedEntry e; (e = zip.next()) != null; ) {
            byte[] data = e.data().readAllBytes();
            Spec expected = specs[intact.size()];
            assertThat(e.name()).isEqualTo(expected.name);
            assertThat(data).as("entry %s, cut at %s", e.name(), cut).isEqualTo(expected.data);
            intact.add(e.name());
          }
        } catch (ZipDamageException e) {
          damage = e;
          assertThatThrownBy(zip::next).as("damage is final").isSameAs(e);
        }
        atCentralDirectory = zip.endedAtCentralDirectory();
      }
      if (damage == null) {
        long at = cut;
        int before = (int) boundaries.stream().filter(b -> b < at).count();
        assertThat(boundaries.contains(at) || cut >= cd + 4)
            .as("cut at %s ends cleanly", cut)
            .isTrue();
        assertThat(intact).as("cut at %s", cut).hasSize(Math.min(before, specs.length));
        assertThat(atCentralDirectory).isEqualTo(cut >= cd + 4);
      } else {
        assertThat(damage.reason())
            .as("cut at %s: %s", cut, damage.getMessage())
            .isEqualTo(Reason.TRUNCATED);
        assertThat(damage.offset()).isBetween(0L, (long) cut);
        assertThat(damage.getMessage()).doesNotContain("hunter2").contains("byte offset");
        if (intact.size() < specs.length && damage.entry() != null) {
          assertThat(damage.entry()).isEqualTo(specs[intact.size()].name);
        }
      }
    }
  }

  @Test
  void corruptionAnywhereIsDamageOrHarmlessNeverWrongData() throws IOException {
    Spec[] specs = {
      entry("a.json", "[\"" + SECRET + "\"]".repeat(10)),
      entry("b.bin", random(100, 3)).stored(),
      entry("c.json", "{}")
    };
    byte[] archive = javaZip(specs);
    Map<String, byte[]> expected = new LinkedHashMap<>();
    for (Spec s : specs) {
      expected.put(s.name, s.data);
    }
    for (int at = 0; at < archive.length; at++) {
      for (int mask : new int[] {0xff, 0x01, 0x80}) {
        byte[] bad = archive.clone();
        bad[at] ^= (byte) mask;
        try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(bad))) {
          for (SalvagedEntry e; (e = zip.next()) != null; ) {
            byte[] data = e.data().readAllBytes();
            if (expected.containsKey(e.name())) {
              assertThat(data)
                  .as("%s with byte %s ^ %s", e.name(), at, mask)
                  .isEqualTo(expected.get(e.name()));
            }
          }
        } catch (ZipDamageException e) {
          assertThat(e.getMessage()).doesNotContain("hunter2");
        }
      }
    }
  }

  @Test
  void randomlyMangledArchivesFailOnlyWithOurExceptions() throws IOException {
    byte[] original =
        TestZips.concat(
            javaZip(sample()),
            zip(
                false,
                entry("s", "stored").stored().descriptor(true),
                entry("z", "zip64").zip64Local(),
                entry("n", "nosig").descriptor(false).zip64Descriptor()));
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      byte[] bad = Arrays.copyOf(original, 1 + random.nextInt(original.length));
      for (int k = random.nextInt(4); k >= 0; k--) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      try (ZipSalvage zip =
          ZipSalvage.over(
              new ByteArrayInputStream(bad), new ArchiveLimits(100, 1 << 20, 1 << 24))) {
        for (int entries = 0; entries < 100; entries++) {
          try {
            SalvagedEntry e = zip.next();
            if (e == null) {
              break;
            }
            e.data().readAllBytes();
          } catch (ZipDamageException | ZipBombException expected) {
            assertThat(expected.getMessage()).doesNotContain("hunter2");
            assertThat(expected.offset()).isBetween(0L, 1L << 24);
          }
        }
      }
    }
  }

  @Test
  void corruptDeflateDataIsReportedWithEntryNameAndOffsetAfterEarlierEntries() throws IOException {
    byte[] archive =
        javaZip(
            entry("first.json", "[1]"),
            entry("second.json", "[\"" + SECRET + "\"]".repeat(50)),
            entry("third.json", "[3]"));
    int second = indexOf(archive, "second.json".getBytes(UTF_8));
    byte[] bad = archive.clone();
    for (int i = second + 20; i < second + 40; i++) {
      bad[i] = (byte) 0xff;
    }
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(bad))) {
      SalvagedEntry first = zip.next();
      assertThat(first).isNotNull();
      assertThat(first.data().readAllBytes()).isEqualTo("[1]".getBytes(UTF_8));
      SalvagedEntry e = zip.next();
      assertThat(e).isNotNull();
      ZipDamageException damage =
          catchThrowableOfType(ZipDamageException.class, () -> e.data().readAllBytes());
      assertThat(damage.reason()).isIn(Reason.BAD_DATA, Reason.CRC_MISMATCH);
      assertThat(damage.entry()).isEqualTo("second.json");
      assertThat(damage.offset()).isGreaterThan(second);
      assertThat(damage.getMessage())
          .contains("second.json")
          .contains("byte offset")
          .doesNotContain("hunter2");
      assertThatThrownBy(zip::next).isSameAs(damage);
    }
  }

  @Test
  void readsAStoredEntryWithKnownSizes() throws IOException {
    byte[] data = random(100_000, 4);
    byte[] archive = javaZip(entry("photo.png", data).stored(), entry("after.txt", "after"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry e = zip.next();
      assertThat(e).isNotNull();
      assertThat(e.method()).isEqualTo(0);
      assertThat(e.compressedSize()).isEqualTo(100_000);
      assertThat(e.data().readAllBytes()).isEqualTo(data);
      assertThat(next(zip).data().readAllBytes()).isEqualTo("after".getBytes(UTF_8));
    }
  }

  @Test
  void aCrcMismatchInAStoredEntryIsDamageAndTheNextEntryStillReads() throws IOException {
    byte[] archive = zip(true, entry("a.bin", "aaaa").stored().crc(12345), entry("b.txt", "bbb"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry a = next(zip);
      ZipDamageException damage =
          catchThrowableOfType(ZipDamageException.class, () -> a.data().readAllBytes());
      assertThat(damage.reason()).isEqualTo(Reason.CRC_MISMATCH);
      assertThat(damage.entry()).isEqualTo("a.bin");
      assertThatThrownBy(() -> a.data().read()).isSameAs(damage);
      SalvagedEntry b = next(zip);
      assertThat(b.name()).isEqualTo("b.txt");
      assertThat(b.data().readAllBytes()).isEqualTo("bbb".getBytes(UTF_8));
      assertThat(zip.next()).isNull();
      assertThat(zip.endedAtCentralDirectory()).isTrue();
    }
  }

  @Test
  void aCrcMismatchInADataDescriptorIsFinalDamage() throws IOException {
    byte[] archive =
        zip(true, entry("a.json", "[1,2]").descriptor(true).crc(99), entry("b.json", "[]"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry a = next(zip);
      ZipDamageException damage =
          catchThrowableOfType(ZipDamageException.class, () -> a.data().readAllBytes());
      assertThat(damage.reason()).isEqualTo(Reason.CRC_MISMATCH);
      assertThatThrownBy(zip::next).isSameAs(damage);
    }
  }

  @Test
  void aCrcMismatchInADeflatedEntryWithKnownSizesIsDamage() throws IOException {
    byte[] archive = zip(true, entry("a.json", "[1,2]").crc(7), entry("b.json", "[]"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry a = next(zip);
      assertThat(
              catchThrowableOfType(ZipDamageException.class, () -> a.data().readAllBytes())
                  .reason())
          .isEqualTo(Reason.CRC_MISMATCH);
      assertThat(next(zip).data().readAllBytes()).isEqualTo("[]".getBytes(UTF_8));
    }
  }

  @Test
  void aWrongUncompressedSizeIsDamage() throws IOException {
    Spec lying = entry("a.json", "[1,2]");
    lying.sizeOverride = 4;
    byte[] archive = zip(true, lying);
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry a = next(zip);
      assertThat(
              catchThrowableOfType(ZipDamageException.class, () -> a.data().readAllBytes())
                  .reason())
          .isEqualTo(Reason.BAD_DATA);
    }
  }

  @Test
  void anEntryThatInflatesBeyondItsDeclaredSizeStopsThereAndTheNextStillReads() throws IOException {
    long size = 20L << 20;
    byte[] archive =
        zip(
            true,
            entry("liar.json", new byte[0]).precompressed(TestZips.deflatedZeros(size), 1000, 0),
            entry("b", "b"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry liar = next(zip);
      InputStream in = liar.data();
      ZipDamageException damage =
          catchThrowableOfType(
              ZipDamageException.class,
              () -> {
                while (in.read(new byte[100]) >= 0) {
                  // reads until the damage shows
                }
              });
      assertThat(damage.reason()).isEqualTo(Reason.BAD_DATA);
      assertThat(damage.getMessage()).contains("more than the 1000 bytes");
      assertThat(next(zip).data().readAllBytes()).isEqualTo("b".getBytes(UTF_8));
    }
  }

  @Test
  void readsDataDescriptorsWithAndWithoutSignatureAnd32Or64BitSizes() throws IOException {
    Spec[] specs = {
      entry("sig32.json", "[\"a\"]").descriptor(true),
      entry("nosig32.json", "[\"b\"]").descriptor(false),
      entry("sig64.json", "[\"c\"]").descriptor(true).zip64Descriptor(),
      entry("nosig64.json", "[\"d\"]").descriptor(false).zip64Descriptor(),
      entry("zip64extra.json", "[\"e\"]").descriptor(false).zip64Descriptor().zip64Local(),
      entry("empty.json", new byte[0]).descriptor(false).zip64Descriptor(),
      entry("last.json", "[]"),
    };
    assertReadsExactly(zip(true, specs), specs);
    assertReadsExactly(zip(false, specs), specs);
    Spec[] conforming = {specs[0], specs[1], specs[6]};
    assertJavaZipInputStreamReads(zip(true, conforming), conforming);
  }

  @Test
  void readsZip64ExtraFieldsInLocalHeaders() throws IOException {
    Spec[] specs = {
      entry("big.json", "[\"" + "x".repeat(5000) + "\"]").zip64Local(),
      entry("big.bin", random(5000, 5)).stored().zip64Local(),
      entry("small.txt", "small"),
    };
    byte[] archive = zip(true, specs);
    assertReadsExactly(archive, specs);
    Path file = tmp.resolve("zip64.zip");
    Files.write(file, archive);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Spec s : specs) {
        try (InputStream in = zip.getInputStream(zip.getEntry(s.name))) {
          assertThat(in.readAllBytes()).isEqualTo(s.data);
        }
      }
    }
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry e = next(zip);
      assertThat(e.size()).isEqualTo(5004);
      assertThat(e.compressedSize()).isLessThan(5004);
    }
  }

  @Test
  void readsAStoredEntryWithADataDescriptorEvenWhenItsDataHoldsTheSignature() throws IOException {
    byte[] tricky =
        TestZips.concat(
            "PK\u0007\u0008 not the end PK\u0007\u0008".getBytes(UTF_8), random(70_000, 6));
    Spec[] specs = {
      entry("inner.zip", tricky).stored().descriptor(true),
      entry("inner64.bin", "PK\u0007\u0008PK".getBytes(UTF_8))
          .stored()
          .descriptor(true)
          .zip64Descriptor(),
      entry("after.txt", "after"),
    };
    assertReadsExactly(zip(true, specs), specs);
  }

  @Test
  void aStoredEntryWithADescriptorCutShortIsTruncation() throws IOException {
    byte[] archive = zip(false, entry("x.bin", random(500, 7)).stored().descriptor(true));
    try (ZipSalvage zip =
        ZipSalvage.over(new ByteArrayInputStream(archive, 0, archive.length - 3))) {
      SalvagedEntry e = next(zip);
      assertThat(
              catchThrowableOfType(ZipDamageException.class, () -> e.data().readAllBytes())
                  .reason())
          .isEqualTo(Reason.TRUNCATED);
    }
  }

  @Test
  void anEncryptedEntryIsDamageAndTheNextEntryStillReads() throws IOException {
    byte[] archive =
        zip(
            true,
            entry("secret.txt", "ciphertext").stored().encrypted(),
            entry("open.txt", "open"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      ZipDamageException damage = catchThrowableOfType(ZipDamageException.class, zip::next);
      assertThat(damage.reason()).isEqualTo(Reason.ENCRYPTED);
      assertThat(damage.entry()).isEqualTo("secret.txt");
      assertThat(damage.offset()).isZero();
      SalvagedEntry open = next(zip);
      assertThat(open.name()).isEqualTo("open.txt");
      assertThat(open.data().readAllBytes()).isEqualTo("open".getBytes(UTF_8));
    }
  }

  @Test
  void anEncryptedEntryWithADataDescriptorIsFinal() throws IOException {
    byte[] archive =
        zip(true, entry("secret.txt", "ciphertext").encrypted().descriptor(true), entry("b", "b"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      ZipDamageException damage = catchThrowableOfType(ZipDamageException.class, zip::next);
      assertThat(damage.reason()).isEqualTo(Reason.ENCRYPTED);
      assertThatThrownBy(zip::next).isSameAs(damage);
    }
  }

  @Test
  void anUnknownMethodIsDamageAndTheNextEntryStillReads() throws IOException {
    byte[] archive =
        zip(true, entry("x.bz2", "bzip2 data").stored().declaredMethod(12), entry("y.txt", "y"));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      ZipDamageException damage = catchThrowableOfType(ZipDamageException.class, zip::next);
      assertThat(damage.reason()).isEqualTo(Reason.UNSUPPORTED_METHOD);
      assertThat(damage.getMessage()).contains("method 12").contains("x.bz2");
      assertThat(next(zip).name()).isEqualTo("y.txt");
    }
  }

  @Test
  void decodesNamesByTheUtf8FlagElseAsUtf8IfValidElseAsCodePage437() throws IOException {
    byte[] cp437 = {'c', (byte) 0x81, 'r', (byte) 0x82};
    byte[] headerName = "fallback.txt".getBytes(UTF_8);
    byte[] archive =
        zip(
            true,
            entry("日本語.txt", "a").utf8(),
            entry("unflagged-ü.txt", "b"),
            entry("ignored", "c").rawName(cp437),
            entry("ignored", "d").rawName(new byte[] {'x', (byte) 0xff}).utf8(),
            entry("ignored", "e")
                .rawName(headerName)
                .extra(TestZips.unicodePathExtra(headerName, "ünicode.txt")),
            entry("ignored", "f")
                .rawName(headerName)
                .extra(TestZips.unicodePathExtra("other".getBytes(UTF_8), "no")));
    List<String> names = new ArrayList<>();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        names.add(e.name());
      }
    }
    assertThat(names)
        .containsExactly(
            "日本語.txt", "unflagged-ü.txt", "cüré", "x\ufffd", "ünicode.txt", "fallback.txt");
  }

  @Test
  void codePage437MatchesTheJdkCharsetWhereThereIsOne() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    if (java.nio.charset.Charset.isSupported("IBM437")) {
      assertThat(ZipNames.cp437(all))
          .isEqualTo(new String(all, java.nio.charset.Charset.forName("IBM437")));
    }
  }

  @Test
  void keepsNamesAsStoredIncludingUnsafeOnes() throws IOException {
    byte[] archive =
        zip(true, entry("../../etc/passwd", "x"), entry("/abs", "y"), entry("C:\\win", "z"));
    List<String> names = new ArrayList<>();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        names.add(e.name());
      }
    }
    assertThat(names).containsExactly("../../etc/passwd", "/abs", "C:\\win");
  }

  @Test
  void somethingElseThanAZipIsABadHeaderAtOffsetZero() {
    byte[] json = "[{\"title\":\"x\"}]".getBytes(UTF_8);
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(json))) {
      ZipDamageException damage = catchThrowableOfType(ZipDamageException.class, zip::next);
      assertThat(damage.reason()).isEqualTo(Reason.BAD_HEADER);
      assertThat(damage.offset()).isZero();
      assertThat(damage.entry()).isNull();
    }
  }

  @Test
  void garbageBetweenEntriesIsABadHeaderNamingThePreviousEntry() throws IOException {
    byte[] one = zip(false, entry("a.txt", "a"));
    byte[] archive = TestZips.concat(one, "garbage!".getBytes(UTF_8));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      next(zip).data().readAllBytes();
      ZipDamageException damage = catchThrowableOfType(ZipDamageException.class, zip::next);
      assertThat(damage.reason()).isEqualTo(Reason.BAD_HEADER);
      assertThat(damage.offset()).isEqualTo(one.length);
      assertThat(damage.getMessage()).contains("after entry 'a.txt'");
    }
  }

  @Test
  void anEmptyInputHasNoEntries() throws IOException {
    try (ZipSalvage zip = ZipSalvage.over(InputStream.nullInputStream())) {
      assertThat(zip.next()).isNull();
      assertThat(zip.endedAtCentralDirectory()).isFalse();
    }
  }

  @Test
  void anEmptyArchiveEndsAtItsEndRecord() throws IOException {
    byte[] archive = javaZip();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      assertThat(zip.next()).isNull();
      assertThat(zip.endedAtCentralDirectory()).isTrue();
    }
  }

  @Test
  void skipsASpannedArchiveMarkerAtTheStart() throws IOException {
    byte[] archive =
        TestZips.concat(new byte[] {'P', 'K', '0', '0'}, zip(true, entry("a.txt", "a")));
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry e = next(zip);
      assertThat(e.offset()).isEqualTo(4);
      assertThat(e.data().readAllBytes()).isEqualTo("a".getBytes(UTF_8));
    }
  }

  @Test
  void anEntryLeftUnreadIsSkippedAndItsStreamInvalidated() throws IOException {
    Spec[] specs = {
      entry("a.json", random(50_000, 8)),
      entry("b.bin", random(50_000, 9)).stored(),
      entry("c.json", random(10_000, 10)).zip64Local(),
      entry("d.txt", "d")
    };
    for (byte[] archive : List.of(javaZip(specs), zip(false, specs))) {
      try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
        SalvagedEntry a = next(zip);
        assertThat(a.data().readNBytes(10)).isEqualTo(Arrays.copyOf(specs[0].data, 10));
        SalvagedEntry b = next(zip);
        assertThatThrownBy(() -> a.data().read())
            .isInstanceOf(IOException.class)
            .hasMessageContaining("a.json");
        assertThat(b.name()).isEqualTo("b.bin");
        b.data().close();
        SalvagedEntry c = next(zip);
        assertThat(c.name()).isEqualTo("c.json");
        c.data().close();
        assertThatThrownBy(() -> c.data().read())
            .isInstanceOf(IOException.class)
            .hasMessageContaining("closed");
        SalvagedEntry d = next(zip);
        assertThat(d.data().readAllBytes()).isEqualTo("d".getBytes(UTF_8));
        assertThat(zip.next()).isNull();
      }
    }
  }

  @Test
  void readsFromAStreamThatDeliversOneByteAtATime() throws IOException {
    Spec[] specs = sample();
    byte[] archive = javaZip(specs);
    InputStream trickle =
        new FilterInputStream(new ByteArrayInputStream(archive)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertReadsExactly(trickle, specs);
  }

  @Test
  void neverClosesTheCallersStreamAndRejectsUseAfterClose() throws IOException {
    boolean[] closed = {false};
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(javaZip(entry("a", "a")))) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    ZipSalvage zip = ZipSalvage.over(in);
    SalvagedEntry a = next(zip);
    zip.close();
    zip.close();
    assertThat(closed[0]).isFalse();
    assertThatThrownBy(zip::next).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> a.data().read()).isInstanceOf(IOException.class);
  }

  @Test
  void aZipBombEntryIsStoppedEarlyAndFast() throws IOException {
    long size = 200L << 20;
    byte[] archive =
        zip(
            true,
            entry("bomb.json", new byte[0])
                .precompressed(TestZips.deflatedZeros(size), size, 0)
                .descriptor(true));
    assertThat(archive.length).isLessThan(300_000);
    long start = System.nanoTime();
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive))) {
      SalvagedEntry bomb = next(zip);
      InputStream in = bomb.data();
      byte[] buf = new byte[1 << 16];
      long read = 0;
      ZipBombException e = null;
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          read += n;
        }
      } catch (ZipBombException expected) {
        e = expected;
      }
      assertThat(e).isNotNull();
      assertThat(read).isLessThanOrEqualTo(ArchiveLimits.DEFAULTS.minimumBytes());
      assertThat(e.entry()).isEqualTo("bomb.json");
      assertThat(e.getMessage()).contains("bomb.json").contains("ZIP bomb");
      ZipBombException again = catchThrowableOfType(ZipBombException.class, zip::next);
      assertThat(again).as("without a known size the rest cannot be skipped").isNotNull();
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void aZipBombWithAKnownCompressedSizeIsSkippedToTheNextEntry() throws IOException {
    long size = 20L << 20;
    byte[] deflated = TestZips.deflatedZeros(size);
    byte[] archive =
        zip(
            true,
            entry("bomb.json", new byte[0]).precompressed(deflated, size, 0),
            entry("after.json", "[]"));
    ArchiveLimits small = new ArchiveLimits(100, 1 << 20, 1L << 40);
    try (ZipSalvage zip = ZipSalvage.over(new ByteArrayInputStream(archive), small)) {
      SalvagedEntry bomb = next(zip);
      assertThat(bomb.compressedSize()).isEqualTo(deflated.length);
      assertThatThrownBy(() -> bomb.data().readAllBytes()).isInstanceOf(ZipBombException.class);
      SalvagedEntry after = next(zip);
      assertThat(after.data().readAllBytes()).isEqualTo("[]".getBytes(UTF_8));
    }
  }

  @Test
  void readsAnArchiveOfMoreThan65535EntriesWithZip64EndRecordsLikeZipFileDoes() throws IOException {
    int count = 70_000;
    Path file = tmp.resolve("many.zip");
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(
            new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (int i = 0; i < count; i++) {
        out.putNextEntry(new java.util.zip.ZipEntry("e/" + i));
        out.write((byte) i);
        out.closeEntry();
      }
    }
    byte[] archive = Files.readAllBytes(file);
    assertThat(indexOf(archive, new byte[] {'P', 'K', 6, 6})).as("a ZIP64 end record").isPositive();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertThat(zip.size()).isEqualTo(count);
      try (InputStream in = zip.getInputStream(zip.getEntry("e/69999"))) {
        assertThat(in.read()).isEqualTo(69_999 & 0xff);
      }
    }
    int seen = 0;
    // Only the salvage is timed, and generously: a loaded CI machine is slow, a quadratic scan of
    // 70,000 entries
    // (several billion steps) is slower still.
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(file);
        ZipSalvage zip = ZipSalvage.over(in)) {
      for (SalvagedEntry e; (e = zip.next()) != null; seen++) {
        assertThat(e.name()).isEqualTo("e/" + seen);
        if (seen % 1000 == 0 || seen > 65_530) {
          assertThat(e.data().read()).isEqualTo(seen & 0xff);
        }
      }
      assertThat(zip.endedAtCentralDirectory()).isTrue();
    }
    assertThat(seen).isEqualTo(count);
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(30_000);
  }

  private static void assertReadsExactly(byte[] archive, Spec... specs) throws IOException {
    assertReadsExactly(new ByteArrayInputStream(archive), specs);
  }

  private static void assertReadsExactly(InputStream archive, Spec... specs) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipSalvage zip = ZipSalvage.over(archive)) {
      for (SalvagedEntry e; (e = zip.next()) != null; ) {
        Spec expected = specs[names.size()];
        names.add(e.name());
        assertThat(e.name()).isEqualTo(expected.name);
        assertThat(e.data().readAllBytes()).as(e.name()).isEqualTo(expected.data);
        assertThat(e.size()).isEqualTo(expected.data.length);
      }
    }
    assertThat(names).hasSize(specs.length);
  }

  private static void assertJavaZipInputStreamReads(byte[] archive, Spec... specs)
      throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (Spec s : specs) {
        java.util.zip.ZipEntry e = zip.getNextEntry();
        assertThat(e).isNotNull();
        assertThat(e.getName()).isEqualTo(s.name);
        assertThat(zip.readAllBytes()).isEqualTo(s.data);
      }
    }
  }

  private static SalvagedEntry next(ZipSalvage zip) throws IOException {
    @Nullable SalvagedEntry e = zip.next();
    assertThat(e).isNotNull();
    return e;
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
