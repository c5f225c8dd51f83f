import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document at /api/docs (UI) and /api/docs-json, built from the controllers. Request
 * bodies are described by the README's API table; this document lists every route and its auth.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Bastion API')
    .setDescription(
      'Secure-coding online judge. Sign in with POST /api/v1/auth/login and send `Authorization: Bearer <token>` ' +
        '(or an API token, `bst_…`). Errors are `{ error: { code, message, details? } }`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
