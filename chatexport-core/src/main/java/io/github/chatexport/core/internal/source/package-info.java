/**
 * The files of an export, wherever they are: a ZIP read in place, a salvaged ZIP, a ZIP nested in a
 * ZIP, a folder, a single file or a stream, behind one interface, {@link
 * io.github.chatexport.core.internal.source.ExportSource}, whose static methods make them (the
 * classes are package-private) and remove the private temporary files; safe entry names and counted
 * input. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.source;

import org.jspecify.annotations.NullMarked;
