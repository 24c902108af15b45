-- database/init.sql in the form CloudNativePG runs it: once, as the superuser, in database shop,
-- right after creating it (the Cluster's bootstrap.initdb.postInitApplicationSQLRefs). Plain SQL:
-- the operator runs no psql, so no \getenv and no variables.
--
-- What init.sql does that is not here, the Cluster's managed roles do, and keep doing: each role's
-- LOGIN, NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOINHERIT and its password, from its Secret. They
-- are reconciled only once the primary runs, after this script: so the script creates each role
-- first (without a login), to own its schema.
--
-- Keep it in step with database/init.sql: KubernetesCloudNativePgIT applies both to a real
-- PostgreSQL (this one with the managed roles as the operator applies them) and fails the build
-- if the roles, schemas, rights or search_paths differ.

-- No role may create objects in the public schema: every table lives in its owner's schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
  svc record;
BEGIN
  FOR svc IN
    SELECT * FROM (VALUES
      ('catalog_service', 'catalog'),
      ('user_service',    'users'),
      ('order_service',   'orders')
    ) AS t(role_name, schema_name)
  LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = svc.role_name) THEN
      EXECUTE format('CREATE ROLE %I', svc.role_name);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc.schema_name, svc.role_name);
    -- The owner has every right on its schema; nobody else has any.
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc.schema_name);
    EXECUTE format('ALTER ROLE %I SET search_path = %I', svc.role_name, svc.schema_name);
  END LOOP;
END
$$;
