-- 0013: logos a brochure had to draw at another width (fpdf writes images
-- in the order of their widths, so two logos of one width are made to
-- differ), kept so the next brochure embeds them as they are instead of
-- resampling them again. Each row names the logo it was made from by the
-- SHA-256 of the logo's data: a new logo makes its old rows unused, and
-- the next save of that project's variants drops them.
CREATE TABLE logo_variants (
    project TEXT    NOT NULL,
    logo    BLOB    NOT NULL, -- SHA-256 of logos.data it was made from
    version TEXT    NOT NULL, -- the brochure's logo preparation (brochure.LogoVersion)
    type    TEXT    NOT NULL, -- "PNG"
    width   INTEGER NOT NULL,
    height  INTEGER NOT NULL,
    data    BLOB    NOT NULL,
    PRIMARY KEY (project, logo, version, width)
);
