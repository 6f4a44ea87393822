-- 0010: client profiles made in the web app (or imported from TOML), with
-- every saved version kept. The profile is stored as the TOML text the CLI
-- reads, so one parser validates both. version is the optimistic
-- concurrency counter: a save names the version it started from and is
-- refused when another save came first.

CREATE TABLE clients (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,   -- roadmap.Slug(name): URLs and file names
    name             TEXT    NOT NULL,
    profile          TEXT    NOT NULL,          -- TOML, as config.ParseClient reads it
    version          INTEGER NOT NULL DEFAULT 1,
    curation_version INTEGER NOT NULL DEFAULT 0, -- bumped by every curation change (0011)
    created_at       TEXT    NOT NULL,
    created_by       TEXT    NOT NULL DEFAULT '',
    updated_at       TEXT    NOT NULL,
    updated_by       TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE client_history (
    id        INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    profile   TEXT    NOT NULL,
    saved_at  TEXT    NOT NULL,
    saved_by  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX client_history_client ON client_history(client_id, version);
