package io.crmflow.quote;

import io.crmflow.audit.AuditLog;
import io.crmflow.shared.RecordType;
import io.crmflow.web.NoControlCharacters;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coupons earned by accepted quotes, redeemed once by the shop or a salesperson taking the customer's
 * next order: 200 with what the coupon takes off; 404 for an unknown code; 409 when it was used or has
 * expired. Audited.
 */
@RestController
@Validated
class CouponController {

  private final QuoteService quoteService;
  private final AuditLog auditLog;

  CouponController(QuoteService quoteService, AuditLog auditLog) {
    this.quoteService = quoteService;
    this.auditLog = auditLog;
  }

  @PostMapping("/api/coupons/{code}/redemption")
  Coupons.Coupon redeem(@PathVariable @Size(max = 40) @NoControlCharacters String code, Principal principal) {
    Coupons.Coupon coupon = quoteService.redeemCoupon(code, principal.getName());
    auditLog.record(principal.getName(), "coupon.redeemed", RecordType.QUOTE, coupon.quoteId(),
        Map.of("discountPercent", coupon.discountPercent()));
    return coupon;
  }
}
