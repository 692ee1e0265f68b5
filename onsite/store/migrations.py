"""Schema versions: an ordered list of SQL steps, one per version, kept in PRAGMA user_version.

Why not Alembic: an engagement is a single file opened by a desktop app, not a server
database. A numbered list of SQL scripts applied in one transaction is the usual way for
embedded SQLite, needs no migration environment on a peer's laptop, and costs nothing at
start-up. The schema at each version is written out here, frozen; it is never generated
from the models, which move on. A test checks the last version matches onsite.model.

Before an upgrade the store copies the file aside (see db.py), so an upgrade never loses a
word even if a step fails half way on a full disk.
"""

from __future__ import annotations

V1 = """
CREATE TABLE change (
	stamp VARCHAR NOT NULL,
	record_table VARCHAR NOT NULL,
	record_id VARCHAR NOT NULL,
	field VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	base VARCHAR NOT NULL,
	PRIMARY KEY (stamp, record_table, record_id, field)
);
CREATE TABLE dailyupdate (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	day INTEGER NOT NULL,
	version INTEGER NOT NULL,
	body VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	delivered_by VARCHAR NOT NULL,
	delivered_at VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE document (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	title VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	source VARCHAR NOT NULL,
	summary VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE engagement (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	name VARCHAR NOT NULL,
	system VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	start DATE NOT NULL,
	days INTEGER NOT NULL,
	scope VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE excerpt (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	note_id VARCHAR NOT NULL,
	quote VARCHAR NOT NULL,
	prefix VARCHAR NOT NULL,
	suffix VARCHAR NOT NULL,
	start INTEGER NOT NULL,
	theme_keys JSON NOT NULL,
	polarity VARCHAR NOT NULL,
	evidence VARCHAR NOT NULL,
	finding_id VARCHAR,
	orphaned BOOLEAN NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_excerpt_finding_id ON excerpt (finding_id);
CREATE INDEX ix_excerpt_note_id ON excerpt (note_id);
CREATE TABLE finding (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	theme_key VARCHAR NOT NULL,
	polarity VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	statement VARCHAR NOT NULL,
	day INTEGER NOT NULL,
	position INTEGER NOT NULL,
	questions VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE meta (
	"key" VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);
CREATE TABLE note (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	session_id VARCHAR,
	document_id VARCHAR,
	author_id VARCHAR NOT NULL,
	body VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_note_document_id ON note (document_id);
CREATE INDEX ix_note_session_id ON note (session_id);
CREATE TABLE participant (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	session_id VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	organisation VARCHAR NOT NULL,
	sector VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_participant_session_id ON participant (session_id);
CREATE TABLE peer (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	name VARCHAR NOT NULL,
	initials VARCHAR NOT NULL,
	role VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE recommendation (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	number INTEGER NOT NULL,
	text VARCHAR NOT NULL,
	finding_ids JSON NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE session (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	day INTEGER NOT NULL,
	start VARCHAR NOT NULL,
	"end" VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	location VARCHAR NOT NULL,
	peer_ids JSON NOT NULL,
	cancelled BOOLEAN NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_session_day ON session (day);
CREATE TABLE theme (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	"key" VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	aliases JSON NOT NULL,
	description VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	retired BOOLEAN NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_theme_key ON theme ("key");
CREATE INDEX ix_change_record ON change (record_id, field, stamp);
"""

# Version 2: full-text search over notes, documents, findings and recommendations,
# kept in step by triggers so no code path can forget it; tombstones are left out.
_SEARCH_SOURCES = {
    "note": "'' , new.body",
    "document": "new.title, new.summary",
    "finding": "'', new.statement",
    "recommendation": "'R' || new.number, new.text",
}


