import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Role } from '@bastion/contracts';
import { UserEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ListAccountsQuery } from './accounts.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The answer to every credential of a disabled account, and to its right password at sign-in. */
export const accountDisabled = () =>
  new ApiError(401, 'ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');

/** What the guard needs of an account on every request. */
export interface AccountState {
  id: string;
  role: Role;
  disabledAt: Date | null;
  sessionVersion: number;
}

export function accountView(u: UserEntity) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabledAt: u.disabledAt, createdAt: u.createdAt };
}

/** Accounts as admins manage them: list, disable, enable, reset the password. */
@Injectable()
export class AccountsService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** The account behind a credential, read by primary key on every request (no cache: a disable acts at once). */
  async state(id: string): Promise<AccountState | null> {
    if (!UUID.test(id)) return null;
    return this.users.findOne({
      where: { id },
      select: { id: true, role: true, disabledAt: true, sessionVersion: true },
    });
  }

  async list(q: ListAccountsQuery) {
    const qb = this.users.createQueryBuilder('u').orderBy('u.email', 'ASC').take(q.limit).skip(q.offset);
    if (q.email) {
      const like = `%${q.email.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('u.email LIKE :like', { like });
    }
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.status === 'disabled') qb.andWhere('u.disabled_at IS NOT NULL');
    if (q.status === 'active') qb.andWhere('u.disabled_at IS NULL');
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(accountView), total, limit: q.limit, offset: q.offset };
  }

  async disable(me: Principal, id: string) {
    if (id === me.id) throw new ApiError(422, 'CANNOT_DISABLE_SELF', 'You cannot disable your own account');
    const user = await this.find(id);
    // Disabling again keeps the first date.
    if (!user.disabledAt) {
      user.disabledAt = new Date();
      await this.users.update({ id }, { disabledAt: user.disabledAt });
    }
    return accountView(user);
  }

  async enable(id: string) {
    const user = await this.find(id);
    if (user.disabledAt) await this.users.update({ id }, { disabledAt: null });
    return accountView({ ...user, disabledAt: null });
  }

  /** Sets the password (a generated one when none is given, returned this once) and ends every session. */
  async resetPassword(id: string, password?: string) {
    const user = await this.find(id);
    const chosen = password ?? randomBytes(12).toString('base64url');
    const passwordHash = await argon2.hash(chosen, { type: argon2.argon2id });
    await this.users
      .createQueryBuilder()
      .update()
      .set({ passwordHash, sessionVersion: () => 'session_version + 1' })
      .where('id = :id', { id })
      .execute();
    return { ...accountView(user), ...(password === undefined ? { password: chosen } : {}) };
  }

  private async find(id: string): Promise<UserEntity> {
    const user = UUID.test(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `No account ${id}`);
    return user;
  }
}
