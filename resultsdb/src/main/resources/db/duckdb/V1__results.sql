-- dmtl results database in a DuckDB file, schema version 1 (docs/DATABASE.md): the same tables,
-- columns, keys and views as db/migration/V1__results.sql for PostgreSQL, in DuckDB's types.
-- Applied by dev.dmtl.resultsdb.DuckDbMigrations (Flyway has no open-source DuckDB module), which
-- records it in dmtl.schema_history. Differences: jsonb -> JSON, real[] -> FLOAT[], no index on
-- runs (below), and the views name their tables with the schema (DuckDB binds a view's names when
-- it is queried).

CREATE TABLE dmtl.runs (
  run_id            VARCHAR     PRIMARY KEY,
  status            VARCHAR     NOT NULL CHECK (status IN ('running', 'published', 'failed')),
  model_sha256      VARCHAR     NOT NULL,
  model_source      VARCHAR     NOT NULL,
  tool_version      VARCHAR     NOT NULL,
  started           TIMESTAMPTZ NOT NULL,
  finished          TIMESTAMPTZ,
  inputs_seen       BIGINT,
  inputs_with_rows  BIGINT,
  face_rows         BIGINT,
  dead_letter_rows  BIGINT,
  skipped_known     BIGINT,
  provenance        JSON        NOT NULL,
  manifest          JSON,
  failure           VARCHAR
);
-- No index on (model_sha256, status) as in PostgreSQL: DuckDB turns an UPDATE of an indexed
-- column into delete + insert, which the foreign keys of faces, predictions and dead letters
-- refuse ("still referenced"); a file's runs table is small enough to scan.

CREATE TABLE dmtl.faces (
  run_id          VARCHAR NOT NULL REFERENCES dmtl.runs (run_id),
  input           VARCHAR NOT NULL,
  face_index      INTEGER NOT NULL,
  source          VARCHAR NOT NULL,
  entry           VARCHAR,
  relative_path   VARCHAR NOT NULL,
  image_sha256    VARCHAR NOT NULL,
  image_width     INTEGER NOT NULL,
  image_height    INTEGER NOT NULL,
  face_x          FLOAT,
  face_y          FLOAT,
  face_w          FLOAT,
  face_h          FLOAT,
  face_score      FLOAT,
  face_landmarks  FLOAT[],
  PRIMARY KEY (run_id, input, face_index)
);
CREATE INDEX faces_image_sha256 ON dmtl.faces (image_sha256);

CREATE TABLE dmtl.predictions (
  run_id           VARCHAR NOT NULL,
  input            VARCHAR NOT NULL,
  face_index       INTEGER NOT NULL,
  task             VARCHAR NOT NULL,
  predicted_label  VARCHAR,
  predicted_rank   INTEGER,
  expected_rank    DOUBLE,
  confidence       FLOAT,
  probabilities    FLOAT[] NOT NULL,
  label            VARCHAR,
  label_rank       INTEGER,
  label_min        INTEGER,
  label_max        INTEGER,
  PRIMARY KEY (run_id, input, face_index, task),
  FOREIGN KEY (run_id) REFERENCES dmtl.runs (run_id)
);
CREATE INDEX predictions_task_label_confidence ON dmtl.predictions (task, predicted_label, confidence);
CREATE INDEX predictions_task_rank ON dmtl.predictions (task, predicted_rank);

CREATE TABLE dmtl.dead_letters (
  run_id           VARCHAR NOT NULL REFERENCES dmtl.runs (run_id),
  dead_letter_key  VARCHAR NOT NULL,
  input            VARCHAR NOT NULL,
  source           VARCHAR NOT NULL,
  entry            VARCHAR,
  relative_path    VARCHAR,
  image_sha256     VARCHAR,
  stage            VARCHAR NOT NULL,
  error_class      VARCHAR NOT NULL,
  message          VARCHAR NOT NULL,
  PRIMARY KEY (run_id, dead_letter_key)
);
CREATE INDEX dead_letters_image_sha256 ON dmtl.dead_letters (image_sha256);

CREATE TABLE dmtl.dead_letter_labels (
  run_id           VARCHAR NOT NULL,
  dead_letter_key  VARCHAR NOT NULL,
  task             VARCHAR NOT NULL,
  label            VARCHAR,
  label_rank       INTEGER,
  label_min        INTEGER,
  label_max        INTEGER,
  PRIMARY KEY (run_id, dead_letter_key, task),
  FOREIGN KEY (run_id) REFERENCES dmtl.runs (run_id)
);

CREATE VIEW dmtl.published_predictions AS
SELECT r.run_id, r.model_sha256, r.finished AS run_finished,
       f.input, f.source, f.entry, f.relative_path, f.image_sha256, f.face_index,
       p.task, p.predicted_label, p.predicted_rank, p.expected_rank, p.confidence, p.probabilities,
       p.label, p.label_rank, p.label_min, p.label_max
FROM dmtl.runs r
JOIN dmtl.faces f ON f.run_id = r.run_id
JOIN dmtl.predictions p ON p.run_id = f.run_id AND p.input = f.input AND p.face_index = f.face_index
WHERE r.status = 'published';

CREATE VIEW dmtl.latest_predictions AS
SELECT DISTINCT ON (image_sha256, model_sha256, face_index, task) *
FROM dmtl.published_predictions
ORDER BY image_sha256, model_sha256, face_index, task, run_finished DESC, run_id DESC;
