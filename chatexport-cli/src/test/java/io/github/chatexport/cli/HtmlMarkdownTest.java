package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlMarkdownTest {
  private static String render(String markdown) {
    return HtmlMarkdown.render(
        HtmlMarkdown.clean(markdown), n -> "<a href=\"#src" + n + "\">[" + n + "]</a>");
  }

  @Test
  void rawHtmlBlocksAndInlineHtmlAreShownAsText() {
    assertThat(render("<script>alert(1)</script>\n\nA <b onclick=\"x()\">bold</b> word"))
        .isEqualTo(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
                + "<p>A &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; word</p>\n");
  }

  @Test
  void linksKeepOnlyWebAndMailTargets() {
    assertThat(
            render(
                "[a](javascript:alert(1)) [b](https://example.com/a?b=1&c=2) [c](file:///etc/passwd)"
                    + " [d](mailto:me@example.com) [e](data:text/html,x) [f](../../secret)"))
        .isEqualTo(
            "<p>a <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\">b</a> c"
                + " <a href=\"mailto:me@example.com\" rel=\"noopener noreferrer nofollow\">d</a> e f</p>\n");
  }

  @Test
  void autolinksAndReferenceLinksAreSanitizedToo() {
    assertThat(render("<javascript:alert(1)> and [x][r]\n\n[r]: javascript:alert(2)"))
        .isEqualTo("<p>javascript:alert(1) and x</p>\n");
  }

  @Test
  void imagesAreNeverLoaded() {
    assertThat(
            render(
                "![cat](https://example.com/cat.png) ![local](assets/x.png) ![](http://e.com/y.gif)"))
        .isEqualTo(
            "<p><a href=\"https://example.com/cat.png\" rel=\"noopener noreferrer nofollow\""
                + " class=\"remote-image\" title=\"A remote image: not loaded, opens in the browser\">Remote image:"
                + " cat</a> [image: local] <a href=\"http://e.com/y.gif\" rel=\"noopener noreferrer nofollow\""
                + " class=\"remote-image\" title=\"A remote image: not loaded, opens in the browser\">Remote image:"
                + " http://e.com/y.gif</a></p>\n");
  }

  @Test
  void codeBlocksShowTheirLanguage() {
    assertThat(render("```python title=\"x\"\nprint('<b>')\n```\n\n```\nplain\n```"))
        .isEqualTo(
            "<div class=\"code\"><div class=\"lang\">python</div><pre><code class=\"language-python\">"
                + "print('&lt;b&gt;')\n</code></pre></div>\n"
                + "<div class=\"code\"><pre><code>plain\n</code></pre></div>\n");
  }

  @Test
  void tablesAreRendered() {
    assertThat(render("| a | b |\n|---|--:|\n| `x` | 2 |"))
        .isEqualTo(
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n"
                + "<tr>\n<td><code>x</code></td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n");
  }

  @Test
  void mathIsKeptAsWritten() {
    assertThat(render("Inline \\( a_1 * b_2 \\) and $$x_1 * y_2$$\n\n\\[\n\\frac{a}{b} <c>\n\\]"))
        .isEqualTo(
            "<p>Inline <span class=\"math\">\\( a_1 * b_2 \\)</span> and <span class=\"math\">$$x_1 *"
                + " y_2$$</span></p>\n<p><span class=\"math\">\\[\n\\frac{a}{b} &lt;c&gt;\n\\]</span></p>\n");
  }

  @Test
  void anUnclosedMathOpeningStaysMarkdown() {
    assertThat(render("\\( not closed _here_\n\nnext \\)"))
        .isEqualTo("<p>( not closed <em>here</em></p>\n<p>next )</p>\n");
  }

  @Test
  void citationMarksBecomeLinksAndForgedPlaceholdersAreDropped() {
    String text =
        "Open daily" + HtmlMarkdown.mark(List.of(1, 2)) + ". Forged \uF8F27\uF8F3 \uF8F00\uF8F1";
    assertThat(
            HtmlMarkdown.render(
                text.replace("\uF8F27\uF8F3", HtmlMarkdown.clean("\uF8F27\uF8F3"))
                    .replace("\uF8F00\uF8F1", HtmlMarkdown.clean("\uF8F00\uF8F1")),
                n -> "<a href=\"#src" + n + "\">[" + n + "]</a>"))
        .isEqualTo(
            "<p>Open daily<sup class=\"cite\"><a href=\"#src1\">[1]</a><a href=\"#src2\">[2]</a></sup>."
                + " Forged 7 0</p>\n");
  }

  @Test
  void manyMathOpeningsStayLinear() {
    String hostile =
        "\\[".repeat(200_000)
            + "x"
            + "\\(\n".repeat(100_000)
            + "$$".repeat(1)
            + "a\n\n".repeat(1000);
    long start = System.nanoTime();
    List<String> math = new ArrayList<>();
    assertThat(HtmlMarkdown.protectMath(hostile, math)).isEqualTo(hostile);
    assertThat(math).isEmpty();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
