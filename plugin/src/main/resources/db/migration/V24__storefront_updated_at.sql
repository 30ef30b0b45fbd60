-- The storefront's own modification time of each customer and product (its webhooks' updated_at),
-- so that an update older than the one stored is ignored: webhooks arrive out of order. NULL until
-- the storefront sends one; updated_at stays this service's time of the last change.
ALTER TABLE customer ADD COLUMN storefront_updated_at DATETIME(6) NULL;
ALTER TABLE product ADD COLUMN storefront_updated_at DATETIME(6) NULL;
