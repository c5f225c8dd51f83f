import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AssignmentEntity, AssignmentProblemEntity, type CourseRole, ProblemEntity } from '@bastion/db';
import { isAccepted } from '@bastion/security';
import type { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ProblemsService } from '../problems/problems.service';
import {
  AssignmentWindow,
  counted,
  type Counting,
  GradedAttempt,
  type LatePolicy,
  lastCountingInstant,
  pointsEarned,
  problemStatus,
  type ProblemStatus,
  scoreboard,
  timing,
} from './assignment-rules';
import { CourseAccess, INSTRUCTOR, isUuid, STAFF } from './course-access';

export interface AssignmentInput {
  title: string;
  description?: string;
  opensAt: string;
  closesAt: string;
  latePolicy?: { per: 'day' | 'hour'; penaltyPercent: number; cutoffAt?: string | null } | null;
  maxAttempts?: number | null;
  counting?: Counting;
  practiceAfterCutoff?: boolean;
  scoreboard?: 'off' | 'hidden' | 'shown';
  problems: { problem: string; points: number }[];
}

/** What admitting a submission to an assignment decided, stored on the submission. */
export interface Admission {
  assignmentId: string;
  latePenaltyPercent: number | null;
  practice: boolean;
}

interface AttemptRow {
  id: string;
  user_id: string;
  problem_id: string;
  created_at: Date;
  status: string;
  verdict: string | null;
  score: number | null;
  security: { verdict: string } | null;
}

/** A student's counted result on one problem of an assignment. */
export interface ProblemStanding {
  problem: string;
  points: number;
  status: ProblemStatus;
  attempts: number;
  /** The submission that counts (best or last), with its score and what lateness took. */
  counted: { submission: string; submittedAt: Date; score: number | null; latePenaltyPercent: number } | null;
  earned: number;
}

