import { Global, Module } from '@nestjs/common';
import { BastionConfig, loadConfig } from './config';

export const BASTION_CONFIG = Symbol('BASTION_CONFIG');

/** Provides the parsed configuration under the BASTION_CONFIG token; parsing fails fast at boot. */
@Global()
@Module({
  providers: [{ provide: BASTION_CONFIG, useFactory: (): BastionConfig => loadConfig() }],
  exports: [BASTION_CONFIG],
})
export class ConfigModule {}
