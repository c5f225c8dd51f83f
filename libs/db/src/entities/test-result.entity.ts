import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Verdict } from '@bastion/contracts';

@Entity('test_results')
@Index(['submissionId', 'ordinal'], { unique: true })
export class TestResultEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId: string;
  @Column({ name: 'test_case_id', type: 'uuid' }) testCaseId: string;
  @Column({ type: 'integer' }) ordinal: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 10 }) kind: string;
  @Column({ type: 'varchar', length: 3 }) verdict: Verdict;
  @Column({ name: 'time_ms', type: 'integer' }) timeMs: number;
  @Column({ name: 'memory_kb', type: 'integer' }) memoryKb: number;
  @Column({ name: 'exit_code', type: 'integer', nullable: true }) exitCode: number | null;
  @Column({ type: 'text', default: '' }) message: string;
}
