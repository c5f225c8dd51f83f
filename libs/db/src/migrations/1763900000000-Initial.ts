import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email varchar(320) NOT NULL UNIQUE,
      name varchar(200) NOT NULL,
      role varchar(20) NOT NULL CHECK (role IN ('admin','instructor','student')),
      password_hash varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE problems (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug varchar(100) NOT NULL UNIQUE,
      name varchar(300) NOT NULL,
      statement text NOT NULL DEFAULT '',
      time_limit_ms integer NOT NULL,
      memory_limit_mb integer NOT NULL,
      output_limit_bytes integer NOT NULL,
      checker jsonb NOT NULL,
      published boolean NOT NULL DEFAULT false,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE test_cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
      ordinal integer NOT NULL,
      name varchar(200) NOT NULL,
      kind varchar(10) NOT NULL CHECK (kind IN ('sample','secret')),
      points integer NOT NULL DEFAULT 1,
      input bytea NOT NULL,
      answer bytea NOT NULL,
      input_hash char(64) NOT NULL,
      answer_hash char(64) NOT NULL,
      UNIQUE (problem_id, ordinal))`);
    await q.query(`CREATE TABLE submissions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
      language varchar(20) NOT NULL,
      source text NOT NULL,
      status varchar(20) NOT NULL,
      verdict varchar(3),
      score double precision,
      max_score double precision,
      compile_output text,
      internal_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX submissions_status_updated ON submissions (status, updated_at)`);
    await q.query(`CREATE INDEX submissions_user ON submissions (user_id, created_at DESC)`);
    await q.query(`CREATE TABLE test_results (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
      test_case_id uuid NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
      ordinal integer NOT NULL,
      name varchar(200) NOT NULL,
      kind varchar(10) NOT NULL,
      verdict varchar(3) NOT NULL,
      time_ms integer NOT NULL,
      memory_kb integer NOT NULL,
      exit_code integer,
      message text NOT NULL DEFAULT '',
      UNIQUE (submission_id, ordinal))`);
    await q.query(`CREATE TABLE runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      language varchar(20) NOT NULL,
      source text NOT NULL,
      stdin bytea NOT NULL,
      status varchar(20) NOT NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['runs', 'test_results', 'submissions', 'test_cases', 'problems', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
