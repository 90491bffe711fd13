package io.github.chatexport.core.internal.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeSnifferTest {
  @Test
  void recognizesImages() {
    assertThat(sniff(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))
        .isEqualTo("image/png");
    assertThat(sniff(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F')).isEqualTo("image/jpeg");
    assertThat(sniff(0xff, 0xd8, 0xff, 0xe1)).isEqualTo("image/jpeg");
    assertThat(sniff("GIF89a\u0001\u0000")).isEqualTo("image/gif");
    assertThat(sniff("GIF87a")).isEqualTo("image/gif");
    assertThat(sniff("RIFF$\u0000\u0000\u0000WEBPVP8 ")).isEqualTo("image/webp");
  }

  @Test
  void recognizesAudio() {
    assertThat(sniff("RIFF$\u0000\u0000\u0000WAVEfmt ")).isEqualTo("audio/wav");
    assertThat(sniff("ID3\u0004\u0000\u0000")).isEqualTo("audio/mpeg");
    assertThat(sniff(0xff, 0xfb, 0x90, 0x64))
        .as("MPEG-1 layer III, 128 kbit/s, 44.1 kHz")
        .isEqualTo("audio/mpeg");
    assertThat(sniff(0xff, 0xf3, 0x64, 0xc4)).as("MPEG-2 layer III").isEqualTo("audio/mpeg");
    assertThat(sniff(0xff, 0xe3, 0x18, 0xc4)).as("MPEG-2.5 layer III").isEqualTo("audio/mpeg");
    assertThat(sniff(0xff, 0xfd, 0x90, 0x64)).as("MPEG-1 layer II").isEqualTo("audio/mpeg");
    assertThat(sniff("OggS\u0000\u0002")).isEqualTo("audio/ogg");
    assertThat(sniff("fLaC\u0000\u0000")).isEqualTo("audio/flac");
  }

  @Test
  void rejectsImplausibleMpegFrameHeaders() {
    assertThat(sniff(0xff, 0xf1, 0x50, 0x80)).as("AAC ADTS: layer 00").isNull();
    assertThat(sniff(0xff, 0xeb, 0x90, 0x64)).as("reserved version 01").isNull();
    assertThat(sniff(0xff, 0xfb, 0xf0, 0x64)).as("bad bitrate index").isNull();
    assertThat(sniff(0xff, 0xfb, 0x9c, 0x64)).as("reserved sampling rate").isNull();
    assertThat(sniff(0xff, 0xc0, 0x90)).as("no 11-bit sync").isNull();
    assertThat(sniff(0xff, 0xfb)).as("too short").isNull();
    assertThat(sniff("ID3")).as("too short for a tag").isNull();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "'isom', video/mp4",
    "'mp42', video/mp4",
    "'M4A ', audio/mp4",
    "'M4B ', audio/mp4",
    "'qt  ', video/quicktime",
    "'heic', image/heic",
    "'mif1', image/heif",
    "'avif', image/avif",
  })
  void recognizesTheIsoMediaFamilyByBrand(String brand, String mime) {
    assertThat(sniff("\u0000\u0000\u0000 ftyp" + brand + "\u0000\u0000\u0000\u0000"))
        .isEqualTo(mime);
  }

  @Test
  void recognizesDocumentsAndContainers() {
    assertThat(sniff("%PDF-1.7\n")).isEqualTo("application/pdf");
    assertThat(sniff("PK\u0003\u0004\u0014\u0000")).isEqualTo("application/zip");
    assertThat(sniff("PK\u0005\u0006")).isEqualTo("application/zip");
    assertThat(sniff(0x1a, 0x45, 0xdf, 0xa3, 0x9f)).isEqualTo("video/webm");
  }

  @Test
  void returnsNullForUnknownShortOrEmptyInput() {
    assertThat(MimeSniffer.sniff(new byte[0], 0)).isNull();
    assertThat(sniff("{\"json\": true}")).isNull();
    assertThat(sniff("RIFF$\u0000\u0000\u0000AVI LIST")).isNull();
    assertThat(sniff("RIFF")).isNull();
    assertThat(sniff(0x89, 'P', 'N', 'G')).isNull();
    assertThat(sniff("%PDF")).isNull();
    assertThat(sniff("\u0000\u0000\u0000 ftyp")).isNull();
    assertThat(sniff(0xff)).isNull();
    assertThat(sniff(0xff, 0xd8)).isNull();
  }

  @Test
  void looksOnlyAtTheValidLength() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    byte[] padded = Arrays.copyOf(png, 64);
    assertThat(MimeSniffer.sniff(padded, 8)).isEqualTo("image/png");
    assertThat(MimeSniffer.sniff(padded, 7)).isNull();
    assertThatThrownBy(() -> MimeSniffer.sniff(png, 9))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> MimeSniffer.sniff(png, -1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "photo.png, image/png",
    "PHOTO.JPG, image/jpeg",
    "a.jpeg, image/jpeg",
    "anim.gif, image/gif",
    "x.webp, image/webp",
    "voice.wav, audio/wav",
    "song.mp3, audio/mpeg",
    "memo.m4a, audio/mp4",
    "clip.mp4, video/mp4",
    "clip.mov, video/quicktime",
    "paper.pdf, application/pdf",
    "notes.txt, text/plain",
    "README.md, text/markdown",
    "table.csv, text/csv",
    "data.json, application/json",
    "page.html, text/html",
    "bundle.zip, application/zip",
    "report.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "sheet.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "deck.pptx, application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "script.py, text/x-python",
    "app.js, text/javascript",
    "types.ts, text/x-typescript",
    "archive.tar.gz, application/gzip",
    "dir/sub/pic.png, image/png",
    "C:\\Users\\x\\pic.PNG, image/png",
  })
  void mapsCommonExtensions(String name, String mime) {
    assertThat(MimeSniffer.fromExtension(name)).isEqualTo(mime);
  }

  @Test
  void knowsNoTypeForUnknownMissingOrDatExtensions() {
    assertThat(MimeSniffer.fromExtension("file_abc.dat")).isNull();
    assertThat(MimeSniffer.fromExtension("Makefile")).isNull();
    assertThat(MimeSniffer.fromExtension("trailing.")).isNull();
    assertThat(MimeSniffer.fromExtension("")).isNull();
    assertThat(MimeSniffer.fromExtension(".png")).isEqualTo("image/png");
    assertThat(MimeSniffer.fromExtension("x.unknownext")).isNull();
    assertThat(MimeSniffer.fromExtension("dir.png/file")).isNull();
  }

  private static @Nullable String sniff(String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    return MimeSniffer.sniff(b, b.length);
  }

  private static @Nullable String sniff(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return MimeSniffer.sniff(b, b.length);
  }
}
