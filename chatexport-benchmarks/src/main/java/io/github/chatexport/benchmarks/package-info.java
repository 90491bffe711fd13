/**
 * Performance measurements of chatexport: {@link io.github.chatexport.benchmarks.Compare} (one run,
 * every reading strategy, ratios to the tokenizer's floor), {@link
 * io.github.chatexport.benchmarks.MemoryCheck} (a whole export in a 64 MB heap) and JMH benchmarks
 * of the hot paths. Never deployed.
 */
@NullMarked
package io.github.chatexport.benchmarks;

import org.jspecify.annotations.NullMarked;
