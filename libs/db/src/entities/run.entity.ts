import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LanguageId } from '@bastion/contracts';

export interface RunResult {
  verdict: string;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  exitCode: number | null;
  signal: number | null;
  timeMs: number;
  memoryKb: number;
  compileOutput: string | null;
}

/** A one-off run (POST /runs): stored so that the job payload carries only its id. */
@Entity('runs')
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 20 }) language: LanguageId;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'bytea' }) stdin: Buffer;
  @Column({ type: 'varchar', length: 20 }) status: 'queued' | 'done';
  @Column({ type: 'jsonb', nullable: true }) result: RunResult | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
