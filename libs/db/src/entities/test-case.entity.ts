import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** sample and secret tests score; attack tests probe safety (a failure there is a security finding). */
export type TestKind = 'sample' | 'secret' | 'attack';

/** One test: its data lives in PostgreSQL, addressed by SHA-256 so workers can cache it on disk. */
@Entity('test_cases')
@Index(['problemId', 'ordinal'], { unique: true })
export class TestCaseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'problem_id', type: 'uuid' }) problemId: string;
  @Column({ type: 'integer' }) ordinal: number;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 10 }) kind: TestKind;
  @Column({ type: 'integer', default: 1 }) points: number;
  @Column({ type: 'bytea', select: false }) input: Buffer;
  @Column({ type: 'bytea', select: false }) answer: Buffer;
  @Column({ name: 'input_hash', type: 'char', length: 64 }) inputHash: string;
  @Column({ name: 'answer_hash', type: 'char', length: 64 }) answerHash: string;
  /** False for an attack test without an .ans: only a crash or forbidden output fails it. */
  @Column({ name: 'check_answer', type: 'boolean', default: true }) checkAnswer: boolean;
  /** Strings that must not appear in the output (an attack test's .forbid lines). */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) forbidden: string[];
}
