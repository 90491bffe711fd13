package io.github.chatexport.core.internal.assets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The MIME type of an asset, from its first bytes or from its file name. 2026 exports store assets
 * as {@code <id>.dat}, so the bytes are the only reliable witness (FORMAT.md §1.1).
 */
final class MimeSniffer {
  /** Enough leading bytes for every signature recognized here. */
  static final int HEAD_BYTES = 16;

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          // images
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("jpe", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("ico", "image/vnd.microsoft.icon"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("heic", "image/heic"),
          Map.entry("heif", "image/heif"),
          Map.entry("avif", "image/avif"),
          // audio and video
          Map.entry("wav", "audio/wav"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("m4a", "audio/mp4"),
          Map.entry("aac", "audio/aac"),
          Map.entry("ogg", "audio/ogg"),
          Map.entry("oga", "audio/ogg"),
          Map.entry("opus", "audio/ogg"),
          Map.entry("flac", "audio/flac"),
          Map.entry("weba", "audio/webm"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("m4v", "video/mp4"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("webm", "video/webm"),
          // documents and data
          Map.entry("pdf", "application/pdf"),
          Map.entry("txt", "text/plain"),
          Map.entry("log", "text/plain"),
          Map.entry("md", "text/markdown"),
          Map.entry("markdown", "text/markdown"),
          Map.entry("csv", "text/csv"),
          Map.entry("tsv", "text/tab-separated-values"),
          Map.entry("json", "application/json"),
          Map.entry("xml", "application/xml"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("rtf", "application/rtf"),
          Map.entry("epub", "application/epub+zip"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("doc", "application/msword"),
          Map.entry("xls", "application/vnd.ms-excel"),
          Map.entry("ppt", "application/vnd.ms-powerpoint"),
          Map.entry(
              "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          Map.entry(
              "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
          Map.entry("odt", "application/vnd.oasis.opendocument.text"),
          Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
          Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
          Map.entry("ipynb", "application/x-ipynb+json"),
          // source code (as uploaded to ChatGPT; ".ts" is TypeScript here, not an MPEG transport
          // stream)
          Map.entry("py", "text/x-python"),
          Map.entry("js", "text/javascript"),
          Map.entry("mjs", "text/javascript"),
          Map.entry("cjs", "text/javascript"),
          Map.entry("jsx", "text/javascript"),
          Map.entry("ts", "text/x-typescript"),
          Map.entry("tsx", "text/x-typescript"),
          Map.entry("java", "text/x-java"),
          Map.entry("kt", "text/x-kotlin"),
          Map.entry("c", "text/x-c"),
          Map.entry("h", "text/x-c"),
          Map.entry("cpp", "text/x-c++"),
          Map.entry("cc", "text/x-c++"),
          Map.entry("hpp", "text/x-c++"),
          Map.entry("cs", "text/x-csharp"),
          Map.entry("go", "text/x-go"),
          Map.entry("rs", "text/x-rust"),
          Map.entry("rb", "text/x-ruby"),
          Map.entry("php", "text/x-php"),
          Map.entry("swift", "text/x-swift"),
          Map.entry("sh", "application/x-sh"),
          Map.entry("sql", "application/sql"),
          Map.entry("tex", "application/x-tex"),
          Map.entry("r", "text/x-r"));

  private MimeSniffer() {}

  /**
   * The MIME type the leading bytes show, or null when none is recognized: PNG, JPEG, GIF, WebP and
   * WAV (RIFF), MP3 (an ID3 tag or an MPEG audio frame header), the ISO base media family by its
   * {@code ftyp} brand (M4A → {@code audio/mp4}, QuickTime → {@code video/quicktime},
   * HEIC/HEIF/AVIF images, anything else {@code video/mp4}), PDF, WebM, Ogg, FLAC and ZIP.
   *
   * @param head the first bytes of the file ({@link #HEAD_BYTES} suffice)
   * @param length how many of them are valid
   * @throws IndexOutOfBoundsException if {@code length} is negative or beyond {@code head}
   */
  static @Nullable String sniff(byte[] head, int length) {
    Objects.checkFromIndexSize(0, length, head.length);
    if (starts(head, length, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
      return "image/png";
    }
    if (starts(head, length, 0, 0xff, 0xd8, 0xff)) {
      return "image/jpeg";
    }
    if (starts(head, length, 0, 'G', 'I', 'F', '8', '7', 'a')
        || starts(head, length, 0, 'G', 'I', 'F', '8', '9', 'a')) {
      return "image/gif";
    }
    if (starts(head, length, 0, 'R', 'I', 'F', 'F')) {
      if (starts(head, length, 8, 'W', 'E', 'B', 'P')) {
        return "image/webp";
      }
      if (starts(head, length, 8, 'W', 'A', 'V', 'E')) {
        return "audio/wav";
      }
      return null;
    }
    if (starts(head, length, 0, '%', 'P', 'D', 'F', '-')) {
      return "application/pdf";
    }
    if (starts(head, length, 4, 'f', 't', 'y', 'p') && length >= 12) {
      return isoBrand(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
    }
    if (starts(head, length, 0, 'I', 'D', '3') && length >= 4 && (head[3] & 0xff) < 0xff) {
      return "audio/mpeg";
    }
    if (starts(head, length, 0, 0x1a, 0x45, 0xdf, 0xa3)) {
      return "video/webm";
    }
    if (starts(head, length, 0, 'O', 'g', 'g', 'S')) {
      return "audio/ogg";
    }
    if (starts(head, length, 0, 'f', 'L', 'a', 'C')) {
      return "audio/flac";
    }
    if (starts(head, length, 0, 'P', 'K', 3, 4) || starts(head, length, 0, 'P', 'K', 5, 6)) {
      return "application/zip";
    }
    if (isMpegAudioFrame(head, length)) {
      return "audio/mpeg";
    }
    return null;
  }

  /**
   * The MIME type a file name's extension suggests (case-insensitive), or null when the name has no
   * extension or one not listed; {@code .dat} is deliberately unknown.
   */
  static @Nullable String fromExtension(String fileName) {
    String name = fileName;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    if (dot < 0 || dot == name.length() - 1) {
      return null;
    }
    return BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String isoBrand(String brand) {
    switch (brand) {
      case "M4A ":
      case "M4B ":
      case "M4P ":
      case "F4A ":
      case "F4B ":
        return "audio/mp4";
      case "qt  ":
        return "video/quicktime";
      case "heic":
      case "heix":
      case "heim":
      case "heis":
        return "image/heic";
      case "mif1":
      case "msf1":
        return "image/heif";
      case "avif":
      case "avis":
        return "image/avif";
      default:
        return "video/mp4";
    }
  }

  /**
   * An MPEG audio frame header: 11 sync bits, a version other than the reserved 01, a layer other
   * than the reserved 00 (which rules out AAC's ADTS), a bitrate index other than 1111 and a
   * sampling rate other than 11.
   */
  private static boolean isMpegAudioFrame(byte[] head, int length) {
    if (length < 3 || (head[0] & 0xff) != 0xff || (head[1] & 0xe0) != 0xe0) {
      return false;
    }
    int version = (head[1] >> 3) & 3;
    int layer = (head[1] >> 1) & 3;
    int bitrate = (head[2] >> 4) & 0xf;
    int rate = (head[2] >> 2) & 3;
    return version != 1 && layer != 0 && bitrate != 0xf && rate != 3;
  }

  private static boolean starts(byte[] head, int length, int at, int... bytes) {
    if (length < at + bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((head[at + i] & 0xff) != bytes[i]) {
        return false;
      }
    }
    return true;
  }
}
