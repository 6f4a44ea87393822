-- 0002: a changed item's event keeps what the item said before the change
-- (its title and its text, or its summary when it had no text), so the
-- report can say what changed.
ALTER TABLE item_events ADD COLUMN old_title TEXT NOT NULL DEFAULT '';
ALTER TABLE item_events ADD COLUMN old_text  TEXT NOT NULL DEFAULT '';
