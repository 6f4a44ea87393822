-- 0011: per-client curation (pin, hide, retitle, rewrite) made in the web
-- app, and the history of every change. A change names the client's
-- curation_version it started from (see 0010) and is refused when another
-- change came first.

CREATE TABLE client_curation (
    client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    item_id    TEXT    NOT NULL,
    action     TEXT    NOT NULL,           -- pin, hide, retitle, rewrite
    title      TEXT    NOT NULL DEFAULT '',
    summary    TEXT    NOT NULL DEFAULT '',
    reason     TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    updated_by TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (client_id, item_id, action)
);

CREATE TABLE client_curation_history (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,           -- the client's curation_version after the change
    op         TEXT    NOT NULL,           -- set or remove
    item_id    TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    summary    TEXT    NOT NULL DEFAULT '',
    reason     TEXT    NOT NULL DEFAULT '',
    saved_at   TEXT    NOT NULL,
    saved_by   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX client_curation_history_client ON client_curation_history(client_id, id);

-- The project page of the web app lists a project's item events.
CREATE INDEX item_events_project ON item_events(project, crawl_id);
