-- Durable module events: Spring Modulith's JDBC event publication registry (schema v2 of
-- spring-modulith-events-jdbc 2.1). One row per event and interested listener, inserted in the
-- transaction that publishes the event, marked completed (completion_date, status) once the
-- listener succeeded; rows left incomplete are delivered again on restart or resubmission.
-- Why a migration and not Modulith's own schema initialisation: the schema owner creates every
-- table here, and the application role gets exactly the privileges the registry uses.
-- Why no row-level security (ADR 0008): the registry is infrastructure, not tenant data access.
-- It reads incomplete publications at startup and in resubmissions outside any tenant scope, and
-- its INSERT has no tenant column to check; a tenant policy would hide publications from the
-- very process that must re-deliver them. No API or page reads this table; listeners take the
-- tenant from the event and open their own tenant transaction.
CREATE TABLE event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
-- Completing a publication looks it up by listener and serialized event.
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
-- Finding incomplete ones (restart, resubmission) and purging completed ones by age.
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
REVOKE ALL ON event_publication FROM PUBLIC;
-- SELECT (find incomplete/completed), INSERT (store), UPDATE (complete, fail, resubmit),
-- DELETE (purge completed). No TRUNCATE, no DDL.
GRANT SELECT, INSERT, UPDATE, DELETE ON event_publication TO ${app_role};
