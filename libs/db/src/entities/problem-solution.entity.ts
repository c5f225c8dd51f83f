import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ExpectedOutcome, LanguageId } from '@bastion/contracts';

/** A reference solution of a problem (a package's `submissions/<verdict>/` file), run by verify. */
@Entity('problem_solutions')
export class ProblemSolutionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'problem_id', type: 'uuid' }) problemId: string;
  @Column({ type: 'integer' }) ordinal: number;
  @Column({ type: 'varchar', length: 300 }) path: string;
  /** null when Bastion cannot run it; `note` says why. */
  @Column({ type: 'varchar', length: 20, nullable: true }) language: LanguageId | null;
  @Column({ type: 'varchar', length: 10 }) expected: ExpectedOutcome;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) note: string | null;
}
