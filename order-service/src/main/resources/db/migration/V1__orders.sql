-- order-service owns these tables, in its own schema "orders" (see database/init.sql).

-- An order is a saga with a persisted state: PENDING -> CONFIRMED | REJECTED, CONFIRMED -> CANCELLED.
-- ("order" is an SQL keyword, hence the table name.)
CREATE TABLE customer_order (
    id                  uuid PRIMARY KEY,
    -- The token's subject: orders are only ever shown to, or changed by, this user.
    user_id             varchar(64)  NOT NULL,
    status              varchar(16)  NOT NULL
                        CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    -- Chosen before catalog-service is called, and sent with every call about this order:
    -- what makes each of those calls safe to repeat.
    reservation_id      uuid         NOT NULL UNIQUE,
    idempotency_key     varchar(100),
    -- A fingerprint of the requested items: the same key with other items is refused.
    request_hash        varchar(64)  NOT NULL,
    total               numeric(14, 2),
    currency            varchar(3),
    rejection           varchar(32)
                        CHECK (rejection IN ('INSUFFICIENT_STOCK', 'UNKNOWN_PRODUCT', 'ABANDONED')),
    rejection_detail    varchar(2000),
    shortages           jsonb,
    created_at          timestamptz  NOT NULL,
    -- When the saga last moved or was last taken up; recovery looks for PENDING orders left alone.
    updated_at          timestamptz  NOT NULL,
    -- Set before the stock is released: a cancellation interrupted half-way is finished by recovery.
    cancel_requested_at timestamptz,
    CONSTRAINT customer_order_idempotency_key UNIQUE (user_id, idempotency_key)
);

CREATE INDEX customer_order_user_idx ON customer_order (user_id, created_at DESC, id);
CREATE INDEX customer_order_pending_idx ON customer_order (updated_at) WHERE status = 'PENDING';
CREATE INDEX customer_order_cancelling_idx ON customer_order (cancel_requested_at)
    WHERE status = 'CONFIRMED' AND cancel_requested_at IS NOT NULL;

-- What was ordered; name and price are copied from catalog-service's reservation on confirmation.
CREATE TABLE order_line (
    order_id   uuid          NOT NULL REFERENCES customer_order (id),
    product_id bigint        NOT NULL,
    quantity   integer       NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    name       varchar(200),
    unit_price numeric(12, 2),
    PRIMARY KEY (order_id, product_id)
);
