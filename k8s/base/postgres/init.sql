-- The shared PostgreSQL of the shop: one login role and one schema per service, nothing else.
--
-- This file is the single source of truth. It is applied
--   * by the postgres image (compose, Kubernetes) from /docker-entrypoint-initdb.d, through psql;
--   * by the local run and the tests, through dev.shop.database.InitScript, which understands the
--     only two psql features used here: \getenv, and variables interpolated as quoted literals.
-- Each service's Flyway migrations then create its own tables inside its own schema.
--
-- Passwords come from the environment and are never written here:
--   CATALOG_DB_PASSWORD, USERS_DB_PASSWORD, ORDERS_DB_PASSWORD
-- Running it again is harmless: missing roles and schemas are created, passwords are reset.

\getenv catalog_password CATALOG_DB_PASSWORD
\getenv users_password USERS_DB_PASSWORD
\getenv orders_password ORDERS_DB_PASSWORD

-- Handed to the block below as session settings (psql does not interpolate inside $$ quotes).
-- SET prints nothing, so the passwords never reach psql's output or the container log.
SET shop.catalog_password = :'catalog_password';
SET shop.users_password = :'users_password';
SET shop.orders_password = :'orders_password';

-- No role may create objects in the public schema: every table lives in its owner's schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
  svc record;
  secret text;
BEGIN
  FOR svc IN
    SELECT * FROM (VALUES
      ('catalog_service', 'catalog', 'shop.catalog_password'),
      ('user_service',    'users',   'shop.users_password'),
      ('order_service',   'orders',  'shop.orders_password')
    ) AS t(role_name, schema_name, password_setting)
  LOOP
    secret := current_setting(svc.password_setting);
    IF coalesce(secret, '') = '' THEN
      RAISE EXCEPTION 'no password given for database role %', svc.role_name;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = svc.role_name) THEN
      EXECUTE format('CREATE ROLE %I', svc.role_name);
    END IF;
    EXECUTE format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L',
                   svc.role_name, secret);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc.schema_name, svc.role_name);
    -- The owner has every right on its schema; nobody else has any.
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc.schema_name);
    EXECUTE format('ALTER ROLE %I SET search_path = %I', svc.role_name, svc.schema_name);
  END LOOP;
END
$$;

RESET shop.catalog_password;
RESET shop.users_password;
RESET shop.orders_password;
