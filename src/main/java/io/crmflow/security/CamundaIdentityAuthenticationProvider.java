package io.crmflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
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
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final Duration REMEMBER_FOR = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 10_000;

  private final IdentityService identityService;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
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
      known = verify(userId, credentials.toString());
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
      verified.put(key, known);
    }
    return UsernamePasswordAuthenticationToken.authenticated(known.userId(), null, known.groups());
  }

  private Verified verify(String userId, String password) {
    if (!identityService.checkPassword(userId, password)) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<GrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .map(id -> (GrantedAuthority) new SimpleGrantedAuthority(id))
        .toList();
    return new Verified(userId, groups, System.nanoTime() + REMEMBER_FOR.toNanos());
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