def _search_triggers(only: dict[str, str] | None = None, backfill: bool = True) -> str:
    """The index's triggers for every source, or for `only` some (new columns to index)."""
    parts = []
    # The index row's rowid is derived from the source row's, so an edit replaces it by key
    # instead of scanning the index for the record id.
    for k, (table, columns) in enumerate(_SEARCH_SOURCES.items()):
        if only is not None:
            if table not in only:
                continue
            columns = only[table]
        insert = (
            f"INSERT INTO search(rowid, kind, record_id, title, body) "
            f"SELECT new.rowid * 4 + {k}, '{table}', new.id, {columns} WHERE new.deleted = 0;"
        )
        parts.append(f"""
CREATE TRIGGER search_{table}_insert AFTER INSERT ON {table} BEGIN
  {insert}
END;
CREATE TRIGGER search_{table}_update AFTER UPDATE ON {table} BEGIN
  DELETE FROM search WHERE rowid = old.rowid * 4 + {k};
  {insert}
END;
CREATE TRIGGER search_{table}_delete AFTER DELETE ON {table} BEGIN
  DELETE FROM search WHERE rowid = old.rowid * 4 + {k};
END;""")
    if not backfill:
        return "\n".join(parts) + "\n"
    fill = "\n".join(
        f"INSERT INTO search(rowid, kind, record_id, title, body) SELECT rowid * 4 + {k}, '{t}', id, "
        + cols.replace("new.", "")
        + f" FROM {t} WHERE deleted = 0;"
        for k, (t, cols) in enumerate(_SEARCH_SOURCES.items())
    )
    return "\n".join(parts) + "\n" + fill


V2 = """
CREATE VIRTUAL TABLE search USING fts5(
  kind UNINDEXED, record_id UNINDEXED, title, body,
  tokenize = "unicode61 remove_diacritics 2", prefix = '2 3'
);
""" + _search_triggers()

# Version 3: excerpts remember whether a person selected them or an inline #tag made them,
# so inline ones follow the tags as the note changes and selected ones are never touched.
V3 = """
ALTER TABLE excerpt ADD COLUMN origin VARCHAR NOT NULL DEFAULT 'selection';
"""

# Version 4: daily updates remember the draft they were based on (so a refresh can show
# what changed without touching the lead peer's words); the final feedback's own texts and
# choice of findings; and the lead peer's acceptances of attribution-guard hits.
V4 = """
ALTER TABLE dailyupdate ADD COLUMN draft VARCHAR NOT NULL DEFAULT '';
CREATE TABLE feedbacksection (
	id VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	updated VARCHAR NOT NULL, 
	site VARCHAR NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	"key" VARCHAR NOT NULL, 
	body VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_feedbacksection_key ON feedbacksection ("key");
CREATE TABLE feedbackitem (
	id VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	updated VARCHAR NOT NULL, 
	site VARCHAR NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	finding_id VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	included BOOLEAN NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_feedbackitem_finding_id ON feedbackitem (finding_id);
CREATE TABLE guardacceptance (
	id VARCHAR NOT NULL, 
	created VARCHAR NOT NULL, 
	updated VARCHAR NOT NULL, 
	site VARCHAR NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	source VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	shown VARCHAR NOT NULL, 
	accepted_by VARCHAR NOT NULL, 
	accepted_at VARCHAR NOT NULL, 
	reason VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_guardacceptance_source ON guardacceptance (source);
"""

# Version 5: the audit log of exports, deliveries, guard acceptances and purges.
V5 = """
CREATE TABLE audit (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	at VARCHAR NOT NULL,
	action VARCHAR NOT NULL,
	peer_id VARCHAR NOT NULL,
	who VARCHAR NOT NULL,
	subject VARCHAR NOT NULL,
	detail VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
"""

# Version 6: team sync. `bundle` remembers every bundle written or merged (so a re-sync
# with nothing new reads no file twice, and the app can say who sent what, when); `conflict`
# lists records that may need a person: two heads of a long text, or an edit after a delete.
V6 = """
CREATE TABLE bundle (
	file VARCHAR NOT NULL, 
	site VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	first VARCHAR NOT NULL, 
	last VARCHAR NOT NULL, 
	changes INTEGER NOT NULL, 
	peer VARCHAR NOT NULL, 
	written INTEGER NOT NULL, 
	merged INTEGER NOT NULL, 
	summary JSON NOT NULL, 
	PRIMARY KEY (file)
);
CREATE INDEX ix_bundle_site ON bundle (site);
CREATE TABLE conflict (
	record_id VARCHAR NOT NULL, 
	field VARCHAR NOT NULL, 
	record_table VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	PRIMARY KEY (record_id, field)
);
"""

