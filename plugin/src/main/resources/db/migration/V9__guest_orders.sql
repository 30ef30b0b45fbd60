-- Guest orders: no customer yet, the guest's e-mail instead; linked later by the storefront.
ALTER TABLE customer_order MODIFY customer_id VARCHAR(64) NULL;
ALTER TABLE customer_order ADD COLUMN guest_email VARCHAR(320) NULL;
ALTER TABLE customer_order ADD COLUMN linked_at DATETIME(6) NULL;
ALTER TABLE order_refund MODIFY customer_id VARCHAR(64) NULL;
