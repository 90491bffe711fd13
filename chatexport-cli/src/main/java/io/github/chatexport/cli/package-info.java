/**
 * The {@code chatexport} command: everyday jobs on a ChatGPT export (stats, list, show, markdown,
 * jsonl, verify), built on the public API of chatexport-core only. Not an API: everything but
 * {@link io.github.chatexport.cli.Main} is package-private.
 */
@NullMarked
package io.github.chatexport.cli;

import org.jspecify.annotations.NullMarked;
