/** Fixture exports with expected results, for chatexport's tests and third-party tools' tests. */
@NullMarked
package io.github.chatexport.testdata;

import org.jspecify.annotations.NullMarked;
