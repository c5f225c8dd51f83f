import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BastionConfig } from '@bastion/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { ErrorFilter } from './common/error.filter';
import { AUTHORING_BODY_LIMIT } from './problems/authoring.limits';

/** Everything main.ts and the tests apply to the app: prefix, body limits, validation, error shape. */
export function configureApp(app: INestApplication, config: BastionConfig): void {
  const express = app as NestExpressApplication;
  const bodyLimit = Math.max(1024 * 1024, 2 * (config.limits.maxSourceBytes + config.limits.maxStdinBytes));
  // Test data travels as JSON text on the authoring routes: a larger body there, and only there.
  express.useBodyParser('json', {
    limit: AUTHORING_BODY_LIMIT,
    type: (req: IncomingMessage) =>
      (req.url ?? '').startsWith('/api/v1/problems') && /^application\/json\b/i.test(req.headers['content-type'] ?? ''),
  });
  express.useBodyParser('json', { limit: bodyLimit });
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // CodeMirror styles its editor through injected <style> elements.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  serveWebApp(express, config.webDir);
}

/** Serves the built web app (apps/web → dist/web) at `/`, with index.html for the SPA's own routes. */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const api =
      req.path.startsWith('/api/') || req.path === '/api' || req.path === '/health' || req.path === '/metrics';
    if (req.method !== 'GET' || api || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
