import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { ENTITIES } from './entities';
import { dataSourceOptions } from './data-source';

/** TypeORM on PostgreSQL with every entity registered; schema changes only through migrations. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [BASTION_CONFIG],
      useFactory: (config: BastionConfig) => ({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3 }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  exports: [TypeOrmModule],
})
export class DbModule {}
