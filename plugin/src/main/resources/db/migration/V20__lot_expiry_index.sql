-- The expiry warning job pages through the lots expiring soon in (expires_at, customer_id) order:
-- with the customer in the expiry index each page is a range of it, not a scan and sort of the
-- whole warning window. The longer index still serves the due-expiry lookups of the old one.
ALTER TABLE points_lot
  DROP INDEX points_lot_due_expiry,
  ADD INDEX points_lot_due_expiry (status, expires_at, customer_id);
