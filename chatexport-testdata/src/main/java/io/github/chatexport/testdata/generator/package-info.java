/**
 * A seeded, deterministic generator of synthetic ChatGPT exports of any size, shaped like real
 * ones: {@link io.github.chatexport.testdata.generator.ExportGenerator}. For load tests and
 * benchmarks of chatexport and of third-party tools.
 */
@NullMarked
package io.github.chatexport.testdata.generator;

import org.jspecify.annotations.NullMarked;
