/**
 * A pass over the conversations: delivery in file order, progress, the duplicate check and the
 * damage policy, common to every pass, and the serial pass. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.pass;

import org.jspecify.annotations.NullMarked;
