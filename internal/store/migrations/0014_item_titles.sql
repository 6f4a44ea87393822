-- 0014: the IDs and titles of current items, kept apart from their rows.
--
-- A listing of scores (items --client) shows every current item's
-- title. Read from the items table, that walks every row and the pages
-- its text fills: at 5,000 projects, hundreds of megabytes read for a
-- few megabytes of titles. This partial index holds just the ID and the
-- title of each current item (and removed_at, NULL, so SQLite knows it
-- covers the query), so that read stays in the index.
CREATE INDEX items_current_titles ON items(id, title, removed_at) WHERE removed_at IS NULL;
