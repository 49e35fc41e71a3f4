package io.crmflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.crmflow.web.RateLimiter;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.security.core.AuthenticationException;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against the Camunda identity store: the same users and passwords as Tasklist and
 * Cockpit, with the user's Camunda groups as authorities.
 *
 * <p>Systems call the API with Basic credentials on every request; verifying the password hash
 * and loading groups each time costs three queries. A successful check is therefore remembered
 * for a short time, keyed by a SHA-256 of user and password (the password itself is not kept),
 * so a changed password or group takes effect within {@link #REMEMBER_FOR}.
 *
 * <p>Nobody can lock a system out by guessing its password. A person's wrong passwords count towards
 * Camunda's growing lockout, as in Tasklist. A machine account (a member of {@code crm-integration})
 * has its password checked against the same hash without that counter — a web form must keep
 * submitting leads however often someone else guesses. Guessing itself is throttled per client
 * address, for every account: after {@code crmflow.security.failed-logins-per-minute} (10) failed
 * logins within a minute that address gets 429 until the minute is over; other clients go on.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final Duration REMEMBER_FOR = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 10_000;

  private final IdentityService identityService;
  private final ProcessEngineConfigurationImpl engineConfiguration;
  private final RateLimiter failedLogins;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  CamundaIdentityAuthenticationProvider(IdentityService identityService,
      ProcessEngineConfigurationImpl engineConfiguration,
      SecurityProperties properties) {
    this.identityService = identityService;
    this.engineConfiguration = engineConfiguration;
    this.failedLogins = new RateLimiter(properties.failedLoginsPerMinute(), Duration.ofMinutes(1), Clock.systemUTC());
  }

  /** Too many failed logins from the request's client address: answered with 429 and Retry-After. */
  static final class TooManyFailedLogins extends AuthenticationException {

    private final Duration retryAfter;

    TooManyFailedLogins(Duration retryAfter) {
      super("Too many failed logins from this address");
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  private record Verified(String userId, List<GrantedAuthority> groups, long expiresAtNanos) {
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null) {
      throw new BadCredentialsException("Bad credentials");
    }
    String key = fingerprint(userId, credentials.toString());
    Verified known = verified.get(key);
    if (known == null || known.expiresAtNanos() - System.nanoTime() < 0) {
      // the client address, as SecurityConfiguration's Basic login records it (ClientAddresses)
      String client = String.valueOf(authentication.getDetails());
      Optional<Duration> blocked = failedLogins.blockedFor(client);
      if (blocked.isPresent()) {
        throw new TooManyFailedLogins(blocked.get());
      }
      try {
        known = verify(userId, credentials.toString());
      } catch (BadCredentialsException wrong) {
        failedLogins.acquire(client);
        throw wrong;
      }
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
      verified.put(key, known);
    }
    return UsernamePasswordAuthenticationToken.authenticated(known.userId(), null, known.groups());
  }

  private Verified verify(String userId, String password) {
    boolean machine = identityService.createGroupQuery().groupMember(userId).groupId(CrmGroups.CRM_INTEGRATION)
        .count() > 0;
    if (!(machine ? matchesWithoutLockout(userId, password) : identityService.checkPassword(userId, password))) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<GrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .map(id -> (GrantedAuthority) new SimpleGrantedAuthority(id))
        .toList();
    return new Verified(userId, groups, System.nanoTime() + REMEMBER_FOR.toNanos());
  }

  /** The identity store's own check (its salt and hash), without its counter of failed attempts. */
  private boolean matchesWithoutLockout(String userId, String password) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (!(user instanceof UserEntity entity) || entity.getPassword() == null) {
      return false;
    }
    return engineConfiguration.getPasswordManager()
        .check(EncryptionUtil.saltPassword(password, entity.getSalt()), entity.getPassword());
  }

  private static String fingerprint(String userId, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(userId.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return HexFormat.of().formatHex(sha256.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
