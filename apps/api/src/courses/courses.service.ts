import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { CourseEntity, CourseMemberEntity, type CourseRole, UserEntity } from '@bastion/db';
import type { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { RosterEntry } from '../users/roster';
import { UsersService } from '../users/users.service';
import { CourseAccess, INSTRUCTOR, STAFF } from './course-access';

/** No 0/O, 1/I/L: read aloud in a classroom and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newEnrolmentCode(): string {
  const c = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${c.slice(0, 4)}-${c.slice(4)}`;
}

/** What a student typed, as codes are kept: upper case, dash after the fourth character. */
export function normaliseCode(typed: string): string {
  const c = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
}

export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new ApiError(422, 'BAD_TIME_ZONE', `${tz} is not a time zone name (use one like Asia/Seoul or UTC)`);
  }
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    @InjectRepository(CourseMemberEntity) private readonly members: Repository<CourseMemberEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly accounts: UsersService,
  ) {}

  /** A new course; its creator is its first instructor. */
  async create(me: Principal, input: { name: string; term?: string; timeZone?: string }) {
    if (input.timeZone) assertTimeZone(input.timeZone);
    const course = await this.dataSource.transaction(async (m) => {
      const c = await m.save(
        m.create(CourseEntity, {
          name: input.name.trim(),
          term: input.term?.trim() ?? '',
          timeZone: input.timeZone ?? 'UTC',
          enrolmentCode: newEnrolmentCode(),
        }),
      );
      await m.insert(CourseMemberEntity, { courseId: c.id, userId: me.id, role: 'instructor' });
      return c;
    });
    return this.view(course, 'instructor');
  }

  /** The caller's courses (an admin's: all), newest first. */
  async list(me: Principal) {
    const rows: (CourseEntity & { myRole: CourseRole })[] =
      me.role === 'admin'
        ? (await this.courses.find({ order: { createdAt: 'DESC' } })).map((c) => ({ ...c, myRole: 'instructor' }))
        : await this.courses
            .createQueryBuilder('c')
            .innerJoin(CourseMemberEntity, 'm', 'm.course_id = c.id AND m.user_id = :me', { me: me.id })
            .addSelect('m.role', 'myRole')
            .orderBy('c.created_at', 'DESC')
            .getRawAndEntities()
            .then(({ entities, raw }) =>
              entities.map((c, i) => ({ ...c, myRole: (raw[i] as { myRole: CourseRole }).myRole })),
            );
    return rows.map((c) => this.view(c, c.myRole));
  }

  async get(me: Principal, id: string) {
    const { course, role } = await this.access.course(me, id);
    return this.view(course, role);
  }

  async update(
    me: Principal,
    id: string,
    input: { name?: string; term?: string; timeZone?: string; enrolmentCode?: boolean },
  ) {
    const { course } = await this.access.course(me, id, INSTRUCTOR);
    if (input.timeZone) assertTimeZone(input.timeZone);
    const next: Partial<CourseEntity> = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.term !== undefined ? { term: input.term.trim() } : {}),
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      ...(input.enrolmentCode !== undefined ? { enrolmentCode: input.enrolmentCode ? newEnrolmentCode() : null } : {}),
    };
    if (Object.keys(next).length) await this.courses.update({ id: course.id }, next);
    return this.view({ ...course, ...next }, 'instructor');
  }

  /** Joins the course whose enrolment code this is, as a student (a member already stays what they are). */
  async join(me: Principal, typed: string) {
    const code = normaliseCode(typed);
    const course = code ? await this.courses.findOneBy({ enrolmentCode: code }) : null;
    if (!course)
      throw new ApiError(404, 'BAD_ENROLMENT_CODE', 'No course has this enrolment code; check it with your instructor');
    await this.members
      .createQueryBuilder()
      .insert()
      .values({ courseId: course.id, userId: me.id, role: 'student' })
      .orIgnore()
      .execute();
    const role = (await this.access.roleIn(me, course.id)) ?? 'student';
    return this.view(course, role);
  }

  async memberList(me: Principal, id: string) {
    const { course } = await this.access.course(me, id, STAFF);
    const rows: { id: string; email: string; name: string; role: CourseRole; addedAt: Date }[] =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.name, m.role, m.added_at AS "addedAt"
         FROM course_members m JOIN users u ON u.id = m.user_id
        WHERE m.course_id = $1 ORDER BY m.role, u.email`,
        [course.id],
      );
    return rows;
  }

  /** Adds (or changes the course role of) an existing account. */
  async addMember(me: Principal, id: string, email: string, role: CourseRole) {
    const { course } = await this.access.course(me, id, INSTRUCTOR);
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `No account with the email ${email.toLowerCase()}`);
    await this.members.upsert({ courseId: course.id, userId: user.id, role }, ['courseId', 'userId']);
    return { id: user.id, email: user.email, name: user.name, role };
  }

  async removeMember(me: Principal, id: string, userId: string) {
    const { course } = await this.access.course(me, id, INSTRUCTOR);
    if (userId === me.id)
      throw new ApiError(409, 'CANNOT_REMOVE_SELF', 'An instructor cannot remove themself; ask another instructor');
    const r = await this.members.delete({ courseId: course.id, userId });
    if (!r.affected) throw new ApiError(404, 'USER_NOT_FOUND', `No member ${userId} in this course`);
  }

  /**
   * A roster into the course: accounts that do not exist yet are created as students (as the
   * server-wide roster import does, generated passwords returned once), and every account of the
   * roster is enrolled as a student (members already there keep their course role).
   */
  async importRoster(me: Principal, id: string, entries: RosterEntry[]) {
    const { course } = await this.access.course(me, id, INSTRUCTOR);
    const { created, skipped } = await this.accounts.importRoster(
      { ...me, role: me.role === 'admin' ? 'admin' : 'instructor' },
      entries.map((e) => ({ ...e, role: 'student' })),
    );
    const emails = [...new Set(entries.map((e) => e.email.toLowerCase()).filter(Boolean))];
    const skippedForGood = new Set(skipped.filter((s) => !s.existing).map((s) => s.email.toLowerCase()));
    const users = emails.length
      ? await this.users.findBy({ email: In(emails.filter((e) => !skippedForGood.has(e))) })
      : [];
    if (users.length)
      await this.members
        .createQueryBuilder()
        .insert()
        .values(users.map((u) => ({ courseId: course.id, userId: u.id, role: 'student' as const })))
        .orIgnore()
        .execute();
    return {
      created: created.map(({ email, password }) => ({ email, ...(password ? { password } : {}) })),
      enrolled: users.map((u) => u.email).sort(),
      skipped: skipped.filter((s) => !s.existing).map(({ line, email, reason }) => ({ line, email, reason })),
    };
  }

  private view(c: CourseEntity, role: CourseRole) {
    const staff = role !== 'student';
    return {
      id: c.id,
      name: c.name,
      term: c.term,
      timeZone: c.timeZone,
      myRole: role,
      /** Staff only: what students type to join (null: joining by code is off). */
      ...(staff ? { enrolmentCode: c.enrolmentCode } : {}),
      createdAt: c.createdAt,
    };
  }
}
