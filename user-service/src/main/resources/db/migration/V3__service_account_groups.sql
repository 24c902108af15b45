-- V2's comment no longer holds: a service account's tokens carry its own name as their only group
-- (order-service's: "order-service") and the services' audience; they are issued on the internal
-- token endpoint only, never by the public login.
COMMENT ON COLUMN account.service IS
    'A service of the shop, not a person: its tokens carry its name as their only group and the services'' audience';
