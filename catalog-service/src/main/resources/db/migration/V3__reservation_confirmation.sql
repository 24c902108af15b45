-- A reservation belongs to one order, and holds its stock only until order-service confirms it:
-- HELD -> CONFIRMED (the order is placed: the stock is sold) | RELEASED (put back).
-- A HELD reservation nobody confirms (its order crashed, its answer was lost, order-service is
-- gone) is released once it expires, so no stock is stranded. A CONFIRMED one never expires; it is
-- released only when its order is cancelled.
ALTER TABLE reservation ADD COLUMN order_id uuid;
ALTER TABLE reservation ADD COLUMN expires_at timestamptz;
ALTER TABLE reservation ADD COLUMN confirmed_at timestamptz;

ALTER TABLE reservation DROP CONSTRAINT reservation_status_check;
ALTER TABLE reservation ADD CONSTRAINT reservation_status_check
    CHECK (status IN ('HELD', 'CONFIRMED', 'REJECTED', 'RELEASED'));

-- Before this migration a HELD reservation was as good as sold (there was no confirmation step):
-- they are confirmed, so that none of them can expire.
UPDATE reservation SET status = 'CONFIRMED', confirmed_at = created_at WHERE status = 'HELD';

ALTER TABLE reservation ADD CONSTRAINT reservation_held_expires CHECK (status <> 'HELD' OR expires_at IS NOT NULL);
CREATE INDEX reservation_expiry_idx ON reservation (expires_at) WHERE status = 'HELD';
