-- Full-text search over transcript segments (SQLite FTS5), kept in step with the
-- Segment table by triggers: rows appear when a transcript is saved, change when a
-- segment is edited and disappear when it (or its job) is deleted.
-- unicode61 with remove_diacritics 2 makes "cafe" find "café"; the prefix indexes
-- make "transcri*" fast.
CREATE VIRTUAL TABLE "SegmentSearch" USING fts5(
    text,
    content = 'Segment',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);

CREATE TRIGGER "Segment_search_insert" AFTER INSERT ON "Segment" BEGIN
    INSERT INTO "SegmentSearch" (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER "Segment_search_delete" AFTER DELETE ON "Segment" BEGIN
    INSERT INTO "SegmentSearch" ("SegmentSearch", rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER "Segment_search_update" AFTER UPDATE OF text ON "Segment" BEGIN
    INSERT INTO "SegmentSearch" ("SegmentSearch", rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO "SegmentSearch" (rowid, text) VALUES (new.id, new.text);
END;
