import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { setupOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  const config = app.get<BastionConfig>(BASTION_CONFIG);
  configureApp(app, config);
  setupOpenApi(app);
  await app.listen(config.http.port, config.http.host);
  new Logger('Api').log(`listening on http://${config.http.host}:${config.http.port}`);
}

bootstrap().catch((err: Error) => {
  console.error(`api failed to start: ${err.message}`);
  process.exit(1);
});
