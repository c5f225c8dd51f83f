import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { BastionConfig } from '@bastion/config';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { QueryNumberGuardPipe, refuseDeepJson, TextGuardPipe } from './common/input-guards';
import { ErrorFilter } from './common/error.filter';
import { AUTHORING_BODY_LIMIT } from './problems/authoring.limits';

/** Everything main.ts and the tests apply to the app: prefix, body limits, validation, error shape. */
export function configureApp(app: INestApplication, config: BastionConfig): void {
  const express = app as NestExpressApplication;
  const bodyLimit = Math.max(1024 * 1024, 2 * (config.limits.maxSourceBytes + config.limits.maxStdinBytes));
  // Test data travels as JSON text on the authoring routes: a larger body there, and only there.
  // refuseDeepJson is body-parser's `verify` hook (Nest's option type leaves it out, hence the spread).
  const verify = { verify: refuseDeepJson };
  express.useBodyParser('json', {
    ...verify,
    limit: AUTHORING_BODY_LIMIT,
    type: (req: IncomingMessage) =>
      (req.url ?? '').startsWith('/api/v1/problems') && /^application\/json\b/i.test(req.headers['content-type'] ?? ''),
  });
  express.useBodyParser('json', { ...verify, limit: bodyLimit });
  express.disable('x-powered-by');
  // Which proxies' X-Forwarded-* headers count: req.secure (https at the proxy) and req.ip come from them.
  express.set('trust proxy', config.http.trustProxy);
  app.use(securityHeaders());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  app.useGlobalPipes(
    new TextGuardPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    new QueryNumberGuardPipe(),
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  serveWebApp(express, config.webDir);
}

/**
 * helmet's headers, with HSTS and CSP's upgrade-insecure-requests only on requests that came over
 * https (directly, or at a trusted TLS proxy): sent over plain http they would pin a browser to an
 * https site that may not exist, and make the web app fetch its own scripts over https.
 */
function securityHeaders() {
  const csp = (upgrade: boolean) => ({
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // CodeMirror styles its editor through injected <style> elements.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: upgrade ? [] : null,
    },
  });
  const overHttps = helmet({ contentSecurityPolicy: csp(true) });
  const overHttp = helmet({ contentSecurityPolicy: csp(false), strictTransportSecurity: false });
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? overHttps : overHttp)(req, res, next);
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
