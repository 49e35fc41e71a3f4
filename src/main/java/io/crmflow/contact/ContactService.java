package io.crmflow.contact;

import io.crmflow.audit.AuditLog;
import io.crmflow.shared.ConflictException;
import io.crmflow.shared.InvalidFieldException;
import io.crmflow.shared.NotFoundException;
import io.crmflow.shared.RecordType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One contact per person: finds or creates the contact of an address, keeps its details, consents,
 * lifecycle stage and timeline, and merges two contacts into one.
 */
@Service
public class ContactService {

  private static final Logger log = LoggerFactory.getLogger(ContactService.class);
  /** What an erased contact's name and address read afterwards. */
  public static final String ERASED = "(erased)";
  private static final int REGISTER_ATTEMPTS = 5;

  private final ContactRepository contacts;
  /** Looked up when a merge runs: participants depend on this service themselves. */
  private final ObjectProvider<ContactMergeParticipant> mergeParticipants;
  private final AuditLog auditLog;

  ContactService(ContactRepository contacts, ObjectProvider<ContactMergeParticipant> mergeParticipants,
      AuditLog auditLog) {
    this.contacts = contacts;
    this.mergeParticipants = mergeParticipants;
    this.auditLog = auditLog;
  }

  /** A registered contact, and whether this registration created it. */
  public record Registration(Contact contact, boolean created) {
  }

