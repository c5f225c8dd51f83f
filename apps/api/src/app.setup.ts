import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BastionConfig } from '@bastion/config';
import { ErrorFilter } from './common/error.filter';

/** Everything main.ts and the tests apply to the app: prefix, body limits, validation, error shape. */
export function configureApp(app: INestApplication, config: BastionConfig): void {
  const express = app as NestExpressApplication;
  const bodyLimit = Math.max(1024 * 1024, 2 * (config.limits.maxSourceBytes + config.limits.maxStdinBytes));
  express.useBodyParser('json', { limit: bodyLimit });
  express.disable('x-powered-by');
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
}
