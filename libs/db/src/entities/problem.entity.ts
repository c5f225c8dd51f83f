import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CheckerSpec } from '@bastion/contracts';
import type { SecurityPolicy } from '@bastion/security';

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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
