/**
 * The parallel pass: a reader thread cuts the conversation files into pieces ({@code PieceReader};
 * the byte-level scans are the pure {@code ByteCutter}), a pool parses them ({@code PieceParser}),
 * the consumer takes them back in file order, joins a wrongly cut piece to the next ones and
 * renumbers the paths of each piece into the file ({@code InFileOrder}, {@code Renumbering});
 * {@code ParallelPipeline} runs the threads and the queue between them. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.parallel;

import org.jspecify.annotations.NullMarked;
