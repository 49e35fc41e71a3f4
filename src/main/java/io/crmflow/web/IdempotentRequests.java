package io.crmflow.web;

import io.crmflow.shared.ConflictException;
import io.crmflow.shared.InvalidFieldException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
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
 * caller's {@code Idempotency-Key}: a repeat gets the same status and Location, and the record the
 * answer was about as it is now, and changes nothing. What is kept is a reference to that record, not
 * the answer's body (any size of record; nothing more to erase than its id). Two requests racing on the
 * same record (or key) are retried so one wins and the other sees its result; nothing is lost.
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

  /**
   * The answer of a request: status, optional Location, the id of the record it is about, and its body.
   *
   * @param recordId what a replay reads again to answer (see {@link #execute})
   */
  public record Answer(HttpStatus status, URI location, String recordId, Object body) {

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
   * @param replay      the answer's body for a record id, read again when the key is repeated
   */
  public ResponseEntity<Object> execute(String principal, String key, Object request, Supplier<Answer> work,
      Function<String, Object> replay) {
    validateKey(key);
    String fingerprint = fingerprint(request);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return transaction.execute(status -> key == null
            ? work.get().toResponse()
            : executeOnce(principal, key, fingerprint, work, replay));
      } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
        // a concurrent request claimed the same key or record first: look again, it has committed by now
        backOff(attempt);
      }
    }
    throw new ConflictException("A concurrent request changed the same record; retry the request");
  }

  private ResponseEntity<Object> executeOnce(String principal, String key, String fingerprint, Supplier<Answer> work,
      Function<String, Object> replay) {
    Optional<StoredAnswer> stored = find(principal, key);
    if (stored.isPresent()) {
      return replay(stored.get(), fingerprint, replay);
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
            update crm_idempotent_request set status_code = :status, location = :location, record_id = :recordId
            where principal = :principal and idempotency_key = :key
            """)
        .param("status", answer.status().value())
        .param("location", answer.location() == null ? null : answer.location().toString())
        .param("recordId", answer.recordId())
        .param("principal", principal).param("key", key)
        .update();
    return answer.toResponse();
  }

  /**
   * Forgets the stored answers about this record, with the fingerprints of their requests (which
   * derive from the personal data submitted); used when a contact's data is erased.
   */
  public int forgetAnswersMentioning(String recordId) {
    return jdbc.sql("delete from crm_idempotent_request where record_id = :recordId")
        .param("recordId", recordId).update();
  }

  private ResponseEntity<Object> replay(StoredAnswer stored, String fingerprint, Function<String, Object> replay) {
    if (!stored.requestHash().equals(fingerprint)) {
      throw new ApiException(ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
          "Idempotency-Key reused", "This Idempotency-Key was already used for a different request"));
    }
    return new Answer(HttpStatus.valueOf(stored.status()),
        stored.location() == null ? null : URI.create(stored.location()), stored.recordId(),
        replay.apply(stored.recordId())).toResponse();
  }

  private Optional<StoredAnswer> find(String principal, String key) {
    return jdbc.sql("""
            select request_hash, status_code, location, record_id from crm_idempotent_request
            where principal = :principal and idempotency_key = :key
            """)
        .param("principal", principal).param("key", key)
        .query((rs, row) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  private record StoredAnswer(String requestHash, int status, String location, String recordId) {
  }

  private static void validateKey(String key) {
    if (key != null && (key.isBlank() || key.length() > 200 || NoControlCharacters.Validator.containsControlCharacter(key))) {
      throw new InvalidFieldException(HEADER, "must be 1 to 200 characters without control characters");
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
      throw new ConflictException("Interrupted while retrying a conflicting request");
    }
  }
}
