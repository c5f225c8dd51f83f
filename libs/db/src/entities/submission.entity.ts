import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupScore, LanguageId, SubmissionStatus, Verdict } from '@bastion/contracts';
import type { SecurityOutcome } from '@bastion/security';

@Entity('submissions')
@Index(['status', 'updatedAt'])
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'problem_id', type: 'uuid' }) problemId: string;
  @Column({ type: 'varchar', length: 20 }) language: LanguageId;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'varchar', length: 20 }) status: SubmissionStatus;
  @Column({ type: 'varchar', length: 3, nullable: true }) verdict: Verdict | null;
  @Column({ type: 'double precision', nullable: true }) score: number | null;
  @Column({ name: 'max_score', type: 'double precision', nullable: true }) maxScore: number | null;
  @Column({ type: 'jsonb', nullable: true }) security: SecurityOutcome | null;
  /** Per-group results of a scoring problem. */
  @Column({ type: 'jsonb', nullable: true }) groups: GroupScore[] | null;
  @Column({ name: 'compile_output', type: 'text', nullable: true }) compileOutput: string | null;
  /** The judge's own error, for operators; never shown to the student. */
  @Column({ name: 'internal_error', type: 'text', nullable: true }) internalError: string | null;
  @Column({ name: 'callback_url', type: 'varchar', length: 2000, nullable: true }) callbackUrl: string | null;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  /** The course assignment it was made for; null: a plain submission to the problem. */
  @Column({ name: 'assignment_id', type: 'uuid', nullable: true }) assignmentId: string | null;
  /** What lateness took from its score (percent), decided when the API accepted it; null: on time or no assignment. */
  @Column({ name: 'late_penalty_percent', type: 'double precision', nullable: true }) latePenaltyPercent: number | null;
  /** Made to an assignment after the last instant that counts: judged, not graded. */
  @Column({ type: 'boolean', default: false }) practice: boolean;
  /** When the API accepted it: what deadlines are measured against, whenever it was judged. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
