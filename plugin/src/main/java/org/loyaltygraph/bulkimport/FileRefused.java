package org.loyaltygraph.bulkimport;

/** A file that cannot be imported at all (encoding, CSV header): the upload answers 400. */
class FileRefused extends Exception {

  private final String code;

  FileRefused(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }
}
