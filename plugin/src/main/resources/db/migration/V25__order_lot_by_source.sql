-- An order's points are the lot whose source is the order (points_lot's unique source_type,
-- source_id): refunds find it there. The copy of its id on the order row cost orderRecord a read
-- of the lot ids after every multi-row insert of lots.
ALTER TABLE customer_order DROP COLUMN lot_id;
