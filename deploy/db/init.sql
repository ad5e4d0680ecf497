-- Runs once, when the postgres container initialises an empty data directory
-- (/docker-entrypoint-initdb.d), as POSTGRES_USER, who therefore owns these databases.
-- One database per service: each service owns its schema through its own Flyway migrations.
CREATE DATABASE runway_catalog;
CREATE DATABASE runway_provisioning;
CREATE DATABASE runway_access;
