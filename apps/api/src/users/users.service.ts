import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import type { Role } from '@bastion/contracts';
import { UserEntity } from '@bastion/db';
import { ApiError } from '../common/api-error';

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

  /** The first admin comes from BASTION_ADMIN_EMAIL / BASTION_ADMIN_PASSWORD; created once, never overwritten. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    const hash = await argon2.hash(adminPassword, { type: argon2.argon2id });
    const r = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: adminEmail.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash: hash })
      .orIgnore()
      .execute();
    if (r.identifiers.length && r.identifiers[0]) this.log.log(`created the admin account ${adminEmail}`);
  }

  async create(input: NewUser): Promise<UserEntity> {
    const email = input.email.toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new ApiError(409, 'USER_EXISTS', `An account with the email ${email} already exists`);
    }
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id });
    return this.users.save(this.users.create({ email, name: input.name, role: input.role, passwordHash }));
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
