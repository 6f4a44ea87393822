-- 0004: why a fetched document gave no items ("format not understood (PDF)"),
-- kept with the document and carried into each snapshot, so the audit judges
-- such a roadmap on its date and words and says why it has no items.
ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshots ADD COLUMN note TEXT NOT NULL DEFAULT '';
