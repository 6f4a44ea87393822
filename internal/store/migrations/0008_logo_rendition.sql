-- 0008: the brochure-ready rendition of each logo, made at crawl time
-- (trimmed, flattened onto white, encoded as the PDF embeds it), so a
-- brochure skips decoding and re-encoding logos. Empty until the next
-- crawl that fetches the logo.
ALTER TABLE logos ADD COLUMN ready_version TEXT    NOT NULL DEFAULT '';
ALTER TABLE logos ADD COLUMN ready_type    TEXT    NOT NULL DEFAULT '';
ALTER TABLE logos ADD COLUMN ready_width   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE logos ADD COLUMN ready_height  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE logos ADD COLUMN ready_data    BLOB;
