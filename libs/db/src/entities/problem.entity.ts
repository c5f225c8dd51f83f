import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckerSpec, ExpectedOutcome, LanguageId, ProblemScoring, Verdict } from '@bastion/contracts';
import type { SecurityPolicy } from '@bastion/security';

/** Where a problem's time limit came from: its package, Bastion's default, or its reference solutions. */
export type TimeLimitSource = 'package' | 'default' | 'pending' | 'reference' | 'edited';

export interface VerifiedSolution {
  path: string;
  language: LanguageId | null;
  expected: ExpectedOutcome;
  verdict: Verdict | null;
  score: number | null;
  /** The slowest test's CPU time. */
  timeMs: number | null;
  /** Whether the verdict is the one its folder expects; null when not run or nothing is expected. */
  ok: boolean | null;
  submissionId: string | null;
  note: string | null;
}

/** The report of running a problem's reference solutions (POST /problems/:slug/verify). */
export interface Verification {
  status: 'running' | 'done' | 'failed';
  /** Who asked; the reference solutions are judged as their submissions. */
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  timeLimitMs: number;
  timeLimitSource: TimeLimitSource;
  /** Every runnable solution met its expectation (null while running). */
  ok: boolean | null;
  error: string | null;
  solutions: VerifiedSolution[];
}

@Entity('problems')
export class ProblemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column({ type: 'text', default: '' }) statement: string;
  @Column({ name: 'time_limit_ms', type: 'integer' }) timeLimitMs: number;
  @Column({ name: 'memory_limit_mb', type: 'integer' }) memoryLimitMb: number;
  @Column({ name: 'output_limit_bytes', type: 'integer' }) outputLimitBytes: number;
  @Column({ type: 'jsonb' }) checker: CheckerSpec;
  @Column({ type: 'boolean', default: false }) published: boolean;
  /** The security policy from bastion.yaml; null means the defaults. */
  @Column({ type: 'jsonb', nullable: true }) security: SecurityPolicy | null;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  /** null means pass-fail: the share of test points earned. */
  @Column({ type: 'jsonb', nullable: true }) scoring: ProblemScoring | null;
  @Column({ type: 'jsonb', nullable: true }) verification: Verification | null;
  @Column({ name: 'time_limit_source', type: 'varchar', length: 20, default: 'package' })
  timeLimitSource: TimeLimitSource;
  @Column({ name: 'time_multiplier', type: 'double precision', default: 5 }) timeMultiplier: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