  /**
   * The contact of the address, created if it is new, with the details combined as the policy says.
   * Its row stays locked until the caller's transaction ends, so everything one person sends is
   * handled one submission after the other. Of concurrent first submissions of one address, one
   * creates the contact; the others wait for its commit on the address's primary key, then find it.
   */
  @Transactional
  public Registration register(ContactDetails details, FieldPolicy policy) {
    String address = EmailAddress.normalize(details.email());
    for (int attempt = 1; attempt <= REGISTER_ATTEMPTS; attempt++) {
      Optional<Contact> known = lockByAddress(address);
      if (known.isPresent()) {
        Contact updated = combine(known.get(), details, policy);
        if (!updated.equals(known.get())) {
          contacts.replace(updated);
        }
        return new Registration(updated, false);
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as the database keeps it
      Contact created = new Contact(UUID.randomUUID().toString(), EmailAddress.of(details.email()).value(),
          blankToNull(details.name()), blankToNull(details.phone()), blankToNull(details.company()),
          details.locale() == null ? ContactLocale.EN : details.locale(),
          Boolean.TRUE.equals(details.marketingConsent()), Boolean.TRUE.equals(details.smsConsent()), false,
          LifecycleStage.LEAD, null, null, null, null, now, now);
      contacts.insert(created);
      if (contacts.insertAddressUnlessTaken(address, created.id())) {
        log.info("Contact {} created", created.id());
        // as stored, and this transaction's to change: no other sees the row before it commits
        return new Registration(created, true);
      }
      contacts.deleteUnused(created.id());
      // the address was given to a contact concurrently; that transaction has committed: its contact is visible now
      log.debug("Contact for an address was created concurrently; attempt {}", attempt);
    }
    throw new CannotAcquireLockException("Could not register the contact after " + REGISTER_ATTEMPTS + " attempts");
  }

  /** The contact known by this address, its row locked; follows the address if a merge moved it meanwhile. */
  private Optional<Contact> lockByAddress(String normalizedAddress) {
    for (int attempt = 1; attempt <= REGISTER_ATTEMPTS; attempt++) {
      Optional<String> id = contacts.idByAddress(normalizedAddress);
      if (id.isEmpty()) {
        return Optional.empty();
      }
      Optional<Contact> locked = contacts.lockById(id.get());
      if (locked.isPresent() && contacts.idByAddress(normalizedAddress).equals(id)) {
        return locked;
      }
    }
    throw new CannotAcquireLockException("The contact of an address kept moving");
  }

  private static Contact combine(Contact known, ContactDetails details, FieldPolicy policy) {
    boolean newerWins = policy == FieldPolicy.NEWER_WINS;
    return new Contact(known.id(), known.email(),
        pick(known.name(), details.name(), newerWins),
        pick(known.phone(), details.phone(), newerWins),
        pick(known.company(), details.company(), newerWins),
        details.locale() != null && newerWins ? details.locale() : known.locale(),
        known.marketingConsent() || Boolean.TRUE.equals(details.marketingConsent()),
        known.smsConsent() || Boolean.TRUE.equals(details.smsConsent()),
        known.emailInvalid(), known.lifecycleStage(), known.opportunitySince(), known.customerSince(),
        known.welcomedAt(), known.erasedAt(), known.createdAt(), known.updatedAt());
  }

  private static String pick(String known, String given, boolean newerWins) {
    String value = blankToNull(given);
    if (value == null) {
      return known;
    }
    return newerWins || known == null ? value : known;
  }

  /** Adds an entry to the contact's timeline. */
  public void recordSubmission(String contactId, Submission submission) {
    contacts.insertSubmission(new Submission(null, contactId, Instant.now(), submission.channel(),
        submission.source(), submission.companySize(), submission.budget(), submission.leadId(),
        submission.caseId(), submission.submittedBy()));
  }

  public Contact get(String contactId) {
    return contacts.findById(contactId).orElseThrow(() -> new NotFoundException(RecordType.CONTACT, contactId));
  }

  public Optional<Contact> find(String contactId) {
    return contacts.findById(contactId);
  }

  public Optional<Contact> findByEmail(String email) {
    return contacts.idByAddress(EmailAddress.normalize(email)).flatMap(contacts::findById);
  }

  /**
   * The contact named by an id or by one of its addresses (path variables accept both).
   *
   * @throws InvalidFieldException text with an @ that is no address; {@link NotFoundException} no such contact
   */
  public Contact getByIdOrEmail(String idOrEmail) {
    if (!EmailAddress.looksLikeAddress(idOrEmail)) {
      return find(idOrEmail).orElseThrow(() -> new NotFoundException(RecordType.CONTACT, idOrEmail));
    }
    if (!EmailAddress.isWellFormed(idOrEmail)) {
      throw new InvalidFieldException("contactIdOrEmail", "must be a contact id or a well-formed email address");
    }
    // the message names no address: it would end up in logs
    return findByEmail(idOrEmail).orElseThrow(() -> NotFoundException.withDetail(RecordType.CONTACT.label(),
        "No contact has this address"));
  }

  /** The contact, its row locked until the transaction ends. */
  @Transactional
  public Contact lock(String contactId) {
    return contacts.lockById(contactId).orElseThrow(() -> new NotFoundException(RecordType.CONTACT, contactId));
  }

  /** Every normalised address the contact is known by. */
  public List<String> addresses(String contactId) {
    return contacts.addresses(contactId);
  }

  /** The contact's timeline of submissions, newest first. */
  public List<Submission> submissions(String contactId) {
    return contacts.submissions(contactId);
  }

  /**
   * Claims the contact's welcome email: true at most once per {@code interval}, however many leads
   * the person submits; concurrent claims cannot both win (one conditional update).
   */
  public boolean claimWelcome(String contactId, Duration interval) {
    return contacts.claimWelcome(contactId, Instant.now().minus(interval));
  }

  /** Moves the contact forward in its lifecycle; never back. */
  public void advance(String contactId, LifecycleStage stage) {
    if (contacts.advance(contactId, stage)) {
      log.info("Contact {} is now {}", contactId, stage.code());
    }
  }

  /** Staff corrected the person's name, phone or company (null phone or company clears it). */
  @Transactional
  public void correct(String contactId, String name, String phone, String company) {
    Contact known = lock(contactId);
    contacts.replace(new Contact(known.id(), known.email(), name, blankToNull(phone), blankToNull(company),
        known.locale(), known.marketingConsent(), known.smsConsent(), known.emailInvalid(), known.lifecycleStage(),
        known.opportunitySince(), known.customerSince(), known.welcomedAt(), known.erasedAt(), known.createdAt(),
        known.updatedAt()));
  }

  public void withdrawMarketingConsent(String contactId) {
    contacts.setFlag(contactId, "marketing_consent", false);
  }

  /**
   * Everyone known by this mobile number (E.164, as every stored number is), most recently changed first:
   * usually one person, but two contacts may share a number (a family, a switchboard).
   */
  public List<Contact> findByPhone(String e164) {
    return contacts.byPhone(e164);
  }

  /** The person texted STOP: no more marketing SMS (transactional ones still go). */
  public void withdrawSmsConsent(String contactId) {
    contacts.setFlag(contactId, "sms_consent", false);
  }

  /** The person texted START after a STOP: marketing SMS may go again. */
  public void grantSmsConsent(String contactId) {
    contacts.setFlag(contactId, "sms_consent", true);
  }

  public void markEmailInvalid(String contactId) {
    contacts.setFlag(contactId, "email_invalid", true);
  }

  /**
   * Merges the duplicate into the survivor: every record, address and submission moves; the survivor
   * keeps its details and fills in what it lacks, the stricter consents, the further lifecycle stage;
   * each {@link ContactMergeParticipant} keeps its invariants. Audited.
   *
   * @throws NotFoundException unknown contact; {@link ConflictException} merging a contact into itself or an erased one
   */
  @Transactional
  public Contact merge(String survivorId, String duplicateId, String actor) {
    if (survivorId.equals(duplicateId)) {
      throw new ConflictException("A contact cannot be merged into itself");
    }
    // both rows locked, always in the same order, so two crossed merges cannot deadlock
    Map<String, Contact> locked = new java.util.HashMap<>();
    for (String id : List.of(survivorId, duplicateId).stream().sorted().toList()) {
      locked.put(id, lock(id));
    }
    Contact survivor = locked.get(survivorId);
    Contact duplicate = locked.get(duplicateId);
    if (survivor.erased() || duplicate.erased()) {
      throw new ConflictException("Contact " + (survivor.erased() ? survivorId : duplicateId)
          + " was erased; erased contacts are not merged");
    }
    mergeParticipants.orderedStream().forEach(participant -> participant.merge(survivorId, duplicateId));
    contacts.replace(merged(survivor, duplicate));
    contacts.absorb(survivorId, duplicateId);
    auditLog.record(actor, "contact.merged", RecordType.CONTACT, survivorId, Map.of("duplicateContactId", duplicateId));
    log.info("Contact {} merged into {}", duplicateId, survivorId);
    return get(survivorId);
  }

  private static Contact merged(Contact survivor, Contact duplicate) {
    Instant opportunitySince = earliest(survivor.opportunitySince(), duplicate.opportunitySince());
    Instant customerSince = earliest(survivor.customerSince(), duplicate.customerSince());
    LifecycleStage stage = customerSince != null ? LifecycleStage.CUSTOMER
        : opportunitySince != null ? LifecycleStage.OPPORTUNITY
        : java.util.stream.Stream.of(survivor.lifecycleStage(), duplicate.lifecycleStage())
            .max(Comparator.naturalOrder()).orElseThrow();
    Instant welcomedAt = survivor.welcomedAt() == null ? duplicate.welcomedAt()
        : duplicate.welcomedAt() == null || survivor.welcomedAt().isAfter(duplicate.welcomedAt())
            ? survivor.welcomedAt() : duplicate.welcomedAt();
    return new Contact(survivor.id(), survivor.email(),
        survivor.name() != null ? survivor.name() : duplicate.name(),
        survivor.phone() != null ? survivor.phone() : duplicate.phone(),
        survivor.company() != null ? survivor.company() : duplicate.company(),
        survivor.locale(),
        survivor.marketingConsent() && duplicate.marketingConsent(),
        survivor.smsConsent() && duplicate.smsConsent(),
        survivor.emailInvalid(), stage, opportunitySince, customerSince, welcomedAt, null,
        earliest(survivor.createdAt(), duplicate.createdAt()), Instant.now());
  }

  /** Removes the person's details from the contact and forgets its addresses; the row stays, anonymised. */
  public int erase(String contactId) {
    return contacts.erase(contactId, ERASED);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
