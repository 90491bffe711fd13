package io.github.chatexport.core.internal.write;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A ZIP: one entry after another. */
final class ZipSink implements Sink {
  private final ZipOutputStream zip;

  ZipSink(ZipOutputStream zip) {
    this.zip = zip;
  }

  @Override
  public OutputStream begin(String name) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    return new Part(zip, zip::closeEntry);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
