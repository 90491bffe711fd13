/**
 * The archive: many exports of one account merged into one SQLite file that only grows, where
 * conversations deleted from the account stay, marked, and every message of every branch can be
 * searched.
 */
@NullMarked
package io.github.chatexport.archive;

import org.jspecify.annotations.NullMarked;
