// Persistence: TypeORM entities, committed migrations and the Nest module that wires them.
export * from './entities';
export * from './data-source';
export * from './db.module';
export * from './redis.module';
export * from './events';
export * from './binary-copy';
