import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A class of one term: its instructors and teaching assistants, its students, its assignments. */
@Entity('courses')
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 100, default: '' }) term: string;
  /** The course's time zone (IANA name): deadlines are shown in it, beside the reader's own. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' }) timeZone: string;
  /** What a student types to join; null: joining by code is off. */
  @Column({ name: 'enrolment_code', type: 'varchar', length: 32, nullable: true, unique: true })
  enrolmentCode: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Instructors administer a course; assistants see and grade its work; students take it. */
export type CourseRole = 'instructor' | 'assistant' | 'student';
export const COURSE_ROLES: readonly CourseRole[] = ['instructor', 'assistant', 'student'];

@Entity('course_members')
export class CourseMemberEntity {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' }) courseId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 20 }) role: CourseRole;
  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
}
