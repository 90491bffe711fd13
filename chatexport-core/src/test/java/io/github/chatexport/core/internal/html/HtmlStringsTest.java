package io.github.chatexport.core.internal.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTML unescaping of chat.html's strings (moved here from {@code RealExportsTest}). */
class HtmlStringsTest {
  @Test
  void htmlUnescapingDecodesEachReferenceOnce() {
    assertThat(HtmlStrings.unescape("&amp;lt; &lt; &gt; &quot; &#x27; &#39; &apos; &amp;amp;"))
        .isEqualTo("&lt; < > \" ' ' ' &amp;");
    assertThat(HtmlStrings.unescape("AT&T & &nbsp; &#xD800; &#; &#x; &unknown; &amp"))
        .isEqualTo("AT&T & &nbsp; &#xD800; &#; &#x; &unknown; &amp");
    assertThat(HtmlStrings.unescape("&#128512;")).isEqualTo("\uD83D\uDE00");
    String plain = "no reference here";
    assertThat(HtmlStrings.unescape(plain)).isSameAs(plain);
  }
}
