-- 0012: reading items without their text.
--
-- The items table is rebuilt with text as its last column. SQLite keeps a
-- long text in a chain of overflow pages, and reading any column after it
-- walks the whole chain: with text in the middle, every listing that skips
-- the text (and every "removed_at IS NULL") still read all of it.
CREATE TABLE items_new (
    id            TEXT    PRIMARY KEY,
    project       TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
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
    removed_at    TEXT,              -- NULL while current
    text          TEXT    NOT NULL DEFAULT ''  -- last: see above
);
INSERT INTO items_new (id, project, source, title, summary, points_json, url, doc_url, src_url, position,
    links_json, issue_json, evidence_json, hash, first_seen, last_seen, removed_at, text)
SELECT id, project, source, title, summary, points_json, url, doc_url, src_url, position,
    links_json, issue_json, evidence_json, hash, first_seen, last_seen, removed_at, text FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE INDEX items_project ON items(project, removed_at);

-- What ranking learns from each current item (rank.Features), kept so a
-- ranking need not read every item's row and text. key names the themes
-- and the build that computed them (rank.FeatureKey); data holds the
-- features, words the filter of the item's words. A cache of current
-- items only: the triggers drop a row when anything it came from changes
-- (the words, the position, issue facts or evidence) or when the item is
-- removed or deleted, and the next crawl computes it again.
CREATE TABLE item_features (
    item_id TEXT PRIMARY KEY,
    project TEXT NOT NULL,
    key     TEXT NOT NULL,
    data    BLOB NOT NULL,
    words   BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX item_features_project ON item_features(project, key);

CREATE TRIGGER item_features_changed AFTER UPDATE OF project, source, title, summary, text, position,
    points_json, links_json, issue_json, evidence_json, hash, removed_at ON items
WHEN OLD.project IS NOT NEW.project OR OLD.source IS NOT NEW.source OR OLD.title IS NOT NEW.title
  OR OLD.summary IS NOT NEW.summary OR OLD.text IS NOT NEW.text OR OLD.position IS NOT NEW.position
  OR OLD.points_json IS NOT NEW.points_json OR OLD.links_json IS NOT NEW.links_json
  OR OLD.issue_json IS NOT NEW.issue_json OR OLD.evidence_json IS NOT NEW.evidence_json
  OR OLD.hash IS NOT NEW.hash OR OLD.removed_at IS NOT NEW.removed_at
BEGIN
    DELETE FROM item_features WHERE item_id = OLD.id;
END;

CREATE TRIGGER item_features_gone AFTER DELETE ON items
BEGIN
    DELETE FROM item_features WHERE item_id = OLD.id;
END;
