import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from './auth/auth.guard';
import { ACCESS_EXTENSION, AccessDoc, BEARER_SCHEME, describeAccess, SESSION_SCHEME } from './openapi/access';
import { ERROR_BODY_SCHEMA } from './openapi/errors';
import { COURSE_SCHEMAS } from './openapi/courses.schemas';
import { PEOPLE_SCHEMAS } from './openapi/people.schemas';
import { PROBLEM_SCHEMAS } from './openapi/problems.schemas';
import { SARIF_SCHEMA } from './openapi/sarif.schema';
import { SUBMISSION_SCHEMAS } from './openapi/submissions.schemas';

const TAGS: [string, string][] = [
  ['Auth', 'Sign in and out; who am I'],
  ['Users', 'Accounts and roster import'],
  ['Tokens', 'API tokens for automation (LMS, CI, scripts)'],
  ['Languages', 'What code can be submitted in'],
  ['Problems', 'Packages, reading, publishing, verification and grades'],
  ['Authoring', 'Problems written in a form, and what their submissions reveal'],
  ['Problem tests', "A problem's tests, one at a time"],
  ['Submissions', 'Submitting, results, live progress, findings'],
  ['Rejudge', 'Judging again after the tests changed'],
  ['Runs', 'Running code once on your own input'],
  ['Courses', 'Courses, rosters, assignments with deadlines, gradebooks and scoreboards'],
  ['Operations', 'Health and metrics (outside /api/v1)'],
];

/** The OpenAPI document of every route, built from the controllers and the shared schemas in ./openapi. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Bastion API')
    .setDescription(
      'Secure-coding online judge. Sign in with `POST /api/v1/auth/login` and send `Authorization: Bearer <accessToken>` ' +
        '(or an API token, `bst_…`, from `POST /api/v1/tokens`); the web app uses the HttpOnly session cookie the sign-in sets. ' +
        'Errors are `{ "error": { "code", "message", "details"? } }`; a 500 carries only an `errorId` to quote. ' +
        "Someone else's submission or a draft problem answers 404, as if it did not exist.",
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT or bst_…',
        description: 'A login token (JWT) or an API token (`bst_…`)',
      },
      BEARER_SCHEME,
    )
    .addCookieAuth(
      SESSION_COOKIE,
      { type: 'apiKey', in: 'cookie', description: "The web app's session: the login token in an HttpOnly cookie" },
      SESSION_SCHEME,
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ErrorBody: ERROR_BODY_SCHEMA,
      ...PEOPLE_SCHEMAS,
      ...COURSE_SCHEMAS,
      ...PROBLEM_SCHEMAS,
      ...SUBMISSION_SCHEMAS,
      Sarif: SARIF_SCHEMA,
    },
  };
  for (const item of Object.values(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const access = (op as Record<string, unknown> | undefined)?.[ACCESS_EXTENSION] as AccessDoc | undefined;
      if (!access) continue;
      const line = describeAccess(access, method);
      op.description = op.description ? `${op.description}\n\n${line}` : line;
    }
  }
  return document;
}

/** Serves the document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