const window = (a: AssignmentEntity): AssignmentWindow => ({
  opensAt: a.opensAt,
  closesAt: a.closesAt,
  latePolicy: a.latePolicy as LatePolicy | null,
  practiceAfterCutoff: a.practiceAfterCutoff,
});

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>,
    @InjectRepository(AssignmentProblemEntity) private readonly items: Repository<AssignmentProblemEntity>,
    private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly problems: ProblemsService,
  ) {}

  async create(me: Principal, courseId: string, input: AssignmentInput) {
    const { course } = await this.access.course(me, courseId, INSTRUCTOR);
    const fields = this.schedule(input);
    const problems = await this.resolveProblems(me, input.problems);
    const a = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(AssignmentEntity, {
          courseId: course.id,
          title: input.title.trim(),
          description: input.description ?? '',
          ...fields,
          maxAttempts: input.maxAttempts ?? null,
          counting: input.counting ?? 'best',
          practiceAfterCutoff: input.practiceAfterCutoff ?? false,
          scoreboard: input.scoreboard ?? 'off',
        }),
      );
      await m.insert(
        AssignmentProblemEntity,
        problems.map((p, i) => ({ assignmentId: saved.id, problemId: p.problem.id, ordinal: i + 1, points: p.points })),
      );
      return saved;
    });
    return this.get(me, a.id);
  }

  /** The course's assignments by deadline; students see those not open yet without their problems. */
  async list(me: Principal, courseId: string) {
    const { course, role } = await this.access.course(me, courseId);
    const rows = await this.assignments.find({
      where: { courseId: course.id },
      order: { closesAt: 'ASC', title: 'ASC' },
    });
    return Promise.all(rows.map((a) => this.view(a, role, me)));
  }

  async get(me: Principal, id: string) {
    const { assignment, role } = await this.assignmentFor(me, id);
    return this.view(assignment, role, me);
  }

  async update(
    me: Principal,
    id: string,
    input: Partial<Pick<AssignmentInput, 'opensAt' | 'closesAt' | 'latePolicy' | 'scoreboard' | 'counting'>>,
  ) {
    const { assignment } = await this.assignmentFor(me, id, INSTRUCTOR);
    const fields = this.schedule({
      opensAt: input.opensAt ?? assignment.opensAt.toISOString(),
      closesAt: input.closesAt ?? assignment.closesAt.toISOString(),
      latePolicy: input.latePolicy === undefined ? assignment.latePolicy : input.latePolicy,
    });
    await this.assignments.update(
      { id: assignment.id },
      {
        ...fields,
        ...(input.scoreboard ? { scoreboard: input.scoreboard } : {}),
        ...(input.counting ? { counting: input.counting } : {}),
      },
    );
    return this.get(me, id);
  }

  /**
   * Whether the caller may submit `problem` to the assignment now, and what lateness costs: members
   * only, the problem must be one of the assignment's, the assignment open; after its last counting
   * instant refused (or practice, when the instructor allows it); within the attempt limit. Staff
   * submissions are always practice (they are not graded).
   */
  async admit(me: Principal, assignmentId: string, problem: ProblemEntity, at: Date): Promise<Admission> {
    const { assignment, role } = await this.assignmentFor(me, assignmentId);
    const item = await this.items.findOneBy({ assignmentId: assignment.id, problemId: problem.id });
    if (!item)
      throw new ApiError(
        422,
        'PROBLEM_NOT_IN_ASSIGNMENT',
        `The problem ${problem.slug} is not part of this assignment`,
      );
    if (role !== 'student') return { assignmentId: assignment.id, latePenaltyPercent: null, practice: true };
    const t = timing(window(assignment), at);
    switch (t.kind) {
      case 'not-open':
        throw new ApiError(409, 'ASSIGNMENT_NOT_OPEN', `The assignment opens at ${assignment.opensAt.toISOString()}`);
      case 'closed':
        throw new ApiError(
          409,
          'ASSIGNMENT_CLOSED',
          `Submissions to this assignment were accepted until ${lastCountingInstant(window(assignment))?.toISOString()}`,
        );
      case 'practice':
        return { assignmentId: assignment.id, latePenaltyPercent: null, practice: true };
      case 'on-time':
      case 'late':
        break;
    }
    if (assignment.maxAttempts !== null) {
      const [{ n }]: { n: number }[] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM submissions
          WHERE assignment_id = $1 AND user_id = $2 AND problem_id = $3 AND NOT practice
            AND verdict IS DISTINCT FROM 'IE'`,
        [assignment.id, me.id, problem.id],
      );
      if (n >= assignment.maxAttempts)
        throw new ApiError(
          409,
          'ATTEMPTS_EXHAUSTED',
          `You have used all ${assignment.maxAttempts} graded attempts on ${problem.slug} in this assignment`,
        );
    }
    return {
      assignmentId: assignment.id,
      latePenaltyPercent: t.kind === 'late' ? t.penaltyPercent : null,
      practice: false,
    };
  }

  /** Whether the caller is staff (instructor or assistant) of the assignment's course. */
  async isStaffOf(me: Principal, assignmentId: string): Promise<boolean> {
    const a = await this.assignments.findOneBy({ id: assignmentId });
    const role = a ? await this.access.roleIn(me, a.courseId) : null;
    return role === 'instructor' || role === 'assistant';
  }

  /** Every student's counted result per problem and total (staff). */
  async gradebook(me: Principal, id: string) {
    const { assignment } = await this.assignmentFor(me, id, STAFF);
    const problems = await this.problemList(assignment.id);
    const students: { id: string; email: string; name: string }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name FROM course_members m JOIN users u ON u.id = m.user_id
        WHERE m.course_id = $1 AND m.role = 'student' ORDER BY u.email`,
      [assignment.courseId],
    );
    const attempts = await this.attempts(assignment.id);
    return {
      assignment: { id: assignment.id, title: assignment.title, counting: assignment.counting },
      problems: problems.map((p) => ({ problem: p.slug, name: p.name, points: p.points })),
      totalPoints: problems.reduce((s, p) => s + p.points, 0),
      students: students.map((s) => ({
        id: s.id,
        email: s.email,
        name: s.name,
        ...this.standing(assignment, problems, attempts.get(s.id) ?? []),
      })),
    };
  }

  /** The course's gradebook: each student's total in every assignment, by deadline, and in all (staff). */
  async courseGradebook(me: Principal, courseId: string) {
    const { course } = await this.access.course(me, courseId, STAFF);
    const list = await this.assignments.find({
      where: { courseId: course.id },
      order: { closesAt: 'ASC', title: 'ASC' },
    });
    const books = await Promise.all(list.map((a) => this.gradebook(me, a.id)));
    const students: { id: string; email: string; name: string }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name FROM course_members m JOIN users u ON u.id = m.user_id
        WHERE m.course_id = $1 AND m.role = 'student' ORDER BY u.email`,
      [course.id],
    );
    const totalOf = books.map((b) => new Map(b.students.map((s) => [s.id, s.total])));
    return {
      course: { id: course.id, name: course.name },
      assignments: books.map((b) => ({ id: b.assignment.id, title: b.assignment.title, points: b.totalPoints })),
      totalPoints: books.reduce((s, b) => s + b.totalPoints, 0),
      students: students.map((s) => {
        const totals = totalOf.map((m) => m.get(s.id) ?? 0);
        return { ...s, assignments: totals, total: Math.round(totals.reduce((x, y) => x + y, 0) * 100) / 100 };
      }),
    };
  }

  /** The course's gradebook as CSV, one column per assignment (as Canvas and Moodle import them). */
  async courseGradebookCsv(me: Principal, courseId: string): Promise<string> {
    const g = await this.courseGradebook(me, courseId);
    const header = [
      ...LMS_COLUMNS,
      ...g.assignments.map((a) => `${a.title} (${a.points})`),
      `Total (${g.totalPoints})`,
    ];
    const rows = g.students.map((s) => [...lmsCells(s), ...s.assignments.map(String), String(s.total)]);
    return toCsv([header, ...rows]);
  }

  /** The gradebook as CSV: columns Canvas's and Moodle's grade imports match students by, formula-safe. */
  async gradebookCsv(me: Principal, id: string): Promise<string> {
    const g = await this.gradebook(me, id);
    const header = [
      ...LMS_COLUMNS,
      ...g.problems.map((p) => `${p.problem} (${p.points})`),
      `${g.assignment.title} (${g.totalPoints})`,
    ];
    const rows = g.students.map((s) => [...lmsCells(s), ...s.problems.map((p) => String(p.earned)), String(s.total)]);
    return toCsv([header, ...rows]);
  }

  /** One student's results (staff, or the student themself). */
  async student(me: Principal, id: string, userId: string) {
    const { assignment, role } = await this.assignmentFor(me, id);
    if (role === 'student' && userId !== me.id) throw new ApiError(404, 'USER_NOT_FOUND', `No student ${userId} here`);
    const [student]: { id: string; email: string; name: string }[] = isUuid(userId)
      ? await this.dataSource.query(
          `SELECT u.id, u.email, u.name FROM course_members m JOIN users u ON u.id = m.user_id
            WHERE m.course_id = $1 AND m.user_id = $2 AND m.role = 'student'`,
          [assignment.courseId, userId],
        )
      : [];
    if (!student) throw new ApiError(404, 'USER_NOT_FOUND', `No student ${userId} in this course`);
    const problems = await this.problemList(assignment.id);
    const attempts = (await this.attempts(assignment.id, student.id)).get(student.id) ?? [];
    return { ...student, ...this.standing(assignment, problems, attempts) };
  }

  /** The class ranked (staff always; students once the instructor shows it). */
  async scoreboard(me: Principal, id: string) {
    const { assignment, role } = await this.assignmentFor(me, id);
    if (assignment.scoreboard === 'off' || (role === 'student' && assignment.scoreboard !== 'shown'))
      throw new ApiError(404, 'SCOREBOARD_NOT_SHOWN', 'This assignment has no scoreboard to show');
    const problems = await this.problemList(assignment.id);
    const slug = new Map(problems.map((p) => [p.id, p.slug]));
    const scoring = problems.some((p) => p.scoring);
    const students: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT u.id, u.name FROM course_members m JOIN users u ON u.id = m.user_id
        WHERE m.course_id = $1 AND m.role = 'student'`,
      [assignment.courseId],
    );
    const attempts = await this.attempts(assignment.id);
    const rows = scoreboard(
      students.map((s) => ({
        id: s.id,
        name: s.name,
        attempts: (attempts.get(s.id) ?? []).map((a) => ({
          problem: slug.get(a.problem_id)!,
          createdAt: a.created_at,
          accepted: isAccepted(a.verdict, a.security as never),
          score: a.status === 'done' || a.status === 'failed' ? (a.score ?? 0) : null,
        })),
      })),
      { startsAt: assignment.opensAt, by: scoring ? 'score' : 'icpc' },
    );
    return { by: scoring ? 'score' : 'icpc', problems: problems.map((p) => p.slug), rows };
  }

  /**
   * A student's results under the assignment's schedule as it is now: lateness is measured from
   * when each submission was accepted to the current deadline, so an extension granted later
   * applies to what was already submitted (a submission the schedule no longer admits counts for nothing).
   */
  private standing(
    assignment: AssignmentEntity,
    problems: Awaited<ReturnType<AssignmentsService['problemList']>>,
    rows: AttemptRow[],
  ) {
    const schedule = window(assignment);
    const out: ProblemStanding[] = problems.map((p) => {
      const graded: GradedAttempt[] = [];
      for (const r of rows) {
        if (r.problem_id !== p.id) continue;
        const t = timing(schedule, r.created_at);
        if (t.kind !== 'on-time' && t.kind !== 'late') continue;
        graded.push({
          id: r.id,
          createdAt: r.created_at,
          score: r.status === 'done' || r.status === 'failed' ? (r.score ?? 0) : null,
          penaltyPercent: t.kind === 'late' ? t.penaltyPercent : 0,
          accepted: isAccepted(r.verdict, r.security as never),
          vulnerable: r.verdict === 'AC' && r.security?.verdict === 'vulnerable',
        });
      }
      const c = counted(graded, assignment.counting);
      return {
        problem: p.slug,
        points: p.points,
        status: problemStatus(graded),
        attempts: graded.length,
        counted: c && {
          submission: c.id,
          submittedAt: c.createdAt,
          score: c.score,
          latePenaltyPercent: c.penaltyPercent,
        },
        earned: pointsEarned(c, p.points),
      };
    });
    return { problems: out, total: Math.round(out.reduce((s, p) => s + p.earned, 0) * 100) / 100 };
  }

  /** Graded (not practice) submissions to the assignment, by student, oldest first. */
  private async attempts(assignmentId: string, userId?: string): Promise<Map<string, AttemptRow[]>> {
    const rows: AttemptRow[] = await this.dataSource.query(
      `SELECT id, user_id, problem_id, created_at, status, verdict, score, security
         FROM submissions
        WHERE assignment_id = $1 AND NOT practice AND verdict IS DISTINCT FROM 'IE' ${userId ? 'AND user_id = $2' : ''}
        ORDER BY created_at, id`,
      userId ? [assignmentId, userId] : [assignmentId],
    );
    const by = new Map<string, AttemptRow[]>();
    for (const r of rows) by.set(r.user_id, [...(by.get(r.user_id) ?? []), r]);
    return by;
  }

  private async problemList(assignmentId: string) {
    const rows: { id: string; slug: string; name: string; points: number; scoring: unknown }[] =
      await this.dataSource.query(
        `SELECT p.id, p.slug, p.name, ap.points, p.scoring FROM assignment_problems ap
           JOIN problems p ON p.id = ap.problem_id WHERE ap.assignment_id = $1 ORDER BY ap.ordinal`,
        [assignmentId],
      );
    return rows.map((r) => ({ ...r, scoring: r.scoring !== null }));
  }

  private async assignmentFor(me: Principal, id: string, roles?: readonly CourseRole[]) {
    const assignment = isUuid(id) ? await this.assignments.findOneBy({ id }) : null;
    if (!assignment) throw new ApiError(404, 'ASSIGNMENT_NOT_FOUND', `No assignment ${id}`);
    const role = await this.access.roleIn(me, assignment.courseId);
    if (!role) throw new ApiError(404, 'ASSIGNMENT_NOT_FOUND', `No assignment ${id}`);
    if (roles && !roles.includes(role))
      throw new ApiError(403, 'FORBIDDEN', `This needs the course role ${roles.join(' or ')}; yours is ${role}`);
    return { assignment, role };
  }

  private async view(a: AssignmentEntity, role: CourseRole, me: Principal) {
    const now = new Date();
    const open = now >= a.opensAt || role !== 'student';
    const problems = open ? await this.problemList(a.id) : [];
    const mine =
      role === 'student' && open
        ? this.standing(a, problems, (await this.attempts(a.id, me.id)).get(me.id) ?? [])
        : null;
    return {
      id: a.id,
      courseId: a.courseId,
      title: a.title,
      description: a.description,
      opensAt: a.opensAt,
      closesAt: a.closesAt,
      latePolicy: a.latePolicy,
      lastCountingAt: lastCountingInstant(window(a)),
      maxAttempts: a.maxAttempts,
      counting: a.counting,
      practiceAfterCutoff: a.practiceAfterCutoff,
      scoreboard: role === 'student' ? (a.scoreboard === 'shown' ? 'shown' : 'off') : a.scoreboard,
      /** Empty for students until the assignment opens. */
      problems: problems.map((p) => ({ problem: p.slug, name: p.name, points: p.points })),
      /** A student's own standing (null for staff, and before the assignment opens). */
      mine,
    };
  }

  /** Checks the schedule: real instants, the deadline not before the opening, the cutoff not before the deadline. */
  private schedule(input: Pick<AssignmentInput, 'opensAt' | 'closesAt' | 'latePolicy'>) {
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    if (Number.isNaN(opensAt.getTime()) || Number.isNaN(closesAt.getTime()))
      throw new ApiError(422, 'BAD_SCHEDULE', 'opensAt and closesAt must be real instants');
    if (closesAt < opensAt) throw new ApiError(422, 'BAD_SCHEDULE', 'closesAt must not be before opensAt');
    const lp = input.latePolicy ?? null;
    const cutoffAt = lp?.cutoffAt ? new Date(lp.cutoffAt) : null;
    if (cutoffAt && (Number.isNaN(cutoffAt.getTime()) || cutoffAt < closesAt))
      throw new ApiError(422, 'BAD_SCHEDULE', 'latePolicy.cutoffAt must not be before closesAt');
    return {
      opensAt,
      closesAt,
      latePolicy: lp && { per: lp.per, penaltyPercent: lp.penaltyPercent, cutoffAt: cutoffAt?.toISOString() ?? null },
    };
  }

  private async resolveProblems(me: Principal, list: { problem: string; points: number }[]) {
    const seen = new Set<string>();
    const out: { problem: ProblemEntity; points: number }[] = [];
    for (const item of list) {
      if (seen.has(item.problem))
        throw new ApiError(422, 'BAD_SCHEDULE', `The problem ${item.problem} is listed twice`);
      seen.add(item.problem);
      out.push({ problem: await this.problems.visibleBySlug(me, item.problem), points: item.points });
    }
    return out;
  }
}

/**
 * The columns Canvas's gradebook import matches students by (Student, ID, SIS User ID, SIS Login ID,
 * Section: the login is the email) and Moodle's can (Email address).
 */
const LMS_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Email address'];
const lmsCells = (s: { name: string; email: string }) => [s.name, '', '', s.email, '', s.email];
const toCsv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** One CSV field, quoted, with spreadsheet formulas defused (CSV injection). */
export function csvCell(v: string): string {
  return `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
}
