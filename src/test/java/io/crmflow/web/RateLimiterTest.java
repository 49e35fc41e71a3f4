package io.crmflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private Instant now = Instant.parse("2026-01-01T09:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void shouldAllowThePermitsPerWindowAndTellWhenTheNextIsAllowed() {
    RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);
    assertThat(limiter.acquire("a")).isEmpty();
    now = now.plusSeconds(20);
    assertThat(limiter.acquire("a")).isEmpty();
    assertThat(limiter.acquire("a")).contains(Duration.ofSeconds(40));
    assertThat(limiter.acquire("b")).as("keys count separately").isEmpty();
    now = now.plusSeconds(40);
    assertThat(limiter.acquire("a")).as("the first call left the window").isEmpty();
    assertThat(limiter.acquire("a")).contains(Duration.ofSeconds(20));
  }
}
