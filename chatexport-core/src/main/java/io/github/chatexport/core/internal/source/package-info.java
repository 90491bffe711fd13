/**
 * The files of an export, wherever they are: a ZIP read in place, a salvaged ZIP, a ZIP nested in a
 * ZIP, a folder, a single file or a stream, behind one interface, {@link
 * io.github.chatexport.core.internal.source.ExportSource}, whose static methods make them (the
 * classes are package-private) and remove the private temporary files. The sources share one base
 * (their kind, the file's name, the error for a missing entry), and those that list a folder or an
 * archive one table of entries (normalized names, the first of a name kept, sorted); safe entry
 * names and counted input. Not API; not exported.
 */
@NullMarked
package io.github.chatexport.core.internal.source;

import org.jspecify.annotations.NullMarked;
