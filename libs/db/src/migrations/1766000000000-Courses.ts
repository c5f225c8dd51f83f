import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courses (members with a course role, an enrolment code), assignments (problems with points, an
 * opening, a deadline, a late policy) and, on each submission made to an assignment, the
 * assignment and what lateness cost it, decided when the API accepted it.
 */
export class Courses1766000000000 implements MigrationInterface {
  name = 'Courses1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE courses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(200) NOT NULL,
      term varchar(100) NOT NULL DEFAULT '',
      time_zone varchar(64) NOT NULL DEFAULT 'UTC',
      enrolment_code varchar(32) UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE course_members (
      course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role varchar(20) NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (course_id, user_id)
    )`);
    await q.query(`CREATE INDEX course_members_user ON course_members (user_id)`);
    await q.query(`CREATE TABLE assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
      title varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      opens_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      late_policy jsonb,
      max_attempts integer,
      counting varchar(10) NOT NULL DEFAULT 'best',
      practice_after_cutoff boolean NOT NULL DEFAULT false,
      scoreboard varchar(10) NOT NULL DEFAULT 'off',
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX assignments_course ON assignments (course_id)`);
    await q.query(`CREATE TABLE assignment_problems (
      assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
      problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE RESTRICT,
      ordinal integer NOT NULL,
      points integer NOT NULL,
      PRIMARY KEY (assignment_id, problem_id)
    )`);
    await q.query(`CREATE INDEX assignment_problems_problem ON assignment_problems (problem_id)`);
    await q.query(
      `ALTER TABLE submissions ADD COLUMN assignment_id uuid REFERENCES assignments(id) ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE submissions ADD COLUMN late_penalty_percent double precision`);
    await q.query(`ALTER TABLE submissions ADD COLUMN practice boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE INDEX submissions_assignment_user ON submissions (assignment_id, user_id) WHERE assignment_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS submissions_assignment_user`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS practice`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS late_penalty_percent`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS assignment_id`);
    await q.query(`DROP TABLE IF EXISTS assignment_problems`);
    await q.query(`DROP TABLE IF EXISTS assignments`);
    await q.query(`DROP TABLE IF EXISTS course_members`);
    await q.query(`DROP TABLE IF EXISTS courses`);
  }
}
