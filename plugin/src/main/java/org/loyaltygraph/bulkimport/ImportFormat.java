package org.loyaltygraph.bulkimport;

import java.util.Optional;

/** The two file formats, by the media type of the upload. */
enum ImportFormat {
  CSV("text/csv"),
  NDJSON("application/x-ndjson");

  private final String mediaType;

  ImportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  /** The format of a Content-Type header, parameters such as {@code charset} aside. */
  static Optional<ImportFormat> fromContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim();
    for (ImportFormat format : values()) {
      if (format.mediaType.equalsIgnoreCase(type)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
