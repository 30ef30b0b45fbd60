package org.loyaltygraph.bulkimport;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.loyaltygraph.security.AccessPolicy;
import org.loyaltygraph.security.Caller;
import org.loyaltygraph.security.CallerResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /imports?kind=...}: the upload of a bulk import file (GraphQL over HTTP has no file
 * upload), and {@code GET /imports/{id}}, where its Location points. Callers authenticate as for
 * GraphQL and need what the matching mutation needs; refusals are JSON with a code and a generic
 * message, and the body of a refused caller is never read. {@code events=true} asks for the webhook
 * events of what the job records, which an import leaves out by default.
 */
@RestController
class ImportController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final CallerResolver callers;
  private final ImportService imports;
  private final ImportProperties properties;

  ImportController(CallerResolver callers, ImportService imports, ImportProperties properties) {
    this.callers = callers;
    this.imports = imports;
    this.properties = properties;
  }

  @PostMapping("/imports")
  ResponseEntity<Map<String, Object>> upload(
      @RequestParam(name = "kind", required = false) String kindParameter,
      @RequestParam(name = "events", required = false) String eventsParameter,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      HttpServletRequest request)
      throws IOException {
    Caller caller = callers.resolve(authorization);
    if (!caller.isAuthenticated()) {
      return refusal(
          HttpStatus.UNAUTHORIZED,
          "UNAUTHENTICATED",
          "Authentication required: send an API key or a token.");
    }
    Optional<ImportKind> kind = ImportKind.fromParameter(kindParameter);
    if (kind.isEmpty()) {
      return refusal(
          HttpStatus.BAD_REQUEST,
          "UNKNOWN_KIND",
          "kind is one of customers, orders, openingBalances.");
    }
    if (!AccessPolicy.allows(caller, "Mutation", kind.get().mutation())) {
      return refusal(HttpStatus.FORBIDDEN, "FORBIDDEN", "This caller may not import this kind.");
    }
    Optional<ImportFormat> format = ImportFormat.fromContentType(request.getContentType());
    if (format.isEmpty()) {
      return refusal(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send text/csv or application/x-ndjson.");
    }
    if (idempotencyKey != null
        && (idempotencyKey.isBlank()
            || idempotencyKey.length() > ImportService.MAX_KEY_LENGTH
            || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      return refusal(
          HttpStatus.BAD_REQUEST,
          "INVALID_IDEMPOTENCY_KEY",
          "Idempotency-Key is 1 to 128 printable ASCII characters.");
    }
    Optional<Boolean> events = events(eventsParameter);
    if (events.isEmpty()) {
      return refusal(HttpStatus.BAD_REQUEST, "INVALID_EVENTS", "events is true or false.");
    }
    long max = properties.maxFileSize().toBytes();
    if (request.getContentLengthLong() > max) {
      return tooLarge(max);
    }
    // the body streams into the database a chunk at a time; the cap is counted as it arrives
    ImportService.Submission submission =
        imports.submit(
            kind.get(),
            format.get(),
            events.get(),
            request.getInputStream(),
            idempotencyKey,
            caller.role() + ":" + caller.principal());
    if (submission.job() == null) {
      if (ImportService.FILE_TOO_LARGE.equals(submission.code())) {
        return tooLarge(max);
      }
      HttpStatus status =
          switch (submission.code()) {
            case "IDEMPOTENCY_KEY_REUSED" -> HttpStatus.CONFLICT;
            case ImportService.UPLOAD_TIMED_OUT -> HttpStatus.REQUEST_TIMEOUT;
            case ImportService.PACKET_TOO_SMALL -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
          };
      return refusal(status, submission.code(), submission.message());
    }
    ImportJob job = submission.job();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create("/imports/" + job.id()))
        .header("Idempotent-Replayed", Boolean.toString(submission.replayed()))
        .body(json(job));
  }

  @GetMapping("/imports/{id}")
  ResponseEntity<Map<String, Object>> job(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Caller caller = callers.resolve(authorization);
    if (!AccessPolicy.allows(caller, "Query", "importJob")) {
      return caller.isAuthenticated()
          ? refusal(HttpStatus.FORBIDDEN, "FORBIDDEN", "This caller may not read import jobs.")
          : refusal(
              HttpStatus.UNAUTHORIZED,
              "UNAUTHENTICATED",
              "Authentication required: send an API key or a token.");
    }
    return imports
        .find(id)
        .map(job -> ResponseEntity.ok(json(job)))
        .orElseGet(() -> refusal(HttpStatus.NOT_FOUND, "NOT_FOUND", "No import job has this id."));
  }

  /** Webhook events for what the import records: off unless asked for; empty when unreadable. */
  private static Optional<Boolean> events(String parameter) {
    if (parameter == null || parameter.equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    return parameter.equalsIgnoreCase("true") ? Optional.of(true) : Optional.empty();
  }

  private static ResponseEntity<Map<String, Object>> tooLarge(long max) {
    return refusal(
        HttpStatus.CONTENT_TOO_LARGE,
        ImportService.FILE_TOO_LARGE,
        "The file is larger than " + max + " bytes; split it into several imports.");
  }

  private static ResponseEntity<Map<String, Object>> refusal(
      HttpStatus status, String code, String message) {
    return ResponseEntity.status(status)
        .body(Map.of("error", Map.of("code", code, "message", message)));
  }

  static Map<String, Object> json(ImportJob job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", Long.toString(job.id()));
    body.put("kind", job.kind().name());
    body.put("format", job.format().name());
    body.put("emitsEvents", job.emitsEvents());
    body.put("status", job.status().name());
    body.put("rowsTotal", job.rowsTotal());
    body.put("rowsDone", job.rowsDone());
    body.put("rowsImported", job.rowsImported());
    body.put("rowsSkipped", job.rowsSkipped());
    body.put("rowsFailed", job.rowsFailed());
    body.put("createdAt", job.createdAt().toString());
    body.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
    body.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
    return body;
  }
}
