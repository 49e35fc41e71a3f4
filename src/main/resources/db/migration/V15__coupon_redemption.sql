-- POST /api/coupons/{code}/redemption: what a coupon is worth (fixed when it is issued, from
-- crmflow.quotes.coupon-discount-percent) and who redeemed it. Portable across H2 and PostgreSQL.
alter table crm_coupon add column discount_percent numeric(5, 2) default 5 not null;
alter table crm_coupon add column redeemed_by varchar(100);
