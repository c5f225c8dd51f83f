import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { Initial1763900000000 } from './migrations/1763900000000-Initial';
import { TokensAndIdempotency1763910000000 } from './migrations/1763910000000-TokensAndIdempotency';
import { Security1763920000000 } from './migrations/1763920000000-Security';
import { AttackTests1763930000000 } from './migrations/1763930000000-AttackTests';
import { Webhooks1763940000000 } from './migrations/1763940000000-Webhooks';
import { ScoringAndVerification1763945000000 } from './migrations/1763945000000-ScoringAndVerification';
import { AccountStatus1765000000000 } from './migrations/1765000000000-AccountStatus';
import { Courses1766000000000 } from './migrations/1766000000000-Courses';

export const MIGRATIONS = [
  Initial1763900000000,
  TokensAndIdempotency1763910000000,
  Security1763920000000,
  AttackTests1763930000000,
  Webhooks1763940000000,
  ScoringAndVerification1763945000000,
  AccountStatus1765000000000,
  Courses1766000000000,
];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  };
}

/** Runs pending migrations; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** The TypeORM CLI's data source (`typeorm -d dist/libs/db/src/data-source.js`). */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://bastion:bastion@127.0.0.1:5432/bastion'),
);
