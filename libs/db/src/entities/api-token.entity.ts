import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TOKEN_SCOPES = ['submit', 'read', 'author'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** An API token for automation: only its SHA-256 is stored; the token itself is shown once. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true }) tokenHash: string;
  @Column({ type: 'varchar', length: 8 }) prefix: string;
  @Column({ type: 'text', array: true }) scopes: TokenScope[];
  /** Where results of submissions made with this token are delivered, unless a submission names its own. */
  @Column({ name: 'callback_url', type: 'varchar', length: 2000, nullable: true }) callbackUrl: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
