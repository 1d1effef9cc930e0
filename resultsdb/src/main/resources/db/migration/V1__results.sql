-- dmtl results database, schema version 1 (docs/DATABASE.md).
-- Written by `dmtl infer|run --sink`; read by operators and `dmtl audit DBURL`.

-- One row per run: its provenance and, once published, its counts. Rows of the other tables only
-- count for operators when their run is 'published' (the views below filter on it).
CREATE TABLE runs (
  run_id            text        PRIMARY KEY,
  status            text        NOT NULL CHECK (status IN ('running', 'published', 'failed')),
  model_sha256      text        NOT NULL,
  model_source      text        NOT NULL,
  tool_version      text        NOT NULL,
  started           timestamptz NOT NULL,
  finished          timestamptz,
  inputs_seen       bigint,
  inputs_with_rows  bigint,
  face_rows         bigint,
  dead_letter_rows  bigint,
  skipped_known     bigint,
  provenance        jsonb       NOT NULL,
  manifest          jsonb,
  failure           text
);
CREATE INDEX runs_model_status ON runs (model_sha256, status);

-- One row per face. `input` is the input's address (source, or source!/entry): with face_index it
-- is the key a retried bundle upserts on, so a row is never written twice.
CREATE TABLE faces (
  run_id          text    NOT NULL REFERENCES runs (run_id),
  input           text    NOT NULL,
  face_index      integer NOT NULL,
  source          text    NOT NULL,
  entry           text,
  relative_path   text    NOT NULL,
  image_sha256    text    NOT NULL,
  image_width     integer NOT NULL,
  image_height    integer NOT NULL,
  face_x          real,
  face_y          real,
  face_w          real,
  face_h          real,
  face_score      real,
  face_landmarks  real[],
  PRIMARY KEY (run_id, input, face_index)
);
CREATE INDEX faces_image_sha256 ON faces (image_sha256);

-- One row per face and task of the model: the prediction and, with --labels, the ground truth.
CREATE TABLE predictions (
  run_id           text    NOT NULL,
  input            text    NOT NULL,
  face_index       integer NOT NULL,
  task             text    NOT NULL,
  predicted_label  text,
  predicted_rank   integer,
  expected_rank    double precision,
  confidence       real,
  probabilities    real[]  NOT NULL,
  label            text,
  label_rank       integer,
  label_min        integer,
  label_max        integer,
  PRIMARY KEY (run_id, input, face_index, task),
  FOREIGN KEY (run_id) REFERENCES runs (run_id)
);
CREATE INDEX predictions_task_label_confidence ON predictions (task, predicted_label, confidence);
CREATE INDEX predictions_task_rank ON predictions (task, predicted_rank);

-- One row per input that gave no face row. dead_letter_key is the SHA-256 of input, stage, error
-- class and message: the upsert key of a retried bundle.
CREATE TABLE dead_letters (
  run_id           text NOT NULL REFERENCES runs (run_id),
  dead_letter_key  text NOT NULL,
  input            text NOT NULL,
  source           text NOT NULL,
  entry            text,
  relative_path    text,
  image_sha256     text,
  stage            text NOT NULL,
  error_class      text NOT NULL,
  message          text NOT NULL,
  PRIMARY KEY (run_id, dead_letter_key)
);
CREATE INDEX dead_letters_image_sha256 ON dead_letters (image_sha256);

-- With --labels: the ground truth of each dead letter, per task (coverage per group in the audit).
CREATE TABLE dead_letter_labels (
  run_id           text NOT NULL,
  dead_letter_key  text NOT NULL,
  task             text NOT NULL,
  label            text,
  label_rank       integer,
  label_min        integer,
  label_max        integer,
  PRIMARY KEY (run_id, dead_letter_key, task),
  FOREIGN KEY (run_id) REFERENCES runs (run_id)
);

-- What operators query: published runs only.
CREATE VIEW published_predictions AS
SELECT r.run_id, r.model_sha256, r.finished AS run_finished,
       f.input, f.source, f.entry, f.relative_path, f.image_sha256, f.face_index,
       p.task, p.predicted_label, p.predicted_rank, p.expected_rank, p.confidence, p.probabilities,
       p.label, p.label_rank, p.label_min, p.label_max
FROM runs r
JOIN faces f ON f.run_id = r.run_id
JOIN predictions p ON p.run_id = f.run_id AND p.input = f.input AND p.face_index = f.face_index
WHERE r.status = 'published';

-- Per image (by content) and model: the rows of the latest published run that saw the image.
CREATE VIEW latest_predictions AS
SELECT DISTINCT ON (image_sha256, model_sha256, face_index, task) *
FROM published_predictions
ORDER BY image_sha256, model_sha256, face_index, task, run_finished DESC, run_id DESC;
