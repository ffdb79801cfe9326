-- An approval is bound to what the reviewer saw: each review records the digest of the request's content
-- it was given on (null for reviews written before digests existed, which count as before).
ALTER TABLE reviews ADD COLUMN digest TEXT;

-- A revision tells who wrote it (author, the draft's first contributor, and everyone who edited the draft)
-- apart from who made it live. Until now author was whoever published; keep that as published_by.
ALTER TABLE revisions ADD COLUMN published_by TEXT;
ALTER TABLE revisions ADD COLUMN contributors TEXT;
UPDATE revisions SET published_by = author;
