/**
 * The parallel pass: a reader thread cuts the conversation files into pieces (the byte-level scans
 * are the pure {@code ByteCutter}), a pool parses them, the consumer takes them back in file order,
 * joins a wrongly cut piece to the next ones and renumbers the paths of each piece into the file.
 * Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.parallel;

import org.jspecify.annotations.NullMarked;
