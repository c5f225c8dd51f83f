import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CourseEntity, CourseMemberEntity, type CourseRole } from '@bastion/db';
import type { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may do what in a course, written once: members see it (a course one is not in looks like a
 * missing one), staff (instructors and assistants) see its students' work and grades, instructors
 * change it. An admin acts as an instructor of every course.
 */
@Injectable()
export class CourseAccess {
  constructor(
    @InjectRepository(CourseEntity) private readonly courses: Repository<CourseEntity>,
    @InjectRepository(CourseMemberEntity) private readonly members: Repository<CourseMemberEntity>,
  ) {}

  /** The caller's role in the course, or null (an admin is an instructor everywhere). */
  async roleIn(me: Principal, courseId: string): Promise<CourseRole | null> {
    if (me.role === 'admin') return 'instructor';
    const m = await this.members.findOneBy({ courseId, userId: me.id });
    return m?.role ?? null;
  }

  /** The course, if the caller is a member with one of `roles` (any member when omitted). */
  async course(
    me: Principal,
    courseId: string,
    roles?: readonly CourseRole[],
  ): Promise<{ course: CourseEntity; role: CourseRole }> {
    const course = UUID.test(courseId) ? await this.courses.findOneBy({ id: courseId }) : null;
    const role = course ? await this.roleIn(me, course.id) : null;
    if (!course || !role) throw new ApiError(404, 'COURSE_NOT_FOUND', `No course ${courseId}`);
    if (roles && !roles.includes(role))
      throw new ApiError(403, 'FORBIDDEN', `This needs the course role ${roles.join(' or ')}; yours is ${role}`);
    return { course, role };
  }
}

export const STAFF: readonly CourseRole[] = ['instructor', 'assistant'];
export const INSTRUCTOR: readonly CourseRole[] = ['instructor'];
export const isUuid = (s: string) => UUID.test(s);
