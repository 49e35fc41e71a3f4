package io.crmflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a state-changing request in one transaction and remembers its answer under the
 * caller's {@code Idempotency-Key}: a repeat gets the same answer and changes nothing.
 * Two requests racing on the same record (or key) are retried so one wins and the other
 * sees its result; nothing is lost.
 */
@Component
public class IdempotentRequests {

  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper objectMapper;

  IdempotentRequests(JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper objectMapper) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.objectMapper = objectMapper;
  }

  /** The answer of a request: status, optional Location and a JSON body. */
  public record Answer(HttpStatus status, URI location, Object body) {

    public ResponseEntity<Object> toResponse() {
      ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
      if (location != null) {
        builder.location(location);
      }
      return builder.body(body);
    }
  }

  /**
   * @param principal   who is calling; keys are scoped per caller
   * @param key         the Idempotency-Key header, or null
   * @param request     the parsed request, fingerprinted to detect a key reused for another request
   * @param work        the state change; runs inside the transaction
   */
  public ResponseEntity<Object> execute(String principal, String key, Object request, Supplier<Answer> work) {
    validateKey(key);
    String fingerprint = fingerprint(request);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return transaction.execute(status -> key == null
            ? work.get().toResponse()
            : executeOnce(principal, key, fingerprint, work));
      } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
        // a concurrent request claimed the same key or record first: look again, it has committed by now
        backOff(attempt);
      }
    }
    throw ApiException.conflict("A concurrent request changed the same record; retry the request");
  }

  private ResponseEntity<Object> executeOnce(String principal, String key, String fingerprint, Supplier<Answer> work) {
    Optional<StoredAnswer> stored = find(principal, key);
    if (stored.isPresent()) {
      return replay(stored.get(), fingerprint);
    }
    jdbc.sql("""
            insert into crm_idempotent_request (principal, idempotency_key, request_hash, created_at)
            values (:principal, :key, :hash, :now)
            """)
        .param("principal", principal).param("key", key).param("hash", fingerprint)
        .param("now", Timestamp.from(Instant.now()))
        .update();
    Answer answer = work.get();
    jdbc.sql("""
            update crm_idempotent_request set status_code = :status, location = :location, response_body = :body
            where principal = :principal and idempotency_key = :key
            """)
        .param("status", answer.status().value())
        .param("location", answer.location() == null ? null : answer.location().toString())
        .param("body", toJson(answer.body()))
        .param("principal", principal).param("key", key)
        .update();
    return answer.toResponse();
  }

  /**
   * Forgets the stored answers that mention this record id, with the fingerprints of their
   * requests (which derive from the personal data submitted); used when a contact's data is erased.
   */
  public int forgetAnswersMentioning(String recordId) {
    return jdbc.sql("delete from crm_idempotent_request where response_body like :pattern")
        .param("pattern", "%\"" + recordId.replace("%", "").replace("_", "") + "\"%")
        .update();
  }

  private ResponseEntity<Object> replay(StoredAnswer stored, String fingerprint) {
    if (!stored.requestHash().equals(fingerprint)) {
      throw new ApiException(ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
          "Idempotency-Key reused", "This Idempotency-Key was already used for a different request"));
    }
    try {
      JsonNode body = objectMapper.readTree(stored.body());
      return new Answer(HttpStatus.valueOf(stored.status()),
          stored.location() == null ? null : URI.create(stored.location()), body).toResponse();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored answer is not JSON", e);
    }
  }

  private Optional<StoredAnswer> find(String principal, String key) {
    return jdbc.sql("""
            select request_hash, status_code, location, response_body from crm_idempotent_request
            where principal = :principal and idempotency_key = :key
            """)
        .param("principal", principal).param("key", key)
        .query((rs, row) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  private record StoredAnswer(String requestHash, int status, String location, String body) {
  }

  private static void validateKey(String key) {
    if (key != null && (key.isBlank() || key.length() > 200 || NoControlCharacters.Validator.containsControlCharacter(key))) {
      throw ApiException.invalidField(HEADER, "must be 1 to 200 characters without control characters");
    }
  }

  private String fingerprint(Object request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(request).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String toJson(Object value) {
    try {
      return objectMapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(20L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.conflict("Interrupted while retrying a conflicting request");
    }
  }
}
