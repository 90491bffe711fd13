/**
 * The streaming reader: {@link io.github.chatexport.core.ExportReader} reads a ChatGPT export from
 * a ZIP, a folder or a conversations JSON file, one conversation at a time.
 */
@NullMarked
package io.github.chatexport.core;

import org.jspecify.annotations.NullMarked;
