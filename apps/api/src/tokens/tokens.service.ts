import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { ApiTokenEntity, TokenScope, UserEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { assertCallbackUrl } from '../common/callback-url';
import { accountDisabled } from '../users/accounts.service';

export const TOKEN_PREFIX = 'bst_';
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
/** How stale `last_used_at` may get before a use writes it again (keeps hot tokens off the disk). */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class TokensService {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {}

  /** Creates a token; the secret is returned this once and only its hash is kept. */
  async create(me: Principal, name: string, scopes: TokenScope[], callbackUrl?: string) {
    if (me.scopes) throw new ApiError(403, 'FORBIDDEN', 'An API token cannot create tokens; sign in');
    if (callbackUrl) await assertCallbackUrl(callbackUrl, this.config.webhooks.allowPrivate);
    const secret = TOKEN_PREFIX + randomBytes(24).toString('base64url');
    const row = await this.tokens.save(
      this.tokens.create({
        userId: me.id,
        name,
        scopes: [...new Set(scopes)],
        tokenHash: hash(secret),
        prefix: secret.slice(0, 8),
        callbackUrl: callbackUrl ?? null,
      }),
    );
    return { ...this.view(row), token: secret };
  }

  async list(me: Principal) {
    const rows = await this.tokens.find({
      where: { userId: me.id, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return rows.map((r) => this.view(r));
  }

  async revoke(me: Principal, id: string): Promise<void> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.tokens.findOneBy({ id, userId: me.id }) : null;
    if (!row || row.revokedAt) throw new ApiError(404, 'TOKEN_NOT_FOUND', `No token ${id}`);
    await this.tokens.update({ id }, { revokedAt: new Date() });
  }

  /** The principal behind a presented token (with its account's role now), or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    const row = await this.tokens.findOneBy({ tokenHash: hash(secret), revokedAt: IsNull() });
    if (!row) return null;
    const user = await this.users.findOneBy({ id: row.userId });
    if (!user) return null;
    if (user.disabledAt) throw accountDisabled();
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.tokens.update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return { id: user.id, role: user.role, scopes: row.scopes, callbackUrl: row.callbackUrl };
  }

  private view(r: ApiTokenEntity) {
    return {
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      scopes: r.scopes,
      callbackUrl: r.callbackUrl,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
    };
  }
}
