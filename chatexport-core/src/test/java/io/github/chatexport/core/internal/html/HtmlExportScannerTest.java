package io.github.chatexport.core.internal.html;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.chatexport.core.internal.zip.ByteSource;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HtmlExportScannerTest {
  private static final String HEAD =
      "<html>\n<head>\n  <title>ChatGPT Data Export</title>\n  <style>\n"
          + "    body { margin: 20px; }\n    .author::first-letter { text-transform: uppercase; }\n  </style>\n"
          + "  <script>\n";
  private static final String SCRIPT =
      "\n\nfunction getConversationMessages(conversation) {\n"
          + "  var messages = [];\n  var currentNode = conversation.current_node;\n"
          + "  while (currentNode != null) { var node = conversation.mapping[currentNode]; currentNode = node.parent; }\n"
          + "  return messages.reverse();\n}\n"
          + "window.onload = function() { for (var i = 0; i < jsonData.length; i++) { var c = jsonData[i]; } }\n";
  private static final String TAIL =
      "  </script>\n</head>\n<body>\n<div id=\"root\">\n</div>\n</body>\n</html>\n";

  private static final String ARRAY =
      "[{\"title\":\"Trip ] plan\","
          + "\"mapping\":{\"a\":{\"children\":[\"b\",[1,[2,[]]]]}},"
          + "\"text\":\"</script><script>alert(1)</script>\",\"q\":\"say \\\"hi\\\" ] [ { }\",\"bs\":\"\\\\\","
          + "\"bsq\":\"\\\\\\\"]\",\"u\":\"日本語 🙂 \\u005d\",\"nested\":[[[{\"x\":[]}]]],\"n\":null},"
          + "{\"title\":\"var assetsJson = {\\\"fake\\\": 1}\",\"mapping\":{}}]";
  private static final String ASSETS =
      "{\"sediment://file_1\": \"file_1-photo.png\", "
          + "\"file-service://file-2\": {\"file_path\": \"dalle-generations/x.webp\", \"label\": \"a } ] </b>\"}}";

  @Test
  void extractsExactlyTheJsonDataArrayOfA2023StylePage() throws IOException {
    String page = HEAD + "var jsonData = " + ARRAY + SCRIPT + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    assertThat(text(scanner.jsonData())).isEqualTo(ARRAY);
    assertThat(scanner.assetsJson()).isNull();
  }

  @Test
  void theStaticHelperReturnsTheArrayAndLeavesTheRestUnread() throws IOException {
    InputStream html = stream(HEAD + "var jsonData = " + ARRAY + ";" + SCRIPT + TAIL);
    try (InputStream json = HtmlExportScanner.jsonData(html)) {
      assertThat(text(json)).isEqualTo(ARRAY);
    }
  }

  @Test
  void findsTheAssetIndexAfterTheConversationsInTheSamePass() throws IOException {
    String page =
        HEAD + "var jsonData = " + ARRAY + ";\nvar assetsJson = " + ASSETS + ";" + SCRIPT + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    InputStream json = scanner.jsonData();
    assertThat(scanner.assetsJsonSeen()).isNull();
    assertThat(text(json)).isEqualTo(ARRAY);
    assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
    assertThat(scanner.assetsJsonSeen()).isEqualTo(ASSETS);
    assertThat(json.read()).as("the array's stream stays at its end").isEqualTo(-1);
  }

  @Test
  void keepsTheAssetIndexMetBeforeTheConversations() throws IOException {
    String page =
        HEAD + "var assetsJson = " + ASSETS + ";\nvar jsonData = " + ARRAY + ";" + SCRIPT + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    InputStream json = scanner.jsonData();
    assertThat(scanner.assetsJsonSeen()).isEqualTo(ASSETS);
    assertThat(text(json)).isEqualTo(ARRAY);
    assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
  }

  @Test
  void assetsJsonFirstSkipsTheArrayWhichIsThenLost() throws IOException {
    String page = HEAD + "var jsonData = " + ARRAY + ";\nvar assetsJson = " + ASSETS + ";" + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
    assertThatThrownBy(scanner::jsonData)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("skipped");
    assertThat(HtmlExportScanner.assetsJson(stream(page), 1 << 20)).isEqualTo(ASSETS);
  }

  @Test
  void assetsJsonSkipsTheUnreadRestOfTheArrayStream() throws IOException {
    String page = HEAD + "var jsonData = " + ARRAY + ";\nvar assetsJson = " + ASSETS + ";" + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    InputStream json = scanner.jsonData();
    assertThat(json.read()).isEqualTo('[');
    assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
    assertThatThrownBy(json::read).isInstanceOf(IOException.class).hasMessageContaining("skipped");
    assertThatThrownBy(scanner::jsonData).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void returnsTheAssetIndexAsRawTextEvenWhenItIsAJavaScriptLiteral() throws IOException {
    String literal =
        "{\n  // a comment with } and ' and \"\n  'sediment://file_1': 'it\\'s \"here\"',\n"
            + "  /* block } ] */ key: {file_path: `a}b`, mime_type: &quot;image/png&quot;},\n  trailing: [1, 2,],\n}";
    String page = HEAD + "var jsonData = [];\nconst assetsJson = " + literal + "\n" + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    assertThat(text(scanner.jsonData())).isEqualTo("[]");
    assertThat(scanner.assetsJson()).isEqualTo(literal);
  }

  @Test
  void recognizesVarLetAndConstWithAnyWhiteSpace() throws IOException {
    for (String assignment :
        new String[] {
          "var jsonData = ", "let jsonData=", "const\tjsonData\n=\n  ", "var  jsonData  =  "
        }) {
      assertThat(text(HtmlExportScanner.jsonData(stream(HEAD + assignment + "[1]" + TAIL))))
          .isEqualTo("[1]");
    }
  }

  @Test
  void ignoresLookalikesOfTheAssignment() throws IOException {
    String page =
        HEAD
            + "myvar jsonData = [0];\nvar jsonDataOld = [1];\nif (var jsonData == [2]) {}\n"
            + "window.jsonData = [3];\nvar\njsonData = [4];"
            + TAIL;
    assertThat(text(HtmlExportScanner.jsonData(stream(page)))).isEqualTo("[4]");
  }

  @Test
  void anAssignmentInsideAStringOfTheArrayIsNotTheAssetIndex() throws IOException {
    String page = HEAD + "var jsonData = " + ARRAY + ";\nvar assetsJson = {\"real\": true};" + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
    text(scanner.jsonData());
    assertThat(scanner.assetsJson()).isEqualTo("{\"real\": true}");
  }

  @Test
  void aPageWithoutTheArrayIsAClearError() {
    ChatHtmlException e =
        catchThrowableOfType(
            ChatHtmlException.class,
            () -> HtmlExportScanner.jsonData(stream(HEAD + "var other = [1];" + TAIL)));
    assertThat(e.getMessage())
        .startsWith("chat.html: no `var jsonData = [` in the page at byte offset");
    assertThat(e.offset()).isEqualTo(HEAD.length() + "var other = [1];".length() + TAIL.length());
    assertThat(e.entry()).isEqualTo("chat.html");
  }

  @Test
  void somethingElseThanAnArrayIsAClearError() {
    String page = HEAD + "var jsonData = <insert data here>\n" + SCRIPT + TAIL;
    ChatHtmlException e =
        catchThrowableOfType(
            ChatHtmlException.class, () -> HtmlExportScanner.jsonData(stream(page)));
    assertThat(e.getMessage()).contains("something else than a JSON array");
    assertThat(e.offset()).isEqualTo(HEAD.length() + "var jsonData = ".length());
  }

  @Test
  void anArrayCutShortByTheEndOfThePageIsAnError() throws IOException {
    String page = HEAD + "var jsonData = [{\"title\":\"secret text\",\"parts\":[\"more secret";
    InputStream json = HtmlExportScanner.over(stream(page), "export/chat.html", 100).jsonData();
    ChatHtmlException e = catchThrowableOfType(ChatHtmlException.class, () -> text(json));
    assertThat(e.getMessage())
        .startsWith(
            "export/chat.html: the jsonData array that starts at byte offset "
                + (HEAD.length() + 15)
                + " is not terminated before the page ends at byte offset "
                + page.length());
    assertThat(e.getMessage()).doesNotContain("secret");
  }

  @Test
  void anArrayCutShortByTheEndOfItsScriptIsAnError() throws IOException {
    String page =
        HEAD + "var jsonData = [{\"title\":\"x\"}, {\"title\":\"y\"}\n</script>" + SCRIPT + TAIL;
    InputStream json = HtmlExportScanner.jsonData(stream(page));
    ChatHtmlException e = catchThrowableOfType(ChatHtmlException.class, () -> text(json));
    assertThat(e.getMessage()).contains("is not terminated before its script ends");
    assertThat(e.offset()).isEqualTo(page.indexOf("</script>"));
  }

  @Test
  void anArrayClosedByABraceIsAnError() throws IOException {
    InputStream json = HtmlExportScanner.jsonData(stream(HEAD + "var jsonData = [1, 2};" + TAIL));
    assertThat(catchThrowableOfType(ChatHtmlException.class, () -> text(json)).getMessage())
        .contains("closed by '}'");
  }

  @Test
  void anAssetIndexBeyondTheBoundFailsWithoutLosingTheConversations() throws IOException {
    String big = "{\"k\": \"" + "x".repeat(5000) + "\"}";
    String page = HEAD + "var assetsJson = " + big + ";\nvar jsonData = [1];" + TAIL;
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(page), "chat.html", 1000);
    assertThat(text(scanner.jsonData())).isEqualTo("[1]");
    ChatHtmlException e = catchThrowableOfType(ChatHtmlException.class, scanner::assetsJson);
    assertThat(e.getMessage())
        .contains("longer than the limit of 1000 bytes")
        .doesNotContain("xxx");
    assertThatThrownBy(scanner::assetsJsonSeen).isSameAs(e);
    assertThat(HtmlExportScanner.over(stream(page), "chat.html", big.length()).assetsJson())
        .isEqualTo(big);
  }

  @Test
  void anUnterminatedOrNonObjectAssetIndexIsAnError() throws IOException {
    HtmlExportScanner open =
        HtmlExportScanner.over(stream(HEAD + "var jsonData = [];\nvar assetsJson = {\"a\": 1"));
    text(open.jsonData());
    assertThat(catchThrowableOfType(ChatHtmlException.class, open::assetsJson).getMessage())
        .contains("not terminated before the page ends");

    HtmlExportScanner script =
        HtmlExportScanner.over(stream("var assetsJson = {\"a\": 1\n</script>" + TAIL));
    assertThat(catchThrowableOfType(ChatHtmlException.class, script::assetsJson).getMessage())
        .contains("not terminated before its script ends");

    HtmlExportScanner call = HtmlExportScanner.over(stream("var assetsJson = JSON.parse('{}');"));
    assertThat(catchThrowableOfType(ChatHtmlException.class, call::assetsJson).getMessage())
        .contains("something else than an object literal");
  }

  @Test
  void handlesMarkersAndStringsSplitAcrossBufferRefillsAndOneByteReads() throws IOException {
    for (int pad = ByteSource.BUFFER_SIZE - 40; pad < ByteSource.BUFFER_SIZE + 5; pad += 3) {
      String page =
          " ".repeat(pad) + "var jsonData = " + ARRAY + ";var assetsJson = " + ASSETS + ";" + TAIL;
      HtmlExportScanner scanner = HtmlExportScanner.over(stream(page));
      assertThat(text(scanner.jsonData())).as("padding %s", pad).isEqualTo(ARRAY);
      assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
    }
    String page = HEAD + "var assetsJson = " + ASSETS + ";var jsonData = " + ARRAY + ";" + TAIL;
    InputStream trickle =
        new FilterInputStream(stream(page)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    HtmlExportScanner scanner = HtmlExportScanner.over(trickle);
    InputStream json = scanner.jsonData();
    StringBuilder oneByOne = new StringBuilder();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int b; (b = json.read()) >= 0; ) {
      bytes.write(b);
    }
    oneByOne.append(bytes.toString(UTF_8));
    assertThat(oneByOne.toString()).isEqualTo(ARRAY);
    assertThat(scanner.assetsJson()).isEqualTo(ASSETS);
  }

  @Test
  void aClosedArrayStreamRejectsReadsAndCallsInTheWrongOrderAreRejected() throws IOException {
    HtmlExportScanner scanner = HtmlExportScanner.over(stream(HEAD + "var jsonData = [1];" + TAIL));
    InputStream json = scanner.jsonData();
    json.close();
    assertThatThrownBy(json::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(scanner::jsonData).isInstanceOf(IllegalStateException.class);
    assertThat(scanner.assetsJson()).isNull();
  }

  @Test
  void streamsA50MegabytePageWithBoundedReadAhead() throws IOException {
    GeneratedPage page = new GeneratedPage(50L << 20);
    long start = System.nanoTime();
    HtmlExportScanner scanner = HtmlExportScanner.over(page);
    InputStream json = scanner.jsonData();
    CRC32 crc = new CRC32();
    byte[] buf = new byte[8192];
    long delivered = 0;
    long maxAhead = 0;
    for (int n; (n = json.read(buf)) >= 0; ) {
      crc.update(buf, 0, n);
      delivered += n;
      maxAhead = Math.max(maxAhead, page.produced - (page.prefix.length + delivered));
    }
    assertThat(delivered).isEqualTo(page.arrayLength());
    assertThat(crc.getValue()).isEqualTo(page.arrayCrc());
    assertThat(maxAhead).as("bytes read ahead").isLessThanOrEqualTo(ByteSource.BUFFER_SIZE);
    assertThat(scanner.assetsJson()).isEqualTo(GeneratedPage.ASSETS);
    assertThat(page.produced).isEqualTo(page.total());
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
  }

  @Test
  void skipsA50MegabyteArrayToFindTheAssetIndex() throws IOException {
    GeneratedPage page = new GeneratedPage(50L << 20);
    assertThat(HtmlExportScanner.assetsJson(page, 1024)).isEqualTo(GeneratedPage.ASSETS);
  }

  @Test
  void randomPagesGiveTheArrayOrAChatHtmlExceptionNothingElse() {
    String[] tokens = {
      "var ",
      "let ",
      "jsonData",
      "assetsJson",
      " = ",
      "=",
      "==",
      "[",
      "]",
      "{",
      "}",
      "\"",
      "\\",
      "'",
      "`",
      "<",
      "/",
      "*",
      "//",
      "/*",
      "*/",
      " ",
      "x",
      "\n",
      "日",
      ";"
    };
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 3000; i++) {
      StringBuilder page = new StringBuilder();
      if (random.nextBoolean()) {
        page.append("var jsonData = [");
      }
      for (int k = random.nextInt(60); k > 0; k--) {
        page.append(tokens[random.nextInt(tokens.length)]);
      }
      HtmlExportScanner scanner = HtmlExportScanner.over(stream(page.toString()), "p", 20);
      try {
        String json = text(scanner.jsonData());
        assertThat(json).startsWith("[").endsWith("]");
      } catch (ChatHtmlException expected) {
        // damage is reported, with its offset
        assertThat(expected.offset()).isBetween(0L, (long) page.toString().getBytes(UTF_8).length);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      try {
        String assets = scanner.assetsJson();
        assertThat(assets == null || assets.startsWith("{")).isTrue();
      } catch (ChatHtmlException expected) {
        // damage is reported
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * A page of about {@code size} bytes, made while it is read; the array holds many tricky items.
   */
  private static final class GeneratedPage extends InputStream {
    static final String ASSETS = "{\"sediment://file_9\": \"file_9.dat\"}";
    private static final byte[] ITEM =
        ("{\"title\":\"t ] } </script> \\\"q\\\" \\\\\",\"mapping\":{\"a\":[1,[2,[3]],"
                + "{\"b\":\"[[[\"}]},\"text\":\"日本語 🙂 var assetsJson = {\"},")
            .getBytes(UTF_8);
    private static final byte[] LAST = "{}]".getBytes(UTF_8);
    final byte[] prefix = (HEAD + "var jsonData = [").getBytes(UTF_8);
    private final byte[] suffix =
        (";\nvar assetsJson = " + ASSETS + ";" + SCRIPT + TAIL).getBytes(UTF_8);
    private final long items;
    long produced;

    GeneratedPage(long size) {
      this.items = size / ITEM.length;
    }

    long arrayLength() {
      return 1 + items * ITEM.length + LAST.length;
    }

    long total() {
      return prefix.length + items * ITEM.length + LAST.length + suffix.length;
    }

    long arrayCrc() {
      CRC32 crc = new CRC32();
      crc.update('[');
      for (long i = 0; i < items; i++) {
        crc.update(ITEM);
      }
      crc.update(LAST);
      return crc.getValue();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      long at = produced;
      byte[] part;
      long partStart;
      if (at < prefix.length) {
        part = prefix;
        partStart = 0;
      } else if (at < prefix.length + items * ITEM.length) {
        part = ITEM;
        partStart = prefix.length + (at - prefix.length) / ITEM.length * ITEM.length;
      } else if (at < prefix.length + items * ITEM.length + LAST.length) {
        part = LAST;
        partStart = prefix.length + items * ITEM.length;
      } else if (at < total()) {
        part = suffix;
        partStart = prefix.length + items * ITEM.length + LAST.length;
      } else {
        return -1;
      }
      int from = (int) (at - partStart);
      int n = Math.min(len, part.length - from);
      System.arraycopy(part, from, b, off, n);
      produced += n;
      return n;
    }
  }

  private static InputStream stream(String page) {
    return new ByteArrayInputStream(page.getBytes(UTF_8));
  }

  private static String text(@Nullable InputStream in) throws IOException {
    assertThat(in).isNotNull();
    return new String(in.readAllBytes(), UTF_8);
  }
}
