-- One row per exchange: a prompt and everything the model answered to it (tool rounds
-- included). No request headers or credentials are ever stored.
CREATE TABLE responses (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    -- The saved session file the conversation lives in, when there is one.
    session TEXT,
    model TEXT NOT NULL,
    route TEXT,
    system TEXT,
    prompt TEXT NOT NULL,
    answer TEXT NOT NULL,
    reasoning TEXT,
    -- The exchange's canonical messages (JSON), so a logged conversation can be continued.
    messages TEXT NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    started TEXT NOT NULL,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    exit_status INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX responses_conversation ON responses (conversation_id, id);
CREATE INDEX responses_model ON responses (model);

CREATE VIRTUAL TABLE responses_fts USING fts5 (
    prompt, answer, system, reasoning,
    content = 'responses', content_rowid = 'id'
);
CREATE TRIGGER responses_ai AFTER INSERT ON responses BEGIN
    INSERT INTO responses_fts (rowid, prompt, answer, system, reasoning)
    VALUES (new.id, new.prompt, new.answer, new.system, new.reasoning);
END;
CREATE TRIGGER responses_ad AFTER DELETE ON responses BEGIN
    INSERT INTO responses_fts (responses_fts, rowid, prompt, answer, system, reasoning)
    VALUES ('delete', old.id, old.prompt, old.answer, old.system, old.reasoning);
END;
