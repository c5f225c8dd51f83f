import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@bastion/contracts';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 320, unique: true }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 20 }) role: Role;
  @Column({ name: 'password_hash', type: 'varchar', length: 200 }) passwordHash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  /** Set while an admin has the account disabled: no sign-in, and its sessions and API tokens are refused. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  /** Carried in sign-in tokens as `ver`; a password reset bumps it, ending every earlier session. */
  @Column({ name: 'session_version', type: 'integer', default: 0 }) sessionVersion: number;
}
