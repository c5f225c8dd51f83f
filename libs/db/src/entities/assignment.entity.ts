import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** What lateness costs (see apps/api/src/courses/assignment-rules.ts). */
export interface LatePolicyValue {
  per: 'day' | 'hour';
  penaltyPercent: number;
  cutoffAt: string | null;
}

export type ScoreboardMode = 'off' | 'hidden' | 'shown';

/** Problems of a course to solve between an opening and a deadline. */
@Entity('assignments')
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', default: '' }) description: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt: Date;
  /** null: nothing counts after the deadline. */
  @Column({ name: 'late_policy', type: 'jsonb', nullable: true }) latePolicy: LatePolicyValue | null;
  /** Graded submissions per student and problem; null: no limit. */
  @Column({ name: 'max_attempts', type: 'integer', nullable: true }) maxAttempts: number | null;
  @Column({ type: 'varchar', length: 10, default: 'best' }) counting: 'best' | 'last';
  /** After the last instant that counts, submissions are judged as practice instead of refused. */
  @Column({ name: 'practice_after_cutoff', type: 'boolean', default: false }) practiceAfterCutoff: boolean;
  @Column({ type: 'varchar', length: 10, default: 'off' }) scoreboard: ScoreboardMode;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('assignment_problems')
export class AssignmentProblemEntity {
  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' }) assignmentId: string;
  @PrimaryColumn({ name: 'problem_id', type: 'uuid' }) problemId: string;
  @Column({ type: 'integer' }) ordinal: number;
  @Column({ type: 'integer' }) points: number;
}
