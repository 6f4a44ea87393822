-- 0001: the whole history of crawls, items, documents, logos and the HTTP cache.
-- Times are RFC3339Nano UTC text; order by id, never by a time column.

CREATE TABLE crawls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,              -- NULL while running or after a crash
    replay          INTEGER NOT NULL DEFAULT 0,
    projects        INTEGER NOT NULL DEFAULT 0,
    fetched         INTEGER NOT NULL DEFAULT 0,
    not_modified    INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    items_added     INTEGER NOT NULL DEFAULT 0,
    items_removed   INTEGER NOT NULL DEFAULT 0,
    items_changed   INTEGER NOT NULL DEFAULT 0,
    bytes           INTEGER NOT NULL DEFAULT 0,
    gh_requests     INTEGER NOT NULL DEFAULT 0,
    gh_counted      INTEGER NOT NULL DEFAULT 0,
    gh_not_modified INTEGER NOT NULL DEFAULT 0,
    gh_retries      INTEGER NOT NULL DEFAULT 0,
    gh_waited_ms    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE archive (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT    NOT NULL UNIQUE, -- of the raw body
    content_type TEXT    NOT NULL DEFAULT '',
    header_json  TEXT    NOT NULL DEFAULT '{}',
    size         INTEGER NOT NULL,        -- raw bytes
    body         BLOB    NOT NULL         -- gzip-compressed
);

CREATE TABLE fetches (
    id            INTEGER PRIMARY KEY,
    crawl_id      INTEGER NOT NULL REFERENCES crawls(id),
    project       TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    content_type  TEXT    NOT NULL DEFAULT '',
    bytes         INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER NOT NULL DEFAULT 0,
    error         TEXT    NOT NULL DEFAULT '',
    not_modified  INTEGER NOT NULL DEFAULT 0,
    header_json   TEXT    NOT NULL DEFAULT '{}',
    fetched_at    TEXT    NOT NULL,
    archive_id    INTEGER REFERENCES archive(id)
);
CREATE INDEX fetches_crawl ON fetches(crawl_id);
CREATE INDEX fetches_url_status ON fetches(url, status);
CREATE INDEX fetches_project_url ON fetches(project, url, crawl_id);

CREATE TABLE items (
    id            TEXT    PRIMARY KEY,
    project       TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
    text          TEXT    NOT NULL DEFAULT '',
    points_json   TEXT    NOT NULL DEFAULT 'null',
    url           TEXT    NOT NULL DEFAULT '',
    doc_url       TEXT    NOT NULL DEFAULT '',
    src_url       TEXT    NOT NULL DEFAULT '', -- roadmap source it came from ('' for github)
    position      INTEGER NOT NULL DEFAULT 0,
    links_json    TEXT    NOT NULL DEFAULT 'null',
    issue_json    TEXT    NOT NULL DEFAULT 'null',
    evidence_json TEXT    NOT NULL DEFAULT 'null',
    hash          TEXT    NOT NULL,
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    removed_at    TEXT               -- NULL while current
);
CREATE INDEX items_project ON items(project, removed_at);


CREATE TABLE item_events (
    id       INTEGER PRIMARY KEY,
    crawl_id INTEGER NOT NULL REFERENCES crawls(id),
    project  TEXT    NOT NULL,
    item_id  TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    source   TEXT    NOT NULL,
    title    TEXT    NOT NULL,
    old_hash TEXT    NOT NULL DEFAULT '',
    new_hash TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX item_events_crawl ON item_events(crawl_id);

CREATE TABLE snapshots (
    crawl_id      INTEGER NOT NULL REFERENCES crawls(id),
    project       TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    error         TEXT    NOT NULL DEFAULT '',
    roadmap_url   TEXT    NOT NULL DEFAULT '',
    title         TEXT    NOT NULL DEFAULT '',
    words         INTEGER NOT NULL DEFAULT 0,
    dates_json    TEXT    NOT NULL DEFAULT 'null',
    last_modified TEXT    NOT NULL DEFAULT '',
    items         INTEGER NOT NULL DEFAULT 0,
    issues        INTEGER NOT NULL DEFAULT 0,
    github_json   TEXT    NOT NULL DEFAULT 'null',
    logo_method   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (crawl_id, project)
);
CREATE INDEX snapshots_project ON snapshots(project, crawl_id);

CREATE TABLE documents (
    project       TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    title         TEXT    NOT NULL DEFAULT '',
    words         INTEGER NOT NULL DEFAULT 0,
    dates_json    TEXT    NOT NULL DEFAULT 'null',
    last_modified TEXT    NOT NULL DEFAULT '',
    format        TEXT    NOT NULL DEFAULT '',
    crawl_id      INTEGER NOT NULL REFERENCES crawls(id),
    PRIMARY KEY (project, url)
);

CREATE TABLE logos (
    project    TEXT    PRIMARY KEY,
    source     TEXT    NOT NULL DEFAULT '',
    format     TEXT    NOT NULL DEFAULT '',
    method     TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    data       BLOB,
    updated_at TEXT    NOT NULL
);

CREATE TABLE http_cache (
    key           TEXT    PRIMARY KEY,
    status        INTEGER NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    header_json   TEXT    NOT NULL DEFAULT '{}',
    body          BLOB,               -- gzip-compressed
    stored_at     TEXT    NOT NULL
);
