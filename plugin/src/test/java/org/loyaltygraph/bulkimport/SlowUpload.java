package org.loyaltygraph.bulkimport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code POST /imports} whose body the test sends a piece at a time over a raw socket, as a slow
 * client does, and may break off. HTTP/1.0 with a Content-Length, so the answer ends with the
 * connection.
 */
final class SlowUpload implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Socket socket;
  private final OutputStream out;

  /** Sends the request's head, announcing {@code length} bytes of body. */
  SlowUpload(int port, String query, String contentType, String idempotencyKey, long length) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      out.write(
          ("POST /imports?"
                  + query
                  + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: "
                  + Uploads.STOREFRONT
                  + "\r\nContent-Type: "
                  + contentType
                  + "\r\nContent-Length: "
                  + length
                  + (idempotencyKey == null ? "" : "\r\nIdempotency-Key: " + idempotencyKey)
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes {@code from} (inclusive) to {@code to} (exclusive) of the body. */
  void send(byte[] body, int from, int to) {
    try {
      out.write(body, from, to - from);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends the body from byte {@code from} to its end, and reads the answer. */
  Uploads.Answer finish(byte[] body, int from) {
    send(body, from, body.length);
    return answer();
  }

  /** Reads the answer to its end. */
  private Uploads.Answer answer() {
    try (InputStream in = socket.getInputStream()) {
      String response = new String(in.readAllBytes(), UTF_8);
      int status = Integer.parseInt(response.split(" ", 3)[1]);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      return new Uploads.Answer(status, JSON.readTree(body), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hangs up before the whole body was sent, as a client that goes away does. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
