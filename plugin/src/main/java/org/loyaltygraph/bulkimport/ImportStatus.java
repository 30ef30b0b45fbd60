package org.loyaltygraph.bulkimport;

/** Where a job stands. QUEUED and RUNNING jobs are the workers'; the others are final. */
enum ImportStatus {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELED;

  boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELED;
  }
}
