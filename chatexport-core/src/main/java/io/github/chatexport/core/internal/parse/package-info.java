/**
 * From JSON to records: a conversation, its content, its metadata checks, the account and the other
 * files of an export (through {@code AuxiliaryFiles}), and {@link
 * io.github.chatexport.core.internal.parse.ConversationFile}, the one reader of a conversations
 * array that both passes use; the parser's bookkeeping (token marks, lazy paths). Not API; not
 * exported.
 */
@NullMarked
package io.github.chatexport.core.internal.parse;

import org.jspecify.annotations.NullMarked;
