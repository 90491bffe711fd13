/**
 * {@code chat.html}: a streaming scanner that finds its {@code jsonData} and {@code assetsJson},
 * and a parser view that reads its strings as the page's script does, both through {@code
 * HtmlExportScanner}; its own exception for a page that does not hold them. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.html;

import org.jspecify.annotations.NullMarked;