# Version 7: what system leaders receive. A group participant's headcount (the approach's
# "spoke to more than N people"), and the lead peer's marks: feedback presented, report final.
# The lead's own texts (executive summary, each line's narrative) are feedback sections.
V7 = """
ALTER TABLE participant ADD COLUMN headcount INTEGER NOT NULL DEFAULT 1;
CREATE TABLE milestone (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	"key" VARCHAR NOT NULL,
	by VARCHAR NOT NULL,
	at VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_milestone_key ON milestone ("key");
"""

# Version 8: after the week and beside it (onsite.after): a progress review's link to its
# original challenge and its progress per recommendation (the system's action plan row and
# the team's view); a workshop's ratings and the next steps agreed; a peer-to-peer series'
# sessions and running list of issues; a mentor's private sessions.
V8 = """
CREATE TABLE origin (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	original_id VARCHAR NOT NULL,
	name VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	start DATE NOT NULL,
	days INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE progress (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	recommendation_id VARCHAR NOT NULL,
	number INTEGER NOT NULL,
	actions VARCHAR NOT NULL,
	lead VARCHAR NOT NULL,
	forum VARCHAR NOT NULL,
	milestones VARCHAR NOT NULL,
	measures VARCHAR NOT NULL,
	system_rag VARCHAR NOT NULL,
	team_rag VARCHAR NOT NULL,
	changed VARCHAR NOT NULL,
	evidence VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_progress_recommendation_id ON progress (recommendation_id);
CREATE TABLE workshoprating (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	theme_key VARCHAR NOT NULL,
	dimension VARCHAR NOT NULL,
	score INTEGER NOT NULL,
	discussion VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_workshoprating_theme_key ON workshoprating (theme_key);
CREATE TABLE nextstep (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	text VARCHAR NOT NULL,
	owner VARCHAR NOT NULL,
	due VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE seriessession (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	number INTEGER NOT NULL,
	held DATE NOT NULL,
	title VARCHAR NOT NULL,
	notes VARCHAR NOT NULL,
	summary VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE seriesissue (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	text VARCHAR NOT NULL,
	stage VARCHAR NOT NULL,
	raised_in INTEGER NOT NULL,
	solutions VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE mentoringsession (
	id VARCHAR NOT NULL,
	created VARCHAR NOT NULL,
	updated VARCHAR NOT NULL,
	site VARCHAR NOT NULL,
	deleted BOOLEAN NOT NULL,
	held DATE NOT NULL,
	mentee VARCHAR NOT NULL,
	notes VARCHAR NOT NULL,
	actions VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
"""

# Version 9: a real engagement from a blank file. The team gains e-mail, political group and
# retirement; sessions the system's reference, the notes for peers and where they came from;
# a document its extracted text, now searched as well.
_DOCUMENT_SEARCH = "new.title, new.summary || char(10) || new.text"
V9 = """
ALTER TABLE peer ADD COLUMN email VARCHAR NOT NULL DEFAULT '';
ALTER TABLE peer ADD COLUMN political_group VARCHAR NOT NULL DEFAULT '';
ALTER TABLE peer ADD COLUMN retired BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN ref VARCHAR NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN briefing VARCHAR NOT NULL DEFAULT '';
ALTER TABLE session ADD COLUMN origin VARCHAR NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN text VARCHAR NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN file VARCHAR NOT NULL DEFAULT '';
DROP TRIGGER search_document_insert;
DROP TRIGGER search_document_update;
DROP TRIGGER search_document_delete;
""" + _search_triggers({"document": _DOCUMENT_SEARCH}, backfill=False)

# Version 10: an excerpt can name which participant it came from, so trust counts the
# organisations of the people actually heard, not of everyone in the room.
V10 = """
ALTER TABLE excerpt ADD COLUMN participant_id VARCHAR;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10]
LATEST = len(MIGRATIONS)
