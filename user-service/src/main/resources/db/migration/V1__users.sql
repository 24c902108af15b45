-- user-service owns these tables, in its own schema "users" (see database/init.sql).

CREATE TABLE account (
    id            uuid PRIMARY KEY,
    -- Stored lower-cased: an address is one account however it is typed.
    email         varchar(254) NOT NULL CHECK (email = lower(email)),
    name          varchar(100) NOT NULL,
    -- bcrypt, in Modular Crypt Format. Never sent anywhere, never logged.
    password_hash varchar(100) NOT NULL,
    admin         boolean      NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL
);

CREATE UNIQUE INDEX account_email_key ON account (email);

-- Login attempts that failed (or are being checked), for throttling guessing. Kept in the
-- database rather than in memory so that the limit holds however many replicas run.
CREATE TABLE login_failure (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The address that was tried, whether or not an account has it.
    email     varchar(254) NOT NULL,
    failed_at timestamptz  NOT NULL
);

CREATE INDEX login_failure_email_idx ON login_failure (email, failed_at);

-- The keys tokens are signed with. kid is the key's RFC 7638 thumbprint.
CREATE TABLE signing_key (
    kid         varchar(64) PRIMARY KEY,
    -- X.509 SubjectPublicKeyInfo, base64.
    public_key  text        NOT NULL,
    -- PKCS#8, base64: only for a key this service generated itself. A configured key's
    -- private half stays in the configuration (a secret), never here.
    private_key text,
    created_at  timestamptz NOT NULL,
    -- When another key took over signing. Tokens it signed stay valid until they expire,
    -- so it is published a while longer.
    retired_at  timestamptz
);
