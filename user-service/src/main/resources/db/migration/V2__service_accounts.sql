-- Accounts of services that call other services on their own, outside any user's request
-- (order-service's recovery job). Their tokens carry the group "service" and nothing else.
ALTER TABLE account ADD COLUMN service boolean NOT NULL DEFAULT false;
ALTER TABLE account ADD CONSTRAINT account_service_is_not_admin CHECK (NOT (service AND admin));
