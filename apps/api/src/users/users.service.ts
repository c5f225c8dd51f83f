import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import type { Role } from '@bastion/contracts';
import { UserEntity } from '@bastion/db';
import { validate } from 'class-validator';
import type { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import type { RosterEntry } from './roster';
import { CreateUserDto } from './users.dto';

/** What earlier versions created the first admin with, printed in their README: never to be kept. */
const PUBLIC_OLD_ADMIN_PASSWORD = 'bastion-admin';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: Role;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly log = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {}

  /**
   * The first admin comes from BASTION_ADMIN_EMAIL / BASTION_ADMIN_PASSWORD and is created once,
   * never overwritten. Without a configured password a random one is made and logged this once.
   * An admin still on the password earlier versions shipped with (public, in their README) gets
   * the configured one instead.
   */
  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail } = this.config.auth;
    const generated = this.config.auth.adminPassword === null;
    const password = this.config.auth.adminPassword ?? randomBytes(15).toString('base64url');
    const hash = await argon2.hash(password, { type: argon2.argon2id });
    const email = adminEmail.toLowerCase();
    const r = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, name: 'Administrator', role: 'admin', passwordHash: hash })
      .orIgnore()
      .execute();
    if (r.identifiers.length && r.identifiers[0]) {
      this.log.log(`created the admin account ${adminEmail}${generated ? ` with the password ${password}` : ''}`);
      return;
    }
    const admin = await this.users.findOneBy({ email });
    if (
      admin &&
      !generated &&
      (await argon2.verify(admin.passwordHash, PUBLIC_OLD_ADMIN_PASSWORD).catch(() => false))
    ) {
      await this.users.update({ id: admin.id }, { passwordHash: hash });
      this.log.warn(
        `the admin account ${adminEmail} had the old public default password; it now has the configured one`,
      );
    }
  }

  async create(input: NewUser): Promise<UserEntity> {
    const email = input.email.toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new ApiError(409, 'USER_EXISTS', `An account with the email ${email} already exists`);
    }
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
    return this.users.save(this.users.create({ email, name: input.name, role: input.role, passwordHash }));
  }

  /**
   * Creates the roster's accounts: each row validated as POST /users would, instructors creating
   * students only; rows without a password get a generated one (returned once). Rows that cannot be
   * created are skipped with the reason; `existing` marks those whose account already exists.
   */
  async importRoster(
    me: Principal,
    entries: RosterEntry[],
  ): Promise<{
    created: { email: string; role: string; password?: string }[];
    skipped: { line: number; email: string; reason: string; existing: boolean }[];
  }> {
    const created: { email: string; role: string; password?: string }[] = [];
    const skipped: { line: number; email: string; reason: string; existing: boolean }[] = [];
    for (const e of entries) {
      const problem = await validate(
        Object.assign(new CreateUserDto(), { ...e, password: e.password ?? 'generated-ok' }),
      );
      if (problem.length) {
        const reason = Object.values(problem[0].constraints ?? {})[0] ?? 'invalid';
        skipped.push({ line: e.line, email: e.email, reason, existing: false });
        continue;
      }
      if (me.role === 'instructor' && e.role !== 'student') {
        const reason = 'instructors may create student accounts only';
        skipped.push({ line: e.line, email: e.email, reason, existing: false });
        continue;
      }
      const password = e.password ?? randomBytes(9).toString('base64url');
      try {
        await this.create({ email: e.email, name: e.name, role: e.role as Role, password });
        created.push({ email: e.email.toLowerCase(), role: e.role, ...(e.password ? {} : { password }) });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        skipped.push({ line: e.line, email: e.email, reason: err.message, existing: err.code === 'USER_EXISTS' });
      }
    }
    return { created, skipped };
  }

  async profile(id: string) {
    const u = await this.users.findOneBy({ id });
    if (!u) throw new ApiError(401, 'INVALID_TOKEN', 'The account no longer exists');
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  }

  /** The user with these credentials, or null; verifies a dummy hash when the email is unknown to keep timing even. */
  async verify(email: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash()), password).catch(() => false);
    return user && ok ? user : null;
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= argon2.hash('not-a-password', { type: argon2.argon2id });
    return this.dummy;
  }
}
